package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Pillow's {@code Image.transform(size, AFFINE, a)} with NEAREST sampling and zero fill, for an
 * output the size of the input (pillow-ops.md sections 1.3 and 2). {@code a} is the inverse map:
 * output pixel centre {@code (x+.5, y+.5)} reads input {@code (a0 x + a1 y + a2, a3 x + a4 y + a5)}.
 *
 * <p>Pillow picks one of three engines, and they round differently, so this class picks the same
 * one under the same conditions: a double-precision "scale" engine when the matrix has no
 * rotation or shear terms, the 16.16 fixed-point engine whenever the image corners map inside
 * +-32768 (always, for sane matrices on images up to about 16k pixels), and a double-precision
 * fallback otherwise.
 *
 * <p>The engines also take interleaved colour pixels ({@code c} bands, HWC): which input pixel an
 * output pixel reads does not depend on the band, so all bands move together, which is what
 * Pillow's per-band result is, without splitting the image into bands and merging it back.
 */
final class AffineNearest {
  private static final double FIXED_LIMIT = 32768.0;

  private AffineNearest() {}

  static GrayImage transform(
      GrayImage in, double a0, double a1, double a2, double a3, double a4, double a5) {
    return transform(in, a0, a1, a2, a3, a4, a5, 0);
  }

  /**
   * As {@link #transform(GrayImage, double, double, double, double, double, double)}, with
   * {@code fill} where the source falls outside: Pillow's {@code fillcolor}, which becomes the
   * background of the new image that the engines leave untouched outside the source.
   */
  static GrayImage transform(GrayImage in, double a0, double a1, double a2, double a3, double a4,
      double a5, int fill) {
    return gray(in, a0, a1, a2, a3, a4, a5, fill, Simd.ENABLED);
  }

  /** With {@code vectors} false, the plain loops even where the Vector API is enabled (tests). */
  static GrayImage transform(GrayImage in, double[] a, int fill, boolean vectors) {
    return gray(in, a[0], a[1], a[2], a[3], a[4], a[5], fill, vectors);
  }

  private static GrayImage gray(GrayImage in, double a0, double a1, double a2, double a3,
      double a4, double a5, int fill, boolean vectors) {
    byte[] out = new byte[in.width() * in.height()];
    if (fill != 0) {
      java.util.Arrays.fill(out, (byte) fill);
    }
    transform(in.array(), in.width(), in.height(), 1, a0, a1, a2, a3, a4, a5, out, fill, vectors);
    return GrayImage.wrap(in.width(), in.height(), out);
  }

  /** Every band of {@code in} as {@link #transform(GrayImage, double, double, double, double,
   * double, double)} transforms it, in one pass over the interleaved pixels. */
  static Image transform(Image in, double a0, double a1, double a2, double a3, double a4,
      double a5) {
    return transform(in, new double[] {a0, a1, a2, a3, a4, a5}, Fill.BLACK);
  }

  /** As above with matrix {@code a}, and {@code fill} (one value per band, or one for all). */
  static Image transform(Image in, double[] a, Fill fill) {
    int c = in.channels();
    byte[] out = background(in.width() * in.height(), c, fill);
    transform(in.array(), in.width(), in.height(), c, a[0], a[1], a[2], a[3], a[4], a[5], out,
        fill.band(0), Simd.ENABLED);
    return Image.wrap(in.width(), in.height(), c, out);
  }

  /**
   * A new image of {@code pixels} pixels of {@code c} bands, every pixel {@code fill}: Pillow's
   * {@code Image.new(mode, size, fillcolor)}, which the engines leave untouched where the source
   * falls outside.
   */
  static byte[] background(int pixels, int c, Fill fill) {
    byte[] out = new byte[pixels * c];
    if (fill.uniform()) {
      if (fill.band(0) != 0) {
        java.util.Arrays.fill(out, (byte) fill.band(0));
      }
      return out;
    }
    for (int i = 0; i < out.length; i += c) {
      for (int k = 0; k < c; k++) {
        out[i + k] = (byte) fill.band(k);
      }
    }
    return out;
  }

  /**
   * Into {@code out}, which holds the background already; {@code fill} is its value where
   * {@code c} is 1 (the gray vector kernels' lanes outside the source).
   */
  private static void transform(byte[] src, int w, int h, int c, double a0, double a1,
      double a2, double a3, double a4, double a5, byte[] out, int fill, boolean vectors) {
    // Exact comparison with zero is Pillow's own test; -0.0 counts as zero there too.
    if (a1 == 0 && a3 == 0) {
      scaleEngine(src, w, h, c, out, a0, a2, a4, a5);
    } else if (fitsFixed(a0, a1, a2, a3, a4, a5, 0, 0)
        && fitsFixed(a0, a1, a2, a3, a4, a5, w, h)
        && fitsFixed(a0, a1, a2, a3, a4, a5, 0, h)
        && fitsFixed(a0, a1, a2, a3, a4, a5, w, 0)) {
      fixedEngine(src, w, h, c, out, a0, a1, a2, a3, a4, a5, fill, vectors);
    } else {
      doubleEngine(src, w, h, c, out, a0, a1, a2, a3, a4, a5);
    }
  }

