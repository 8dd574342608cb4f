package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandAugment(num_ops, magnitude, num_magnitude_bins)} with its
 * default NEAREST interpolation and fill {@code None}: {@code num_ops} times, one of 14 ops
 * uniformly (Identity, ShearX, ShearY, TranslateX, TranslateY, Rotate, Brightness, Color,
 * Contrast, Sharpness, Posterize, Solarize, AutoContrast, Equalize), all at the one magnitude bin
 * {@code magnitude} of {@link AugmentationSpace#randAugment}, signed ops negated with probability
 * 1/2.
 *
 * <p>Draws, per op, as {@code RandAugment.forward} makes them: the op index ({@code
 * torch.randint(14, (1,))}, here {@code rng.nextLong(14)}), then, only for a signed op, the sign
 * ({@code torch.randint(2, (1,))}, negative when 1). The same op may be drawn twice. Identity
 * appends nothing, so a record may get fewer than {@code num_ops} ops.
 *
 * <p>TranslateX and TranslateY scale with the image ({@code 150/331} of its width or height at
 * the last bin), so the ops are resolved once per image size and reused.
 */
public final class RandAugment implements Stage {
  private final int numOps;
  private final int magnitude;
  private final int numMagnitudeBins;
  /** The ops for the last image size sampled: a dataset's records all share one. */
  private volatile Sized sized;

  /** Each op of the space at this stage's bin, unsigned ([i][0]) and negated ([i][1]). */
  private static final class Sized {
    final int width;
    final int height;
    final Op[][] ops;
    final boolean[] signed;

    Sized(int width, int height, Op[][] ops, boolean[] signed) {
      this.width = width;
      this.height = height;
      this.ops = ops;
      this.signed = signed;
    }
  }

  /**
   * torchvision's {@code RandAugment(num_ops, magnitude, num_magnitude_bins)}; its defaults are
   * 2, 9 and 31.
   *
   * @throws IllegalArgumentException when {@code numOps < 0}, {@code numMagnitudeBins} is outside
   *     [2, 32768] (torch's linspace changes how it rounds beyond), or {@code magnitude} is not a
   *     bin index in [0, numMagnitudeBins)
   */
  public RandAugment(int numOps, int magnitude, int numMagnitudeBins) {
    if (numOps < 0) {
      throw new IllegalArgumentException("RandAugment num_ops must be >= 0, got " + numOps);
    }
    checkBins("RandAugment", numMagnitudeBins);
    if (magnitude < 0 || magnitude >= numMagnitudeBins) {
      throw new IllegalArgumentException("RandAugment magnitude must be a bin index in [0, "
          + "num_magnitude_bins) = [0, " + numMagnitudeBins + "), got " + magnitude);
    }
    this.numOps = numOps;
    this.magnitude = magnitude;
    this.numMagnitudeBins = numMagnitudeBins;
  }

  /** The bin-count rule RandAugment and TrivialAugmentWide share. */
  static void checkBins(String who, int bins) {
    if (bins < 2 || bins > TorchMath.MAX_LINSPACE) {
      throw new IllegalArgumentException(who + " num_magnitude_bins must be in [2, "
          + TorchMath.MAX_LINSPACE + "], got " + bins);
    }
  }

  public int numOps() {
    return numOps;
  }

  public int magnitude() {
    return magnitude;
  }

  public int numMagnitudeBins() {
    return numMagnitudeBins;
  }

  /** The augmentation space this stage draws from for a {@code width} x {@code height} image. */
  AugmentationSpace space(int width, int height) {
    return AugmentationSpace.randAugment(numMagnitudeBins, width, height);
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    Sized s = sized(width, height);
    for (int i = 0; i < numOps; i++) {
      int k = (int) rng.nextLong(s.ops.length);
      // Python's `signed and torch.randint(...)`: only a signed op draws a sign.
      boolean negative = s.signed[k] && rng.nextLong(2) != 0;
      Op op = s.ops[k][negative ? 1 : 0];
      if (op != null) {
        out.add(op);
      }
    }
  }

  private Sized sized(int width, int height) {
    Sized s = sized;
    if (s == null || s.width != width || s.height != height) {
      AugmentationSpace space = space(width, height);
      Op[][] ops = new Op[space.size()][2];
      boolean[] signed = new boolean[ops.length];
      for (int k = 0; k < ops.length; k++) {
        AugmentationSpace.Entry e = space.get(k);
        int bin = e.hasBins() ? magnitude : 0;
        signed[k] = e.signed;
        ops[k][0] = e.op.op(e.applied(bin, false));
        ops[k][1] = e.signed ? e.op.op(e.applied(bin, true)) : ops[k][0];
      }
      s = new Sized(width, height, ops, signed);
      sized = s;
    }
    return s;
  }

  /** Always null: every op keeps the image size, and every size has its translations. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31)}. */
  @Override
  public String spec() {
    return "RandAugment(num_ops=" + numOps + ", magnitude=" + magnitude + ", num_magnitude_bins="
        + numMagnitudeBins + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandAugment && ((RandAugment) o).spec().equals(spec());
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
