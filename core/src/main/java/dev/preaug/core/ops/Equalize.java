package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.equalize(img)} on a PIL image, which is Pillow's {@code
 * ImageOps.equalize(img)}. Histogram equalisation with Pillow's integer steps. Spec: {@code
 * equalize}. Stateless: every instance equals every other.
 */
public final class Equalize extends NoParamOp implements Interleaved {
  static final String NAME = "equalize";
  /** The shared instance; {@code new Equalize()} is equivalent. */
  public static final Equalize INSTANCE = new Equalize();
  /** {@code equalize}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.equalize(img) = "
          + "ImageOps.equalize(img)",
      a -> INSTANCE);

  public Equalize() {
    super(NAME);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return PixelMaps.lutByHistogram(in, Equalize::table);
  }

  /** Each band through the table of its own histogram, on the interleaved samples. */
  @Override
  public Image apply(Image in) {
    return PixelMaps.lutByHistogram(in, Equalize::table);
  }

  /** The table for a band with histogram {@code h}; null when Pillow leaves the band as it is. */
  private static int[] table(long[] h) {
    long total = 0;
    long last = 0;
    int present = 0;
    for (long c : h) {
      if (c != 0) {
        total += c;
        last = c;
        present++;
      }
    }
    if (present <= 1) {
      return null;
    }
    // Integer steps exactly as Pillow's Python: step = (sum - count of the last value) // 255.
    long step = (total - last) / 255;
    if (step == 0) {
      return null;
    }
    int[] lut = new int[256];
    long n = step / 2;
    for (int i = 0; i < 256; i++) {
      lut[i] = (int) Math.min(255, n / step);
      n += h[i];
    }
    return lut;
  }
}
