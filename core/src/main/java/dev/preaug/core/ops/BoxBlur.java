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
    return GrayImage.wrap(in.width(), in.height(),
        blur(in.array(), in.width(), in.height(), 1, passes));
  }

  /**
   * {@link #blur(GrayImage, int)} on every band of {@code c} interleaved bands (HWC) at once: a
   * sample's neighbours are the same band's samples {@code c} apart along a row and a row apart
   * across rows, so each band gets exactly its one-band passes.
   */
  byte[] blur(byte[] src, int width, int h, int c, int passes) {
    return blur(src, width, h, c, passes, Simd.ENABLED);
  }

  /** With {@code vectors} false, the plain loops even where the Vector API is enabled (tests). */
  byte[] blur(byte[] src, int width, int h, int c, int passes, boolean vectors) {
    int w = width * c; // samples per row
    int n = w * h;
    if (radius == 0) {
      if (vectors && BoxBlurVectors.fits(w, c, n)) {
        return BoxBlurVectors.blurR0(src, w, h, c, passes, this);
      }
      return blurR0(src, w, h, c, passes);
    }
    Scratch scratch = Scratch.get();
    int[] cur = scratch.ints(0, n);
    int[] next = scratch.ints(1, n);
    Lanes.widen(src, cur, n);
    for (int p = 0; p < passes; p++) {
      for (int y = 0; y < h; y++) {
        for (int k = 0; k < c; k++) {
          line(cur, next, y * w + k, c, width);
        }
      }
      int[] t = cur;
      cur = next;
      next = t;
    }
    for (int p = 0; p < passes; p++) {
      for (int x = 0; x < w; x++) {
        line(cur, next, x, w, h);
      }
      int[] t = cur;
      cur = next;
      next = t;
    }
    byte[] out = new byte[n];
    Lanes.narrow(cur, out, n);
    return out;
  }

  /**
   * The R = 0 passes on {@code w}-sample rows, in strips of whole rows that fit the L1 cache
   * together with their neighbour copies (whole-image arrays, four of 16 KB for 64x64, do not).
   * The horizontal passes stay within a row, so a strip takes all of them at once; each vertical
   * pass reads the rows just above and below a strip from the previous pass's whole image.
   */
  private byte[] blurR0(byte[] src, int w, int h, int c, int passes) {
    int n = w * h;
    if (n == 0) {
      return new byte[0];
    }
    if (n <= 3 * Filter3x3.STRIP) {
      return blurR0Whole(src, w, n, c, passes);
    }
    int rows = Math.max(1, Filter3x3.STRIP / w);
    int cap = rows * w;
    Scratch scratch = Scratch.get();
    int[] cur = scratch.ints(0, n);
    int[] next = scratch.ints(1, n);
    int[] a = scratch.ints(2, cap);
    int[] b = scratch.ints(3, cap);
    int[] before = scratch.ints(4, cap);
    int[] after = scratch.ints(5, cap);
    byte[] out = new byte[n];
    for (int from = 0; from < n; from += cap) {
      int m = Math.min(cap, n - from);
      for (int i = 0; i < m; i++) {
        a[i] = src[from + i] & 0xFF;
      }
      int[] x = a;
      int[] y = b;
      for (int p = 0; p < passes; p++) {
        Lanes.rowNeighbours(x, before, after, w, m, c);
        threeTap(before, x, after, y, m);
        int[] t = x;
        x = y;
        y = t;
      }
      System.arraycopy(x, 0, cur, from, m);
    }
    for (int p = 0; p < passes; p++) {
      boolean last = p == passes - 1;
      for (int from = 0; from < n; from += cap) {
        int m = Math.min(cap, n - from);
        // The row above each row and the row below, the first and last rows repeated.
        if (from == 0) {
          System.arraycopy(cur, 0, before, 0, w);
          System.arraycopy(cur, 0, before, w, m - w);
        } else {
          System.arraycopy(cur, from - w, before, 0, m);
        }
        if (from + m == n) {
          System.arraycopy(cur, from + w, after, 0, m - w);
          System.arraycopy(cur, n - w, after, m - w, w);
        } else {
          System.arraycopy(cur, from + w, after, 0, m);
        }
        System.arraycopy(cur, from, a, 0, m);
        threeTap(before, a, after, b, m);
        if (last) {
          for (int i = 0; i < m; i++) {
            out[from + i] = (byte) b[i];
          }
        } else {
          System.arraycopy(b, 0, next, from, m);
        }
      }
      int[] t = cur;
      cur = next;
      next = t;
    }
    if (passes == 0) {
      Lanes.narrow(cur, out, n);
    }
    return out;
  }

  /**
   * The R = 0 passes over the whole image at once, for images of up to three strips: their four
   * arrays fit the L1 cache, and strips only add copies there (RGB 32x32 ran 12 % slower).
   */
  private byte[] blurR0Whole(byte[] src, int w, int n, int c, int passes) {
    Scratch scratch = Scratch.get();
    int[] cur = scratch.ints(0, n);
    int[] next = scratch.ints(1, n);
    int[] before = scratch.ints(2, n);
    int[] after = scratch.ints(3, n);
    Lanes.widen(src, cur, n);
    for (int p = 0; p < passes; p++) {
      Lanes.rowNeighbours(cur, before, after, w, n, c);
      threeTap(before, cur, after, next, n);
      int[] t = cur;
      cur = next;
      next = t;
    }
    for (int p = 0; p < passes; p++) {
      Lanes.columnNeighbours(cur, before, after, w, n);
      threeTap(before, cur, after, next, n);
      int[] t = cur;
      cur = next;
      next = t;
    }
    byte[] out = new byte[n];
    Lanes.narrow(cur, out, n);
    return out;
  }

  /**
   * The R = 0 pass, the only one the seed's radii (0.5..1.2) use, over whole arrays of
   * neighbours. The sum reaches at most 255 * 2^24 + 2^23 < 2^32: it wraps a signed int but is
   * exact as unsigned, and {@code >>>} reads it that way (long arithmetic would not vectorise).
   */
  private void threeTap(int[] before, int[] centre, int[] after, int[] out, int n) {
    int inner = ww;
    int outer = fw;
    for (int i = 0; i < n; i++) {
      out[i] = (centre[i] * inner + (before[i] + after[i]) * outer + HALF) >>> 24;
    }
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
