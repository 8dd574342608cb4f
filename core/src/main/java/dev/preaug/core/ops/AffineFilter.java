package dev.preaug.core.ops;

import dev.preaug.core.image.Image;

/**
 * Pillow's {@code Image.transform(size, AFFINE, a, BILINEAR | BICUBIC)} for an output the size of
 * the input: its generic transform (Geometry.c), which evaluates the inverse map at every output
 * pixel centre in doubles and samples the input with the bilinear or bicubic transform filter.
 * Those filters are not the resize filters: they interpolate between the 2x2 or 4x4 nearest
 * pixel centres in doubles (bicubic with Pillow's a = -1 cubic), clamp neighbours to the edge
 * (the first row and column by clamping the index, further rows by repeating the previous row's
 * value), and truncate to 8 bits (bicubic clipped to 0..255 first). A pixel whose source lies
 * outside {@code [0, W) x [0, H)} keeps the background, torchvision's fill.
 *
 * <p>Every band reads the same neighbours with the same weights, so the interleaved bands of a
 * colour image go through in one pass, each with its one-band arithmetic.
 */
final class AffineFilter {
  private AffineFilter() {}

  /**
   * {@code in} transformed by the inverse matrix {@code a} with bilinear ({@code bicubic} false)
   * or bicubic sampling, {@code fill} where the source falls outside.
   */
  static Image transform(Image in, double[] a, boolean bicubic, Fill fill) {
    int w = in.width();
    int h = in.height();
    int c = in.channels();
    byte[] src = in.array();
    byte[] out = AffineNearest.background(w * h, c, fill);
    double[] v = new double[4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // affine_transform: the map at the pixel centre, each sum left to right as in C.
        double xin = x + 0.5;
        double yin = y + 0.5;
        double xx = a[0] * xin + a[1] * yin + a[2];
        double yy = a[3] * xin + a[4] * yin + a[5];
        if (xx < 0.0 || xx >= w || yy < 0.0 || yy >= h) {
          continue;
        }
        int o = (y * w + x) * c;
        if (bicubic) {
          bicubic(src, w, h, c, xx - 0.5, yy - 0.5, out, o, v);
        } else {
          bilinear(src, w, h, c, xx - 0.5, yy - 0.5, out, o);
        }
      }
    }
    return Image.wrap(w, h, c, out);
  }

  /** Pillow's FLOOR: truncation for non-negative values, floor below zero. */
  private static int floor(double v) {
    return v < 0.0 ? (int) Math.floor(v) : (int) v;
  }

  private static int clip(int i, int n) {
    return i < 0 ? 0 : i < n ? i : n - 1;
  }

  private static int at(byte[] src, int w, int c, int row, int col, int band) {
    return src[(row * w + col) * c + band] & 0xFF;
  }

  private static void bilinear(byte[] src, int w, int h, int c, double xs, double ys,
      byte[] out, int o) {
    int x = floor(xs);
    int y = floor(ys);
    double dx = xs - x;
    double dy = ys - y;
    int x0 = clip(x, w);
    int x1 = clip(x + 1, w);
    int r0 = clip(y, h);
    boolean below = y + 1 >= 0 && y + 1 < h;
    for (int b = 0; b < c; b++) {
      int p = at(src, w, c, r0, x0, b);
      double v1 = p + (at(src, w, c, r0, x1, b) - p) * dx;
      double v2 = v1;
      if (below) {
        int q = at(src, w, c, y + 1, x0, b);
        v2 = q + (at(src, w, c, y + 1, x1, b) - q) * dx;
      }
      v1 = v1 + (v2 - v1) * dy;
      out[o + b] = (byte) (int) v1;
    }
  }

  /** Pillow's cubic through four samples at offset {@code d} (a = -1), integer samples. */
  private static double cubic(int v1, int v2, int v3, int v4, double d) {
    double p1 = v2;
    double p2 = -v1 + v3;
    double p3 = 2 * (v1 - v2) + v3 - v4;
    double p4 = -v1 + v2 - v3 + v4;
    return p1 + d * (p2 + d * (p3 + d * p4));
  }

  /** The same cubic on the four row results, in double arithmetic and C's evaluation order. */
  private static double cubic(double v1, double v2, double v3, double v4, double d) {
    double p1 = v2;
    double p2 = -v1 + v3;
    double p3 = 2 * (v1 - v2) + v3 - v4;
    double p4 = -v1 + v2 - v3 + v4;
    return p1 + d * (p2 + d * (p3 + d * p4));
  }

  private static void bicubic(byte[] src, int w, int h, int c, double xs, double ys,
      byte[] out, int o, double[] v) {
    int x = floor(xs);
    int y = floor(ys);
    double dx = xs - x;
    double dy = ys - y;
    x--;
    y--;
    int x0 = clip(x, w);
    int x1 = clip(x + 1, w);
    int x2 = clip(x + 2, w);
    int x3 = clip(x + 3, w);
    for (int b = 0; b < c; b++) {
      for (int k = 0; k < 4; k++) {
        // The first row is clamped into the image; a later row outside repeats the one before.
        int row = k == 0 ? clip(y, h) : y + k;
        if (k > 0 && (row < 0 || row >= h)) {
          v[k] = v[k - 1];
          continue;
        }
        v[k] = cubic(at(src, w, c, row, x0, b), at(src, w, c, row, x1, b),
            at(src, w, c, row, x2, b), at(src, w, c, row, x3, b), dx);
      }
      double r = cubic(v[0], v[1], v[2], v[3], dy);
      out[o + b] = (byte) (r <= 0.0 ? 0 : r >= 255.0 ? 255 : (int) r);
    }
  }
}
