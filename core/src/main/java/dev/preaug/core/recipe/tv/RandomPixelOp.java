package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.AutoContrast;
import dev.preaug.core.ops.Equalize;
import dev.preaug.core.ops.Invert;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.Posterize;
import dev.preaug.core.ops.Sharpness;
import dev.preaug.core.ops.Solarize;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's one-op random transforms with a fixed op: {@code RandomInvert(p)}, {@code
 * RandomPosterize(bits, p)}, {@code RandomSolarize(threshold, p)}, {@code
 * RandomAdjustSharpness(sharpness_factor, p)}, {@code RandomAutocontrast(p)} and {@code
 * RandomEqualize(p)}: with probability {@code p} the op ({@code F.invert}, {@code F.posterize},
 * {@code F.solarize}, {@code F.adjust_sharpness}, {@code F.autocontrast}, {@code F.equalize}),
 * otherwise nothing.
 *
 * <p>Draws one {@code torch.rand(1)} ({@link Rng#nextFloat}). Unlike the flips, these compare
 * {@code torch.rand(1).item() < p}: the float32 draw as a Python float against {@code p} in
 * double precision, so the threshold is {@code p} itself, not {@code (float) p}.
 */
public final class RandomPixelOp implements Stage {
  private final String transform;
  /** The op's own arguments as torchvision text ({@code bits=4, }), empty when it has none. */
  private final String arguments;
  private final Op op;
  private final double p;

  private RandomPixelOp(String transform, String arguments, Op op, double p) {
    Probability.of(transform, p);
    this.transform = transform;
    this.arguments = arguments;
    this.op = Objects.requireNonNull(op);
    this.p = p;
  }

  /** torchvision's {@code RandomInvert(p)}. */
  public static RandomPixelOp invert(double p) {
    return new RandomPixelOp("RandomInvert", "", Invert.INSTANCE, p);
  }

  /**
   * torchvision's {@code RandomPosterize(bits, p)}.
   *
   * @throws IllegalArgumentException for bits outside [0, 8] or p outside [0, 1]
   */
  public static RandomPixelOp posterize(int bits, double p) {
    if (bits < 0 || bits > 8) {
      throw new IllegalArgumentException("RandomPosterize bits must be an int in [0, 8], got "
          + bits);
    }
    return new RandomPixelOp("RandomPosterize", "bits=" + bits + ", ", new Posterize(bits), p);
  }

  /** torchvision's {@code RandomSolarize(threshold, p)}. */
  public static RandomPixelOp solarize(double threshold, double p) {
    return new RandomPixelOp("RandomSolarize", "threshold=" + PyLiteral.repr(threshold) + ", ",
        new Solarize(threshold), p);
  }

  /**
   * torchvision's {@code RandomAdjustSharpness(sharpness_factor, p)}.
   *
   * @throws IllegalArgumentException for a negative factor or p outside [0, 1]
   */
  public static RandomPixelOp adjustSharpness(double factor, double p) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("RandomAdjustSharpness sharpness_factor must be a"
          + " finite number >= 0, got " + PyLiteral.repr(factor));
    }
    return new RandomPixelOp("RandomAdjustSharpness", "sharpness_factor="
        + PyLiteral.repr(factor) + ", ", new Sharpness(factor), p);
  }

  /** torchvision's {@code RandomAutocontrast(p)}. */
  public static RandomPixelOp autocontrast(double p) {
    return new RandomPixelOp("RandomAutocontrast", "", AutoContrast.INSTANCE, p);
  }

  /** torchvision's {@code RandomEqualize(p)}. */
  public static RandomPixelOp equalize(double p) {
    return new RandomPixelOp("RandomEqualize", "", Equalize.INSTANCE, p);
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    if (rng.nextFloat() < p) {
      out.add(op);
    }
  }

  /** Always null: these ops keep the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code RandomPosterize(bits=4, p=0.5)}: the op's arguments, then p. */
  @Override
  public String spec() {
    return transform + "(" + arguments + "p=" + PyLiteral.repr(p) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomPixelOp && ((RandomPixelOp) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
