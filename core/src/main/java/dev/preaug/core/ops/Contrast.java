package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.adjust_contrast(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Contrast(img).enhance(factor)}. Blends from the mean grey: factor 0 is flat, 1 the
 * input. Spec: {@code contrast(factor)}.
 */
public final class Contrast extends FactorOp {
  static final String NAME = "contrast";
  /** {@code contrast(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_contrast(img, factor) = "
          + "ImageEnhance.Contrast(img).enhance(factor)",
      a -> new Contrast(a[0]), OpKind.Param.real("factor", 0, 1000));

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Contrast(double factor) {
    super(NAME, factor);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // The enhancer blends from a flat image of the mean, int(ImageStat mean + 0.5).
    long[] h = PixelMaps.histogram(in);
    long sum = 0;
    long count = 0;
    for (int i = 0; i < 256; i++) {
      sum += i * h[i];
      count += h[i];
    }
    int mean = (int) ((double) sum / count + 0.5);
    return PixelMaps.blend(PixelMaps.filled(in.width(), in.height(), mean), in, factor());
  }
}
