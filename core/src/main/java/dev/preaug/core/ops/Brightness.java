package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.adjust_brightness(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Brightness(img).enhance(factor)}. Blends from black: factor 0 is black, 1 the
 * input. Spec: {@code brightness(factor)}.
 */
public final class Brightness extends FactorOp implements Interleaved {
  static final String NAME = "brightness";
  /** {@code brightness(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_brightness(img, factor) = "
          + "ImageEnhance.Brightness(img).enhance(factor)",
      a -> new Brightness(a[0]), OpKind.Param.real("factor", 0, 1000));

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Brightness(double factor) {
    super(NAME, factor);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // The enhancer blends from an all-black image towards the input.
    return GrayImage.wrap(in.width(), in.height(), PixelMaps.blendFrom(0, in.array(), factor()));
  }

  /** Every band blended from black with the same arithmetic, on the interleaved samples. */
  @Override
  public Image apply(Image in) {
    byte[] px = in.array();
    return Image.wrap(in.width(), in.height(), in.channels(),
        PixelMaps.blendFrom(0, px, factor()));
  }
}
