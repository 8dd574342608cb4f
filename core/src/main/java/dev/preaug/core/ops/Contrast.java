package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.adjust_contrast(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Contrast(img).enhance(factor)}. Blends from the mean grey: factor 0 is flat, 1 the
 * input. Spec: {@code contrast(factor)}.
 */
public final class Contrast implements Op {
  static final String NAME = "contrast";
  /** {@code contrast(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_contrast(img, factor) = "
          + "ImageEnhance.Contrast(img).enhance(factor)",
      a -> new Contrast(a[0]), OpKind.Param.real("factor", 0, 1000));

  private final double factor;

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Contrast(double factor) {
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
    // The enhancer blends from a flat image of the mean, int(ImageStat mean + 0.5).
    long[] h = PixelMaps.histogram(in);
    long sum = 0;
    long count = 0;
    for (int i = 0; i < 256; i++) {
      sum += i * h[i];
      count += h[i];
    }
    int mean = (int) ((double) sum / count + 0.5);
    return PixelMaps.blend(PixelMaps.filled(in.width(), in.height(), mean), in, factor);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Contrast && Params.sameBits(factor, ((Contrast) o).factor);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(factor) * 31 + 29;
  }

  @Override
  public String toString() {
    return spec();
  }
}
