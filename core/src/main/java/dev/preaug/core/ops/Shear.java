package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Mirrors Pillow's {@code img.transform(img.size, Image.AFFINE, (1, xShear, 0, yShear, 1, 0))}
 * with its defaults, NEAREST sampling and black fill (pillow-ops.md section 2). The tuple is the
 * inverse map, so output pixel {@code (x, y)} reads input
 * {@code (x + xShear*y, yShear*x + y)} (pixel centres, floored). Spec: {@code shear(x,y)}.
 */
public final class Shear implements Op, Interleaved {
  static final String NAME = "shear";
  /** {@code shear(x,y)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "img.transform(img.size, Image.AFFINE, (1, x, 0, y, 1, 0))", a -> new Shear(a[0], a[1]),
      OpKind.Param.real("x", -10, 10), OpKind.Param.real("y", -10, 10));

  private final double xShear;
  private final double yShear;

  /** @throws IllegalArgumentException if a factor is NaN or infinite */
  public Shear(double xShear, double yShear) {
    this.xShear = Params.finite(NAME, "x", xShear);
    this.yShear = Params.finite(NAME, "y", yShear);
  }

  public double xShear() {
    return xShear;
  }

  public double yShear() {
    return yShear;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    if (xShear == 0.0 && yShear == 0.0) {
      // Pillow sends the identity matrix to its double "scale" engine, which copies exactly.
      return GrayImage.of(in.width(), in.height(), in.array());
    }
    return AffineNearest.transform(in, 1.0, xShear, 0.0, yShear, 1.0, 0.0);
  }

  /** A colour image in one pass over its interleaved pixels, not band by band. */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1 || (xShear == 0.0 && yShear == 0.0)) {
      return Op.super.apply(in);
    }
    return AffineNearest.transform(in, 1.0, xShear, 0.0, yShear, 1.0, 0.0);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(xShear) + "," + OpSpecs.format(yShear) + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Shear)) {
      return false;
    }
    Shear other = (Shear) o;
    return Params.sameBits(xShear, other.xShear) && Params.sameBits(yShear, other.yShear);
  }

  @Override
  public int hashCode() {
    return (Double.hashCode(xShear) * 31 + Double.hashCode(yShear)) * 31 + 2;
  }

  @Override
  public String toString() {
    return spec();
  }
}
