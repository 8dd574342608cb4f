package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Fill;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's {@code transforms.RandomRotation(degrees, interpolation, expand, center, fill)}:
 * {@code F.rotate(img, angle, interpolation, expand, center, fill)} with an angle drawn
 * uniformly from {@code degrees}, which on a PIL image is Pillow's {@code img.rotate(angle,
 * resample, expand, center, fillcolor=fill)}. The op is {@code rotate} ({@link Rotate}).
 *
 * <p>Draws as {@code RandomRotation.get_params} does: one {@code torch.empty(1).uniform_(lo,
 * hi)} ({@link Rng#uniformFloat}, float32), passed on as a Python float.
 *
 * <p>Not supported: {@code center} (preaug's rotate turns about the image centre, so a given
 * centre is refused when parsed) and {@code expand=True}, which grows the image for most angles
 * ({@link #unfit} says so, since a recipe's stages keep the image size).
 */
public final class RandomRotation implements Stage {
  /** The interpolations Pillow's rotate takes, which {@link Rotate} computes. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");

  private final double lo;
  private final double hi;
  private final String interpolation;
  private final boolean expand;
  private final Fill fill;

  /**
   * torchvision's {@code RandomRotation(degrees=(lo, hi), interpolation, expand, fill=fill)};
   * its {@code fill=None} and default 0 are both {@link Fill#BLACK}.
   *
   * @throws IllegalArgumentException unless {@code lo <= hi} (torch's {@code uniform_} refuses
   *     the reverse), both within 1e6, and the interpolation is nearest, bilinear or bicubic
   */
  public RandomRotation(double lo, double hi, String interpolation, boolean expand, Fill fill) {
    if (!(lo <= hi) || !(Math.abs(lo) <= 1e6) || !(Math.abs(hi) <= 1e6)) {
      throw new IllegalArgumentException("RandomRotation degrees must be a number >= 0 or a pair"
          + " (min, max) with min <= max, within 1e6, got " + PyLiteral.pair(lo, hi));
    }
    if (!INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException("RandomRotation interpolation must be one of "
          + TorchvisionPipeline.modes(INTERPOLATIONS) + ", got " + interpolation);
    }
    this.lo = lo;
    this.hi = hi;
    this.interpolation = interpolation;
    this.expand = expand;
    this.fill = Objects.requireNonNull(fill, "RandomRotation fill");
  }

  /** {@code RandomRotation(degrees)}: angles in {@code [-degrees, degrees]}, NEAREST, fill 0. */
  public RandomRotation(double degrees) {
    this(-degrees, degrees, "nearest", false, Fill.BLACK);
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    double angle = rng.uniformFloat((float) lo, (float) hi);
    out.add(new Rotate(angle, interpolation, fill));
  }

  /** Also refuses a fill with a value per band on mode L images. */
  @Override
  public String unfit(int width, int height, int channels) {
    String why = unfit(width, height);
    return why != null ? why : TvArgs.fillUnfit("RandomRotation", fill, channels);
  }

  /** {@code expand=True} makes larger images for all but multiples of 180 degrees. */
  @Override
  public String unfit(int width, int height) {
    if (!expand) {
      return null;
    }
    return "RandomRotation expand=True makes images larger than the input's " + width + "x"
        + height + " (WxH) for most angles, and a pipeline's transforms keep the image size: use"
        + " expand=False";
  }

  /**
   * {@code RandomRotation(degrees=(-15.0, 15.0))}, then interpolation, expand and fill when not
   * torchvision's defaults.
   */
  @Override
  public String spec() {
    StringBuilder sb = new StringBuilder("RandomRotation(degrees=")
        .append(PyLiteral.pair(lo, hi));
    if (!interpolation.equals("nearest")) {
      sb.append(", interpolation=").append(TvArgs.modeText(interpolation));
    }
    if (expand) {
      sb.append(", expand=True");
    }
    if (!fill.equals(Fill.BLACK)) {
      sb.append(", fill=").append(TvArgs.fillText(fill));
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomRotation && ((RandomRotation) o).spec().equals(spec());
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
