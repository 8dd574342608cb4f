package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.adjust_sharpness(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Sharpness(img).enhance(factor)}. Blends from the SMOOTH-filtered image: factor 0 is
 * smoothed, 1 the input, above 1 sharpened. Spec: {@code sharpness(factor)}.
 */
public final class Sharpness extends FactorOp implements Interleaved {
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

  /** The smoothing and the blend on the interleaved samples, every band its gray result. */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    return Image.wrap(in.width(), in.height(), in.channels(),
        PixelMaps.blend(Filter3x3.smooth(in).array(), in.array(), factor()));
  }
}
