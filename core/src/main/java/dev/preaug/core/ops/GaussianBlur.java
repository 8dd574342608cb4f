package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Mirrors Pillow's {@code img.filter(ImageFilter.GaussianBlur(radius))} (pillow-ops.md section 5):
 * not a sampled Gaussian but three passes of an "extended box" filter per axis, all horizontal
 * passes before the vertical ones, each pass rounded to 8 bits. Spec: {@code gaussian_blur(r)}.
 *
 * <p>The box radius and its 24-bit weights depend only on the radius, so they are computed once
 * per instance.
 */
public final class GaussianBlur implements Op, Interleaved {
  static final String NAME = "gaussian_blur";
  /** {@code gaussian_blur(radius)}. */
  public static final OpKind KIND = OpKind.of(NAME, "img.filter(ImageFilter.GaussianBlur(radius))",
      a -> new GaussianBlur(a[0]), OpKind.Param.real("radius", 0, 1000));
  static final int PASSES = 3;
  /** Far beyond any useful blur; keeps the box radius an int without Pillow's undefined casts. */
  static final double MAX_RADIUS = 1e6;

  private final double radius;
  private final float boxRadius;
  private final BoxBlur box;

  /** @throws IllegalArgumentException unless {@code 0 <= radius <= 1e6} */
  public GaussianBlur(double radius) {
    if (!(radius >= 0.0 && radius <= MAX_RADIUS)) {
      throw new IllegalArgumentException(
          NAME + " radius must be a number in [0, " + OpSpecs.format(MAX_RADIUS) + "], got "
              + Params.show(radius));
    }
    this.radius = radius;
    this.boxRadius = boxRadius(radius);
    this.box = BoxBlur.forBoxRadius(boxRadius);
  }

  public double radius() {
    return radius;
  }

  /**
   * The extended box radius for the requested sigma (section 5.1). Pillow receives the radius as
   * a C float and does most of this in float; the square root and floor in double. Doing any of
   * it in double instead moves {@code ww} for some radii (1.0 among them).
   */
  static float boxRadius(double radius) {
    float r = (float) radius;
    float sigma2 = r * r / PASSES;
    float bigL = (float) Math.sqrt(12.0 * sigma2 + 1.0);
    float l = (float) Math.floor((bigL - 1.0) / 2.0);
    float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
    a /= 6 * (sigma2 - (l + 1) * (l + 1));
    return l + a;
  }

  /** The box radius as float bits, for tests and the docs' table. */
  float boxRadius() {
    return boxRadius;
  }

  BoxBlur box() {
    return box;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    if (radius == 0.0) {
      // Pillow 10.1+ returns a copy; earlier versions compute the same pixels the long way.
      return GrayImage.of(in.width(), in.height(), in.array());
    }
    return box.blur(in, PASSES);
  }

  /** A colour image in one pass over its interleaved pixels, not band by band. */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1 || radius == 0.0) {
      return Op.super.apply(in);
    }
    return Image.wrap(in.width(), in.height(), in.channels(),
        box.blur(in.array(), in.width(), in.height(), in.channels(), PASSES));
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(radius) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianBlur && Params.sameBits(radius, ((GaussianBlur) o).radius);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(radius) * 31 + 5;
  }

  @Override
  public String toString() {
    return spec();
  }
}
