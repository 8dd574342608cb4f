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
   * Samples per strip: small enough that a strip's five int arrays (about 24 KB) stay in the L1
   * cache, long enough that C2's vectorised main loops run (they need a few hundred iterations).
   */
  static final int STRIP = 1024;

  /**
   * The filter on {@code c} interleaved bands (HWC): a sample's neighbours are the same band's
   * samples {@code c} apart along a row and a row apart across rows, so the arithmetic per sample
   * is the one-band arithmetic and the loops stay the same vectorisable ones.
   *
   * <p>The image goes through in strips of whole rows, each with one source row of margin above
   * and below: whole-image int arrays (five of 16 KB for 64x64) overflow the L1 cache.
   */
  private static byte[] filter(byte[] src, int width, int h, int c, boolean sharpen) {
    return filter(src, width, h, c, sharpen, Simd.ENABLED);
  }

  /** With {@code vectors} false, the plain loops even where the Vector API is enabled (tests). */
  static byte[] filter(byte[] src, int width, int h, int c, boolean sharpen, boolean vectors) {
    if (width < 3 || h < 3) {
      return src.clone();
    }
    int w = width * c; // samples per row
    int n = w * h;
    if (vectors && Filter3x3Vectors.fits(w, c)) {
      byte[] out = new byte[n];
      Filter3x3Vectors.interior(src, out, w, h, c, sharpen);
      copyBorder(src, out, w, n, c);
      return out;
    }
    int rows = Math.max(1, STRIP / w); // output rows per strip
    int cap = (rows + 2) * w;
    Scratch scratch = Scratch.get();
    int[] centre = scratch.ints(0, cap);
    int[] before = scratch.ints(1, cap);
    int[] after = scratch.ints(2, cap);
    int[] columns = scratch.ints(3, cap);
    byte[] out = new byte[n];
    for (int y0 = 1; y0 < h - 1; y0 += rows) {
      int y1 = Math.min(h - 1, y0 + rows);
      int from = (y0 - 1) * w; // the strip's first source sample
      int m = (y1 - y0 + 2) * w; // source samples in the strip, margins included
      strip(src, from, out, centre, before, after, columns, m, w, c, sharpen);
    }
    copyBorder(src, out, w, n, c);
    return out;
  }

  /** Pillow leaves the outermost rows and columns as they were. */
  private static void copyBorder(byte[] src, byte[] out, int w, int n, int c) {
    System.arraycopy(src, 0, out, 0, w);
    System.arraycopy(src, n - w, out, n - w, w);
    for (int o = w; o < n - w; o += w) {
      for (int k = 0; k < c; k++) {
        out[o + k] = src[o + k];
        out[o + w - c + k] = src[o + w - c + k];
      }
    }
  }

  /**
   * One strip of {@code m} source samples starting at {@code src[from]}; writes the output rows
   * between its margins. Values computed for border samples and margins are junk: the caller
   * replaces the borders with the input, and the margins are not written.
   */
  private static void strip(byte[] src, int from, byte[] out, int[] centre, int[] before,
      int[] after, int[] columns, int m, int w, int c, boolean sharpen) {
    for (int i = 0; i < m; i++) {
      centre[i] = src[from + i] & 0xFF;
    }
    // Vertical sums of three first, then horizontal sums of those: S9 in four additions.
    int inner = m - 2 * w; // the output rows
    System.arraycopy(centre, 0, before, w, inner);
    System.arraycopy(centre, 2 * w, after, w, inner);
    for (int i = w; i < m - w; i++) {
      columns[i] = before[i] + centre[i] + after[i];
    }
    System.arraycopy(columns, w - c, before, w, inner);
    System.arraycopy(columns, w + c, after, w, inner - c);
    if (sharpen) {
      for (int i = w; i < m - w; i++) {
        int s9 = before[i] + columns[i] + after[i];
        before[i] = Lanes.clamp8((17 * centre[i] - s9 + 4) >> 3);
      }
    } else {
      for (int i = w; i < m - w; i++) {
        int s9 = before[i] + columns[i] + after[i];
        before[i] = divideBy13(s9 + 4 * centre[i] + 6);
      }
    }
    for (int i = w; i < m - w; i++) {
      out[from + i] = (byte) before[i];
    }
  }
}
