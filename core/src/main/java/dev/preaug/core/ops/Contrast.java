package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

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
    return blendFromMean(in, mean(in));
  }

  /** The mean is taken over {@code img.convert("L")}, so on RGB the bands are not independent. */
  @Override
  public boolean perBand() {
    return false;
  }

  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    int mean = mean(PixelMaps.luminance(in));
    // Every band blends from the same flat grey: one pass over the interleaved samples.
    return Image.wrap(in.width(), in.height(), in.channels(),
        PixelMaps.blendFrom(mean, in.array(), factor()));
  }

  /** The enhancer's degenerate image is flat at int(ImageStat mean + 0.5). */
  private static int mean(GrayImage gray) {
    long[] h = PixelMaps.histogram(gray);
    long sum = 0;
    long count = 0;
    for (int i = 0; i < 256; i++) {
      sum += i * h[i];
      count += h[i];
    }
    return (int) ((double) sum / count + 0.5);
  }

  private GrayImage blendFromMean(GrayImage band, int mean) {
    return GrayImage.wrap(band.width(), band.height(),
        PixelMaps.blendFrom(mean, band.array(), factor()));
  }
}
