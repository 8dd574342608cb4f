package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Pillow's 3x3 {@code BuiltinFilter}s on 8-bit images (pillow-ops.md section 6): the outermost
 * rows and columns are copied unchanged, and images smaller than 3x3 come back as they are.
 *
 * <p>Pillow computes in float32, but for 8-bit input its results equal integer closed forms in
 * the sum S9 of the 3x3 neighbourhood and the centre c, and integers are faster. Why they are
 * exact: with SHARPEN every product and partial sum is a multiple of 1/8 below 2^13, which float
 * holds exactly; with SMOOTH the value (S8 + 5c)/13 + 0.5 never comes closer than 1/26 to an
 * integer, far more than float's accumulated error (below 3e-3).
 */
final class Filter3x3 {
  private Filter3x3() {}

  /** SHARPEN: 2c - S8/8 rounded half up, i.e. floor((17c - S9 + 4) / 8), clamped. */
  static GrayImage sharpen(GrayImage in) {
    return filter(in, true);
  }

  /** SMOOTH: (S8 + 5c)/13 rounded half up, i.e. (S9 + 4c + 6) / 13; never a tie, never clamped. */
  static GrayImage smooth(GrayImage in) {
    return filter(in, false);
  }

  /** floor(x / 13) for 0 <= x < 6553 as a multiply and shift, which vectorises; tested for all. */
  static int divideBy13(int x) {
    return x * 5042 >>> 16;
  }

  /** Every band of {@code in} as {@link #sharpen(GrayImage)} filters it, in one pass. */
  static Image sharpen(Image in) {
    return Image.wrap(in.width(), in.height(), in.channels(),
        filter(in.array(), in.width(), in.height(), in.channels(), true));
  }

  /** Every band of {@code in} as {@link #smooth(GrayImage)} filters it, in one pass. */
  static Image smooth(Image in) {
    return Image.wrap(in.width(), in.height(), in.channels(),
        filter(in.array(), in.width(), in.height(), in.channels(), false));
  }

  private static GrayImage filter(GrayImage in, boolean sharpen) {
    return GrayImage.wrap(in.width(), in.height(),
        filter(in.array(), in.width(), in.height(), 1, sharpen));
  }

  /**
   * The filter on {@code c} interleaved bands (HWC): a sample's neighbours are the same band's
   * samples {@code c} apart along a row and a row apart across rows, so the arithmetic per sample
   * is the one-band arithmetic and the loops stay the same vectorisable ones.
   */
  private static byte[] filter(byte[] src, int width, int h, int c, boolean sharpen) {
    if (width < 3 || h < 3) {
      return src.clone();
    }
    int w = width * c; // samples per row
    int n = w * h;
    Scratch scratch = Scratch.get();
    int[] centre = scratch.ints(0, n);
    int[] before = scratch.ints(1, n);
    int[] after = scratch.ints(2, n);
    int[] columns = scratch.ints(3, n);
    int[] result = scratch.ints(4, n);
    Lanes.widen(src, centre, n);
    // Vertical sums of three first, then horizontal sums of those: S9 in four additions. The
    // values computed for border pixels are junk and get replaced by the input below.
    Lanes.columnNeighbours(centre, before, after, w, n);
    for (int i = 0; i < n; i++) {
      columns[i] = before[i] + centre[i] + after[i];
    }
    Lanes.rowNeighbours(columns, before, after, w, n, c);
    if (sharpen) {
      for (int i = 0; i < n; i++) {
        int s9 = before[i] + columns[i] + after[i];
        result[i] = Lanes.clamp8((17 * centre[i] - s9 + 4) >> 3);
      }
    } else {
      for (int i = 0; i < n; i++) {
        int s9 = before[i] + columns[i] + after[i];
        result[i] = divideBy13(s9 + 4 * centre[i] + 6);
      }
    }
    byte[] out = new byte[n];
    Lanes.narrow(result, out, n);
    System.arraycopy(src, 0, out, 0, w);
    System.arraycopy(src, n - w, out, n - w, w);
    for (int o = w; o < n - w; o += w) {
      for (int k = 0; k < c; k++) {
        out[o + k] = src[o + k];
        out[o + w - c + k] = src[o + w - c + k];
      }
    }
    return out;
  }
}
