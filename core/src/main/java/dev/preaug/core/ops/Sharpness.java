package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.adjust_sharpness(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Sharpness(img).enhance(factor)}. Blends from the SMOOTH-filtered image: factor 0 is
 * smoothed, 1 the input, above 1 sharpened. Spec: {@code sharpness(factor)}.
 */
public final class Sharpness implements Op {
  static final String NAME = "sharpness";
  /** {@code sharpness(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_sharpness(img, factor) = "
          + "ImageEnhance.Sharpness(img).enhance(factor)",
      a -> new Sharpness(a[0]), OpKind.Param.real("factor", 0, 1000));

  private final double factor;

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Sharpness(double factor) {
    this.factor = Params.finite(NAME, "factor", factor);
    if (factor < 0) {
      // torchvision refuses negative factors before Pillow sees them.
      throw new IllegalArgumentException(NAME + " factor must be >= 0, got " + Params.show(factor));
    }
  }

  public double factor() {
    return factor;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // The enhancer blends from the SMOOTH-filtered image (border pixels copied) to the input.
    return PixelMaps.blend(Filter3x3.smooth(in), in, factor);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sharpness && Params.sameBits(factor, ((Sharpness) o).factor);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(factor) * 31 + 30;
  }

  @Override
  public String toString() {
    return spec();
  }
}
