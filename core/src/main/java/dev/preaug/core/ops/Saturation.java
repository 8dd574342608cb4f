package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.adjust_saturation(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Color(img).enhance(factor)}: a blend from {@code img.convert("L")} (factor 0 is
 * gray, 1 the input, above 1 more colourful). On mode L the gray image is the input itself, so the
 * op leaves it as it is. Spec: {@code saturation(factor)}.
 */
public final class Saturation extends FactorOp {
  static final String NAME = "saturation";
  /** {@code saturation(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_saturation(img, factor) = ImageEnhance.Color(img).enhance(factor)",
      a -> new Saturation(a[0]), OpKind.Param.real("factor", 0, 1000));

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Saturation(double factor) {
    super(NAME, factor);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return PixelMaps.blend(in, in, factor());
  }

  /** Every band blends from the same luma, so the bands are not independent. */
  @Override
  public boolean perBand() {
    return false;
  }

  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    return Image.wrap(in.width(), in.height(), in.channels(),
        PixelMaps.blendFromLuma(in, factor()));
  }
}
