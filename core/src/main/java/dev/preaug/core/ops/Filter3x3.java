package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

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

  private static GrayImage filter(GrayImage in, boolean sharpen) {
    int w = in.width();
    int h = in.height();
    byte[] src = in.array();
    byte[] out = src.clone();
    if (w < 3 || h < 3) {
      return GrayImage.wrap(w, h, out);
    }
    int[] columns = new int[w];
    for (int y = 1; y < h - 1; y++) {
      int row = y * w;
      int above = row - w;
      int below = row + w;
      // Vertical sums of three first, so each output needs three additions instead of eight.
      for (int x = 0; x < w; x++) {
        columns[x] = (src[above + x] & 0xFF) + (src[row + x] & 0xFF) + (src[below + x] & 0xFF);
      }
      if (sharpen) {
        for (int x = 1; x < w - 1; x++) {
          int s9 = columns[x - 1] + columns[x] + columns[x + 1];
          int v = (17 * (src[row + x] & 0xFF) - s9 + 4) >> 3;
          out[row + x] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
      } else {
        for (int x = 1; x < w - 1; x++) {
          int s9 = columns[x - 1] + columns[x] + columns[x + 1];
          out[row + x] = (byte) ((s9 + 4 * (src[row + x] & 0xFF) + 6) / 13);
        }
      }
    }
    return GrayImage.wrap(w, h, out);
  }
}
