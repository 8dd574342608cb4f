package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.autocontrast(img)} on a PIL image, which is Pillow's {@code
 * ImageOps.autocontrast(img)}. Stretches the value range so the darkest present value becomes 0
 * and the brightest 255 (no cutoff). Spec: {@code autocontrast}. Stateless: every instance equals
 * every other.
 */
public final class AutoContrast extends NoParamOp implements Interleaved {
  static final String NAME = "autocontrast";
  /** The shared instance; {@code new AutoContrast()} is equivalent. */
  public static final AutoContrast INSTANCE = new AutoContrast();
  /** {@code autocontrast}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.autocontrast(img) = "
          + "ImageOps.autocontrast(img)",
      a -> INSTANCE);

  public AutoContrast() {
    super(NAME);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return PixelMaps.lutByHistogram(in, AutoContrast::table);
  }

  /** Each band through the table of its own histogram, on the interleaved samples. */
  @Override
  public Image apply(Image in) {
    return PixelMaps.lutByHistogram(in, AutoContrast::table);
  }

  /** The table for a band with histogram {@code h}; null when Pillow leaves the band as it is. */
  private static int[] table(long[] h) {
    int lo = 0;
    while (lo < 256 && h[lo] == 0) {
      lo++;
    }
    int hi = 255;
    while (hi >= 0 && h[hi] == 0) {
      hi--;
    }
    if (hi <= lo) {
      return null;
    }
    // Pillow computes the table in Python doubles and truncates with int().
    double scale = 255.0 / (hi - lo);
    double offset = -lo * scale;
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = (int) (i * scale + offset);
    }
    return lut;
  }
}