  /** Pixel {@code s} of {@code src} to pixel {@code o} of {@code out}, all {@code c} bands. */
  private static void copyPixel(byte[] src, int s, byte[] out, int o, int c) {
    if (c == 1) {
      out[o] = src[s];
    } else {
      for (int k = 0, si = s * c, oi = o * c; k < c; k++) {
        out[oi + k] = src[si + k];
      }
    }
  }

  private static boolean fitsFixed(
      double a0, double a1, double a2, double a3, double a4, double a5, int x, int y) {
    return Math.abs(x * a0 + y * a1 + a2) < FIXED_LIMIT
        && Math.abs(x * a3 + y * a4 + a5) < FIXED_LIMIT;
  }

  /**
   * Whether the 16.16 coordinate {@code origin + y*stepY + x*stepX} fits an int at the image's
   * four corners, so everywhere: the vector kernels compute coordinates by multiplying, which
   * equals Pillow's repeated wrapping additions only then.
   */
  static boolean noWrap(int origin, int stepY, int stepX, int w, int h) {
    long bottom = (h - 1L) * stepY;
    long right = (w - 1L) * stepX;
    return fitsInt(origin) && fitsInt(origin + bottom) && fitsInt(origin + right)
        && fitsInt(origin + bottom + right);
  }

  private static boolean fitsInt(long c) {
    return c == (int) c;
  }

  /** Pillow's FIX: the +0.5 and floor happen in double, before the conversion to int. */
  static int fix(double v) {
    return (int) Math.floor(v * 65536.0 + 0.5);
  }

  /**
   * The 16.16 engine. The pixel-centre offsets are folded into the origin before it is converted
   * to fixed point, and every pixel's coordinate comes from repeated integer additions, so the
   * rounding error of the converted steps accumulates along the row exactly as in Pillow;
   * evaluating the affine map per pixel in doubles would pick different pixels.
   */
  private static void fixedEngine(byte[] src, int w, int h, int c, byte[] out, double a0,
      double a1, double a2, double a3, double a4, double a5, int fill, boolean vectors) {
    int fx0 = fix(a0);
    int fx1 = fix(a1);
    int fy0 = fix(a3);
    int fy1 = fix(a4);
    // Evaluated as ((a2 + a0*0.5) + a1*0.5): the order is part of the result.
    int originX = fix(a2 + a0 * 0.5 + a1 * 0.5);
    int originY = fix(a5 + a3 * 0.5 + a4 * 0.5);
    if (vectors && c == 1 && fx0 == 1 << 16 && fy1 == 1 << 16
        && ShearVectors.sample(src, w, h, out, fill, originX, fx1, originY, fy0)) {
      return;
    }
    if (vectors && c == 1 && Simd.BYTE_PERMUTE
        && AffineVectors.sample(src, w, h, out, fill, originX, fx0, fx1, originY, fy0, fy1)) {
      return;
    }
    FixedRows rows = new FixedRows(src, w, h, c, out, fx0, fy0);
    for (int y = 0; y < h; y++) {
      // int arithmetic on purpose: Pillow's coordinates are 32-bit and wrap the same way.
      rows.row(y, originX + y * fx1, originY + y * fy1);
    }
  }

  /** Samples one output row of the fixed-point engine. */
  private static final class FixedRows {
    private final byte[] src;
    private final byte[] out;
    private final int w;
    private final int h;
    private final int c;
    private final int stepX;
    private final int stepY;
    private final double inverseX;
    private final double inverseY;
    private final long limitX;
    private final long limitY;
    /** The in-bounds span of the current row, narrowed by {@link #narrow}. */
    private long lo;
    private long hi;

    FixedRows(byte[] src, int w, int h, int c, byte[] out, int stepX, int stepY) {
      this.src = src;
      this.out = out;
      this.w = w;
      this.h = h;
      this.c = c;
      this.stepX = stepX;
      this.stepY = stepY;
      this.inverseX = 1.0 / stepX;
      this.inverseY = 1.0 / stepY;
      this.limitX = ((long) w << 16) - 1;
      this.limitY = ((long) h << 16) - 1;
    }

