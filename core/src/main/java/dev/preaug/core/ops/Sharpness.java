package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.adjust_sharpness(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Sharpness(img).enhance(factor)}. Blends from the SMOOTH-filtered image: factor 0 is
 * smoothed, 1 the input, above 1 sharpened. Spec: {@code sharpness(factor)}.
 */
public final class Sharpness extends FactorOp {
  static final String NAME = "sharpness";
  /** {@code sharpness(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_sharpness(img, factor) = "
          + "ImageEnhance.Sharpness(img).enhance(factor)",
      a -> new Sharpness(a[0]), OpKind.Param.real("factor", 0, 1000));

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Sharpness(double factor) {
    super(NAME, factor);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // The enhancer blends from the SMOOTH-filtered image (border pixels copied) to the input.
    return PixelMaps.blend(Filter3x3.smooth(in), in, factor());
  }
}
