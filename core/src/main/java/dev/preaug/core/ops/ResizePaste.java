package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import java.util.Arrays;

/**
 * Mirrors the seed's "scale" step: {@code img.resize((w, h))} with Pillow's default BICUBIC
 * filter, pasted at {@code (ox, oy)} onto {@code Image.new('L', img.size)}, a black canvas the size
 * of the input; whatever falls outside the canvas is clipped (pillow-ops.md section 3).
 * Spec: {@code resize_paste(w,h,ox,oy)}.
 *
 * <p>Only the part of the resized image that lands on the canvas is computed. Every resized pixel
 * depends only on its own row and column weights, so this gives the same pixels as resizing
 * everything first, and it keeps memory bounded by the canvas whatever {@code w} and {@code h} are.
 */
public final class ResizePaste implements Op {
  static final String NAME = "resize_paste";
  private static final int HALF = 1 << (BicubicCoefficients.PRECISION_BITS - 1);

  private final int w;
  private final int h;
  private final int ox;
  private final int oy;

  /**
   * @param w width of the resized image, at least 1
   * @param h height of the resized image, at least 1
   * @param ox column of the canvas where the resized image's left edge goes (may be negative)
   * @param oy row of the canvas where its top edge goes (may be negative)
   */
  public ResizePaste(int w, int h, int ox, int oy) {
    this.w = Params.atLeastOne(NAME, "w", w);
    this.h = Params.atLeastOne(NAME, "h", h);
    this.ox = ox;
    this.oy = oy;
  }

  public int w() {
    return w;
  }

  public int h() {
    return h;
  }

  public int ox() {
    return ox;
  }

  public int oy() {
    return oy;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    int cw = in.width();
    int ch = in.height();
    byte[] out = new byte[cw * ch];
    // The window [x0, x1) x [y0, y1) of the resized image that lands on the canvas.
    long left = Math.max(0L, -(long) ox);
    long right = Math.min(w, (long) cw - ox);
    long top = Math.max(0L, -(long) oy);
    long bottom = Math.min(h, (long) ch - oy);
    if (left < right && top < bottom) {
      int x0 = (int) left;
      int x1 = (int) right;
      int y0 = (int) top;
      int y1 = (int) bottom;
      // Pillow skips a pass whose size does not change; the other pass then reads raw input.
      BicubicCoefficients vertical = h != ch ? BicubicCoefficients.of(ch, h, y0, y1) : null;
      int rowLo = y0;
      int rowHi = y1;
      if (vertical != null) {
        rowLo = Integer.MAX_VALUE;
        rowHi = 0;
        for (int y = y0; y < y1; y++) {
          rowLo = Math.min(rowLo, vertical.first(y));
          rowHi = Math.max(rowHi, vertical.first(y) + vertical.taps(y));
        }
      }
      int[] rows = horizontal(in, x0, x1, rowLo, rowHi);
      if (vertical != null) {
        vertical(rows, x1 - x0, rowLo, vertical, y0, y1, out, cw, x0 + ox, oy);
      } else {
        paste(rows, x1 - x0, rowLo, y0, y1, out, cw, x0 + ox, oy);
      }
    }
    return GrayImage.wrap(cw, ch, out);
  }

  /**
   * Columns {@code x0..x1-1} of the horizontally resized image, input rows {@code rowLo..rowHi-1},
   * already rounded to 0..255: Pillow stores the intermediate as 8-bit pixels, and that rounding
   * is part of the result.
   */
  private int[] horizontal(GrayImage in, int x0, int x1, int rowLo, int rowHi) {
    int cw = in.width();
    byte[] src = in.array();
    int tw = x1 - x0;
    int[] rows = new int[(rowHi - rowLo) * tw];
    if (w == cw) {
      for (int r = rowLo; r < rowHi; r++) {
        int s = r * cw + x0;
        int d = (r - rowLo) * tw;
        for (int x = 0; x < tw; x++) {
          rows[d + x] = src[s + x] & 0xFF;
        }
      }
      return rows;
    }
    BicubicCoefficients c = BicubicCoefficients.of(cw, w, x0, x1);
    int[] k = c.weights();
    for (int r = rowLo; r < rowHi; r++) {
      int srcRow = r * cw;
      int d = (r - rowLo) * tw - x0;
      for (int x = x0; x < x1; x++) {
        int s = srcRow + c.first(x);
        int kb = c.base(x);
        int n = c.taps(x);
        int ss = HALF;
        for (int i = 0; i < n; i++) {
          ss += (src[s + i] & 0xFF) * k[kb + i];
        }
        rows[d + x] = clip8(ss);
      }
    }
    return rows;
  }

  /** The vertical pass over the 8-bit intermediate, written straight onto the canvas. */
  private static void vertical(int[] rows, int tw, int rowLo, BicubicCoefficients c, int y0,
      int y1, byte[] out, int cw, int dstX, int oy) {
    int[] k = c.weights();
    int[] acc = new int[tw];
    for (int y = y0; y < y1; y++) {
      Arrays.fill(acc, HALF);
      int first = c.first(y) - rowLo;
      int n = c.taps(y);
      int kb = c.base(y);
      for (int i = 0; i < n; i++) {
        int weight = k[kb + i];
        int s = (first + i) * tw;
        for (int x = 0; x < tw; x++) {
          acc[x] += rows[s + x] * weight;
        }
      }
      int d = (y + oy) * cw + dstX;
      for (int x = 0; x < tw; x++) {
        out[d + x] = (byte) clip8(acc[x]);
      }
    }
  }

  private static void paste(int[] rows, int tw, int rowLo, int y0, int y1, byte[] out, int cw,
      int dstX, int oy) {
    for (int y = y0; y < y1; y++) {
      int s = (y - rowLo) * tw;
      int d = (y + oy) * cw + dstX;
      for (int x = 0; x < tw; x++) {
        out[d + x] = (byte) rows[s + x];
      }
    }
  }

  /** Floor of the fixed-point sum (half-up, as HALF was added first), clamped to 0..255. */
  private static int clip8(int ss) {
    int v = ss >> BicubicCoefficients.PRECISION_BITS;
    return v < 0 ? 0 : Math.min(v, 255);
  }

  @Override
  public String spec() {
    return NAME + "(" + w + "," + h + "," + ox + "," + oy + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResizePaste)) {
      return false;
    }
    ResizePaste other = (ResizePaste) o;
    return w == other.w && h == other.h && ox == other.ox && oy == other.oy;
  }

  @Override
  public int hashCode() {
    return ((w * 31 + h) * 31 + ox) * 31 + oy;
  }

  @Override
  public String toString() {
    return spec();
  }
}