    void row(int y, int xx, int yy) {
      int base = y * w;
      long lastX = xx + (long) (w - 1) * stepX;
      long lastY = yy + (long) (w - 1) * stepY;
      if (lastX != (int) lastX || lastY != (int) lastY) {
        wrappingRow(base, xx, yy);
        return;
      }
      // Without wrap-around both coordinates are linear in x, so the in-bounds pixels form one
      // interval; solving for it keeps the bounds tests out of the inner loop.
      lo = 0;
      hi = w - 1L;
      narrow(xx, stepX, inverseX, limitX);
      narrow(yy, stepY, inverseY, limitY);
      if (lo > hi) {
        return;
      }
      int first = (int) lo;
      int last = (int) hi; // an int bound keeps this a counted loop for the JIT
      int cx = xx + first * stepX;
      int cy = yy + first * stepY;
      if (c == 1 && stepX == 1 << 16) {
        // A shear (a0 = 1): adding exactly one to the integer part leaves the fraction alone, so
        // the source column is the output column plus a constant along the row.
        int shift = (cx >> 16) - first;
        for (int x = first; x <= last; x++) {
          out[base + x] = src[(cy >> 16) * w + x + shift];
          cy += stepY;
        }
      } else if (c == 1) {
        for (int x = first; x <= last; x++) {
          out[base + x] = src[(cy >> 16) * w + (cx >> 16)];
          cx += stepX;
          cy += stepY;
        }
      } else if (c == 3) {
        for (int x = first; x <= last; x++) {
          int s = ((cy >> 16) * w + (cx >> 16)) * 3;
          int o = (base + x) * 3;
          out[o] = src[s];
          out[o + 1] = src[s + 1];
          out[o + 2] = src[s + 2];
          cx += stepX;
          cy += stepY;
        }
      } else {
        for (int x = first; x <= last; x++) {
          copyPixel(src, (cy >> 16) * w + (cx >> 16), out, base + x, c);
          cx += stepX;
          cy += stepY;
        }
      }
    }

    /**
     * Narrows [lo, hi] to the x with 0 <= start + x*step <= limit. The bounds are estimated by
     * multiplying with the reciprocal of the step (a division per bound and row cost more than
     * the sampling) and then settled exactly: the estimates are within one of the true bounds,
     * as the quotients are far below 2^52.
     */
    private void narrow(long start, int step, double inverse, long limit) {
      if (step == 0) {
        if (start < 0 || start > limit) {
          hi = lo - 1;
        }
        return;
      }
      double a = -start * inverse;
      double b = (limit - start) * inverse;
      // The step's sign orders the two bounds; Math.min and max on doubles (NaN and -0.0
      // handling) cost a fifth of a whole rotation here.
      long from;
      long to;
      if (step > 0) {
        from = (long) Math.ceil(a);
        to = (long) Math.floor(b);
      } else {
        from = (long) Math.ceil(b);
        to = (long) Math.floor(a);
      }
      while (from <= to && !inside(start, step, limit, from)) {
        from++;
      }
      while (inside(start, step, limit, from - 1)) {
        from--;
      }
      while (to >= from && !inside(start, step, limit, to)) {
        to--;
      }
      while (inside(start, step, limit, to + 1)) {
        to++;
      }
      lo = Math.max(lo, from);
      hi = Math.min(hi, to);
    }

    private static boolean inside(long start, int step, long limit, long x) {
      long v = start + x * step;
      return v >= 0 && v <= limit;
    }

    /** The literal per-pixel loop, for rows whose int coordinates overflow (huge images only). */
    private void wrappingRow(int base, int xx, int yy) {
      for (int x = 0; x < w; x++) {
        int xin = xx >> 16;
        int yin = yy >> 16;
        if (xin >= 0 && xin < w && yin >= 0 && yin < h) {
          copyPixel(src, yin * w + xin, out, base + x, c);
        }
        xx += stepX;
        yy += stepY;
      }
    }
  }

  /** Pillow's COORD: truncation, except that every negative value maps to the invalid -1. */
  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }

  /**
   * The engine for matrices without rotation or shear terms. It steps in doubles; for the
   * identity it is an exact copy, and for a tiny rotation whose rounded sine is 0 it is one too.
   */
  private static void scaleEngine(byte[] src, int w, int h, int c, byte[] out, double a0,
      double a2, double a4, double a5) {
    int[] columns = new int[w];
    double xo = a2 + a0 * 0.5;
    for (int x = 0; x < w; x++) {
      columns[x] = coord(xo);
      xo += a0;
    }
    double yo = a5 + a4 * 0.5;
    for (int y = 0; y < h; y++) {
      int yin = coord(yo);
      if (yin >= 0 && yin < h) {
        int srcRow = yin * w;
        int base = y * w;
        for (int x = 0; x < w; x++) {
          int xin = columns[x];
          if (xin >= 0 && xin < w) {
            copyPixel(src, srcRow + xin, out, base + x, c);
          }
        }
      }
      yo += a4;
    }
  }

  /** Pillow's last resort when fixed point could overflow; unreachable for sane matrices. */
  private static void doubleEngine(byte[] src, int w, int h, int c, byte[] out, double a0,
      double a1, double a2, double a3, double a4, double a5) {
    double xo = a2 + a1 * 0.5 + a0 * 0.5;
    double yo = a5 + a4 * 0.5 + a3 * 0.5;
    for (int y = 0; y < h; y++) {
      double xx = xo;
      double yy = yo;
      int base = y * w;
      for (int x = 0; x < w; x++) {
        int xin = coord(xx);
        int yin = coord(yy);
        if (xin >= 0 && xin < w && yin >= 0 && yin < h) {
          copyPixel(src, yin * w + xin, out, base + x, c);
        }
        xx += a0;
        yy += a3;
      }
      xo += a1;
      yo += a4;
    }
  }
}
