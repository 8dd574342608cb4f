package dev.preaug.core.testing;

import dev.preaug.core.image.GrayImage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A deliberately plain port of {@code spec_model.py} (pillow-ops.md written out per pixel, with no
 * shortcuts): the oracle that the optimised kernels are cross-checked against on random images,
 * sizes and parameters. It shares no code with the kernels. Images are int[h][w].
 */
public final class ReferenceOps {
  private ReferenceOps() {}

  public static int[][] grid(GrayImage img) {
    int[][] g = new int[img.height()][img.width()];
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        g[y][x] = img.get(x, y);
      }
    }
    return g;
  }

  public static GrayImage image(int[][] g) {
    int h = g.length;
    int w = g[0].length;
    byte[] p = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (g[y][x] < 0 || g[y][x] > 255) {
          throw new IllegalStateException("reference produced " + g[y][x]);
        }
        p[y * w + x] = (byte) g[y][x];
      }
    }
    return GrayImage.of(w, h, p);
  }

  private static int[][] copy(int[][] g) {
    int[][] c = new int[g.length][];
    for (int y = 0; y < g.length; y++) {
      c[y] = g[y].clone();
    }
    return c;
  }

  // ---------------------------------------------------------------- rotate / affine

  static double pyMod360(double angle) {
    double m = angle % 360.0;
    if (m != 0.0) {
      if (m < 0.0) {
        m += 360.0;
      }
    } else {
      m = 0.0;
    }
    return m;
  }

  public static double round15(double v) {
    return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** The inverse matrix for rotate(angle) on a w x h image. */
  public static double[] rotateMatrix(double angle, int w, int h) {
    double m = pyMod360(angle);
    double rad = -(m * (Math.PI / 180.0));
    double c = round15(Math.cos(rad));
    double s = round15(Math.sin(rad));
    double ns = round15(-Math.sin(rad));
    double[] a = {c, s, 0.0, ns, c, 0.0};
    double cx = w / 2.0;
    double cy = h / 2.0;
    a[2] = a[0] * (-cx) + a[1] * (-cy) + a[2];
    a[5] = a[3] * (-cx) + a[4] * (-cy) + a[5];
    a[2] += cx;
    a[5] += cy;
    return a;
  }

  public static int[][] rotate(int[][] img, double angle) {
    int h = img.length;
    int w = img[0].length;
    double m = pyMod360(angle);
    if (m == 0.0) {
      return copy(img);
    }
    int[][] out = new int[h][w];
    if (m == 180.0) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y][x] = img[h - 1 - y][w - 1 - x];
        }
      }
      return out;
    }
    if (m == 90.0 && w == h) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y][x] = img[x][w - 1 - y];
        }
      }
      return out;
    }
    if (m == 270.0 && w == h) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          out[y][x] = img[h - 1 - x][y];
        }
      }
      return out;
    }
    return affine(img, rotateMatrix(angle, w, h));
  }

  public static int[][] shear(int[][] img, double xs, double ys) {
    return affine(img, new double[] {1.0, xs, 0.0, ys, 1.0, 0.0});
  }

  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }

  public static int fix(double v) {
    return (int) Math.floor(v * 65536.0 + 0.5);
  }

  /** The three engines of spec_model.affine_nearest, per pixel. */
  public static int[][] affine(int[][] img, double[] a) {
    int ih = img.length;
    int iw = img[0].length;
    int[][] out = new int[ih][iw];
    if (a[1] == 0 && a[3] == 0) {
      double xo = a[2] + a[0] * 0.5;
      int[] xin = new int[iw];
      for (int x = 0; x < iw; x++) {
        xin[x] = coord(xo);
        xo += a[0];
      }
      double yo = a[5] + a[4] * 0.5;
      for (int y = 0; y < ih; y++) {
        int yi = coord(yo);
        if (0 <= yi && yi < ih) {
          for (int x = 0; x < iw; x++) {
            if (0 <= xin[x] && xin[x] < iw) {
              out[y][x] = img[yi][xin[x]];
            }
          }
        }
        yo += a[4];
      }
      return out;
    }
    if (ok(a, 0, 0) && ok(a, iw, ih) && ok(a, 0, ih) && ok(a, iw, 0)) {
      int a0 = fix(a[0]);
      int a1 = fix(a[1]);
      int a3 = fix(a[3]);
      int a4 = fix(a[4]);
      int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5);
      int a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
      for (int y = 0; y < ih; y++) {
        int xx = a2 + y * a1;
        int yy = a5 + y * a4;
        for (int x = 0; x < iw; x++) {
          int xi = xx >> 16;
          int yi = yy >> 16;
          if (0 <= xi && xi < iw && 0 <= yi && yi < ih) {
            out[y][x] = img[yi][xi];
          }
          xx += a0;
          yy += a3;
        }
      }
      return out;
    }
    double xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
    double yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
    for (int y = 0; y < ih; y++) {
      double xx = xo;
      double yy = yo;
      for (int x = 0; x < iw; x++) {
        int xi = coord(xx);
        int yi = coord(yy);
        if (0 <= xi && xi < iw && 0 <= yi && yi < ih) {
          out[y][x] = img[yi][xi];
        }
        xx += a[0];
        yy += a[3];
      }
      xo += a[1];
      yo += a[4];
    }
    return out;
  }

  private static boolean ok(double[] a, int x, int y) {
    return Math.abs(x * a[0] + y * a[1] + a[2]) < 32768.0
        && Math.abs(x * a[3] + y * a[4] + a[5]) < 32768.0;
  }

  // ---------------------------------------------------------------- bicubic resize

  static double bicubic(double x) {
    double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /** Per output index: {xmin, k0, k1, ...}. */
  public static int[][] resizeCoeffs(int inSize, int outSize) {
    double scale = (double) ((float) inSize - 0.0f) / outSize;
    double filterscale = scale >= 1.0 ? scale : 1.0;
    double support = 2.0 * filterscale;
    double inv = 1.0 / filterscale;
    int[][] res = new int[outSize][];
    for (int xx = 0; xx < outSize; xx++) {
      double center = 0.0 + (xx + 0.5) * scale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      int n = xmax - xmin;
      double[] w = new double[n];
      double ww = 0.0;
      for (int x = 0; x < n; x++) {
        w[x] = bicubic((x + xmin - center + 0.5) * inv);
      }
      for (double v : w) {
        ww += v;
      }
      int[] row = new int[n + 1];
      row[0] = xmin;
      for (int x = 0; x < n; x++) {
        double v = ww != 0.0 ? w[x] / ww : w[x];
        row[x + 1] = v < 0 ? (int) (-0.5 + v * (1 << 22)) : (int) (0.5 + v * (1 << 22));
      }
      res[xx] = row;
    }
    return res;
  }

  private static int clip8(int ss) {
    int v = ss >> 22;
    return v < 0 ? 0 : (v > 255 ? 255 : v);
  }

  public static int[][] resize(int[][] img, int w, int h) {
    int ih = img.length;
    int iw = img[0].length;
    if (w == iw && h == ih) {
      return copy(img);
    }
    int[][] src = img;
    if (w != iw) {
      int[][] co = resizeCoeffs(iw, w);
      int[][] tmp = new int[ih][w];
      for (int y = 0; y < ih; y++) {
        for (int xx = 0; xx < w; xx++) {
          int ss = 1 << 21;
          for (int i = 1; i < co[xx].length; i++) {
            ss += src[y][co[xx][0] + i - 1] * co[xx][i];
          }
          tmp[y][xx] = clip8(ss);
        }
      }
      src = tmp;
    }
    if (h != ih) {
      int[][] co = resizeCoeffs(ih, h);
      int cols = src[0].length;
      int[][] tmp = new int[h][cols];
      for (int yy = 0; yy < h; yy++) {
        for (int x = 0; x < cols; x++) {
          int ss = 1 << 21;
          for (int i = 1; i < co[yy].length; i++) {
            ss += src[co[yy][0] + i - 1][x] * co[yy][i];
          }
          tmp[yy][x] = clip8(ss);
        }
      }
      src = tmp;
    }
    return src;
  }

  public static int[][] resizePaste(int[][] img, int w, int h, int ox, int oy) {
    int[][] small = resize(img, w, h);
    int bh = img.length;
    int bw = img[0].length;
    int[][] out = new int[bh][bw];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long tx = (long) x + ox;
        long ty = (long) y + oy;
        if (0 <= tx && tx < bw && 0 <= ty && ty < bh) {
          out[(int) ty][(int) tx] = small[y][x];
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- sine

  public static int[] sineShifts(double f, int w, int h) {
    double amp = h / 3.0;
    double step = 2.0 / w;
    int[] s = new int[w];
    for (int i = 0; i < w; i++) {
      double v = f * amp * Math.sin(-2 * Math.PI * i * step);
      s[i] = (int) v; // fine for the parameter ranges the cross-check uses
    }
    return s;
  }

  public static int[][] sine(int[][] img, double f) {
    int h = img.length;
    int w = img[0].length;
    int[][] out = copy(img);
    int[] shifts = sineShifts(f, w, h);
    for (int i = 0; i < w; i++) {
      for (int j = 0; j < h; j++) {
        out[Math.floorMod(j + shifts[i], h)][i] = img[j][i];
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- gaussian blur

  public static float boxRadius(double radius) {
    float r = (float) radius;
    float sigma2 = (r * r) / 3f;
    float bigL = (float) Math.sqrt(12.0 * (double) sigma2 + 1.0);
    float l = (float) Math.floor(((double) bigL - 1.0) / 2.0);
    float a = (2f * l + 1f) * (l * (l + 1f) - 3f * sigma2);
    a = a / (6f * (sigma2 - (l + 1f) * (l + 1f)));
    return l + a;
  }

  /** {R, ww, fw}. */
  public static long[] boxWeights(float br) {
    long r = (int) br;
    long ww = (long) (16777216.0f / (br * 2f + 1f));
    long fw = ((1L << 24) - (2 * r + 1) * ww) / 2;
    return new long[] {r, ww, fw};
  }

  private static int[] boxLine(int[] line, long[] k) {
    int n = line.length;
    int r = (int) k[0];
    int[] out = new int[n];
    for (int x = 0; x < n; x++) {
      long acc = 0;
      for (int i = -r; i <= r; i++) {
        acc += line[clamp(x + i, n)];
      }
      long bulk = acc * k[1] + (line[clamp(x - r - 1, n)] + line[clamp(x + r + 1, n)]) * k[2];
      out[x] = (int) ((bulk + (1 << 23)) >> 24);
    }
    return out;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  public static int[][] gaussianBlur(int[][] img, double radius) {
    long[] k = boxWeights(boxRadius(radius));
    int h = img.length;
    int w = img[0].length;
    int[][] cur = copy(img);
    for (int p = 0; p < 3; p++) {
      for (int y = 0; y < h; y++) {
        cur[y] = boxLine(cur[y], k);
      }
    }
    for (int p = 0; p < 3; p++) {
      for (int x = 0; x < w; x++) {
        int[] col = new int[h];
        for (int y = 0; y < h; y++) {
          col[y] = cur[y][x];
        }
        col = boxLine(col, k);
        for (int y = 0; y < h; y++) {
          cur[y][x] = col[y];
        }
      }
    }
    return cur;
  }

  // ---------------------------------------------------------------- 3x3 filters

  /** Pillow's float32 algorithm itself, not the integer closed form the kernels use. */
  public static int[][] filter3x3(int[][] img, int[] kernel, int scale) {
    float[] k = new float[9];
    for (int i = 0; i < 9; i++) {
      k[i] = (float) kernel[i] / (float) scale;
    }
    float off = 0f + 0.5f;
    int h = img.length;
    int w = img[0].length;
    int[][] out = copy(img);
    if (w < 3 || h < 3) {
      return out;
    }
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        float ss = off;
        int[] rows = {y + 1, y, y - 1};
        for (int r = 0; r < 3; r++) {
          int[] p = img[rows[r]];
          float t = p[x - 1] * k[3 * r] + p[x] * k[3 * r + 1];
          t = t + p[x + 1] * k[3 * r + 2];
          ss = ss + t;
        }
        out[y][x] = ss <= 0f ? 0 : (ss >= 255f ? 255 : (int) ss);
      }
    }
    return out;
  }

  public static int[][] sharpen(int[][] img) {
    return filter3x3(img, new int[] {-2, -2, -2, -2, 32, -2, -2, -2, -2}, 16);
  }

  public static int[][] smooth(int[][] img) {
    return filter3x3(img, new int[] {1, 1, 1, 1, 5, 1, 1, 1, 1}, 13);
  }
}
