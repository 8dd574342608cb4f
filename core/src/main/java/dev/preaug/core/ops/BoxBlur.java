package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * One "extended box" filter in Pillow's 24-bit fixed point (pillow-ops.md sections 5.2-5.4):
 * each output is {@code (sum of the 2R+1 inner taps * ww + (the two edge taps) * fw + 2^23) >> 24},
 * with edge pixels repeated beyond the ends of a line. The weights need not sum exactly to 2^24.
 */
final class BoxBlur {
  private static final int HALF = 1 << 23;

  /** Integer part of the box radius. */
  final int radius;
  /** Weight of each of the 2R+1 inner taps. */
  final int ww;
  /** Weight of each of the two fractional edge taps. */
  final int fw;

  private BoxBlur(int radius, int ww, int fw) {
    this.radius = radius;
    this.ww = ww;
    this.fw = fw;
  }

  static BoxBlur forBoxRadius(float boxRadius) {
    int r = (int) boxRadius;
    // A float division, then truncation: the float rounding of 2^24 / (2 boxR + 1) shows in ww.
    long ww = (long) (16777216.0f / (boxRadius * 2 + 1));
    long fw = ((1L << 24) - (2L * r + 1) * ww) / 2;
    return new BoxBlur(r, (int) ww, (int) fw);
  }

  /**
   * {@code passes} horizontal passes over every row, then as many vertical passes. Every pass
   * stores 8-bit values, so the order of the passes is part of the result.
   */
  GrayImage blur(GrayImage in, int passes) {
    int w = in.width();
    int h = in.height();
    byte[] src = in.array();
    int[] a = new int[w * h];
    int[] b = new int[w * h];
    for (int i = 0; i < a.length; i++) {
      a[i] = src[i] & 0xFF;
    }
    for (int p = 0; p < passes; p++) {
      horizontal(a, b, w, h);
      int[] t = a;
      a = b;
      b = t;
    }
    for (int p = 0; p < passes; p++) {
      vertical(a, b, w, h);
      int[] t = a;
      a = b;
      b = t;
    }
    byte[] out = new byte[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) a[i];
    }
    return GrayImage.wrap(w, h, out);
  }

  private void horizontal(int[] s, int[] d, int w, int h) {
    for (int y = 0; y < h; y++) {
      if (radius == 0) {
        threeTapRow(s, d, y * w, w);
      } else {
        line(s, d, y * w, 1, w);
      }
    }
  }

  private void vertical(int[] s, int[] d, int w, int h) {
    if (radius != 0) {
      for (int x = 0; x < w; x++) {
        line(s, d, x, w, h);
      }
      return;
    }
    // Row-wise, so the inner loop runs over contiguous memory; the neighbours are whole rows,
    // with the first and last rows standing in for the missing ones.
    for (int y = 0; y < h; y++) {
      int up = Math.max(y - 1, 0) * w;
      int down = Math.min(y + 1, h - 1) * w;
      int row = y * w;
      for (int x = 0; x < w; x++) {
        d[row + x] = threeTap(s[up + x], s[row + x], s[down + x]);
      }
    }
  }

  /**
   * The R = 0 pass, the only one the seed's radii (0.5..1.2) use. The sum reaches at most
   * 255 * 2^24 + 2^23 < 2^32, so it wraps a signed int but is exact as unsigned, and {@code >>>}
   * reads it that way.
   */
  private int threeTap(int left, int centre, int right) {
    return (centre * ww + (left + right) * fw + HALF) >>> 24;
  }

  private void threeTapRow(int[] s, int[] d, int o, int n) {
    if (n == 1) {
      d[o] = threeTap(s[o], s[o], s[o]);
      return;
    }
    d[o] = threeTap(s[o], s[o], s[o + 1]);
    int last = o + n - 1;
    for (int i = o + 1; i < last; i++) {
      d[i] = threeTap(s[i - 1], s[i], s[i + 1]);
    }
    d[last] = threeTap(s[last - 1], s[last], s[last]);
  }

  /**
   * The general pass over one line of {@code n} pixels at {@code o, o+step, ...}, with a running
   * sum (it gives the same integers as summing every window). Long arithmetic, as the inner sum
   * times ww no longer fits 32 bits once edges repeat.
   */
  private void line(int[] s, int[] d, int o, int step, int n) {
    int r = radius;
    int lastIndex = n - 1;
    // Window sum at x = 0: R copies of the first pixel, the pixels 0..min(R, n-1), and for lines
    // shorter than the window, copies of the last pixel.
    long acc = (long) r * s[o];
    for (int k = 0; k <= Math.min(r, lastIndex); k++) {
      acc += s[o + k * step];
    }
    if (r > lastIndex) {
      acc += (long) (r - lastIndex) * s[o + lastIndex * step];
    }
    for (int x = 0; x < n; x++) {
      int outer = at(s, o, step, lastIndex, x - r - 1) + at(s, o, step, lastIndex, x + r + 1);
      d[o + x * step] = (int) ((acc * ww + (long) outer * fw + HALF) >> 24);
      acc += at(s, o, step, lastIndex, x + r + 1) - at(s, o, step, lastIndex, x - r);
    }
  }

  private static int at(int[] s, int o, int step, int lastIndex, int i) {
    int clamped = i < 0 ? 0 : Math.min(i, lastIndex);
    return s[o + clamped * step];
  }
}
