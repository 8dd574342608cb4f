package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

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
public final class ResizePaste implements Op, Interleaved {
  static final String NAME = "resize_paste";
  /** {@code resize_paste(w,h,ox,oy)}; a recipe may leave ox and oy out ({@code fit}). */
  public static final OpKind KIND = OpKind.of(NAME,
      "Image.new('L', img.size).paste(img.resize((w, h)), (ox, oy))",
      a -> new ResizePaste((int) a[0], (int) a[1], (int) a[2], (int) a[3]),
      OpKind.Param.integer("w", 1, 65535, ">= 1").along(OpKind.Axis.X),
      OpKind.Param.integer("h", 1, 65535, ">= 1").along(OpKind.Axis.Y),
      OpKind.Param.offset("ox", OpKind.Axis.X, 0), OpKind.Param.offset("oy", OpKind.Axis.Y, 1));
  private static final int HALF = 1 << (BicubicCoefficients.PRECISION_BITS - 1);

  private final int w;
  private final int h;
  private final int ox;
  private final int oy;
  /** BICUBIC for the op; {@link #resize(GrayImage, int, int, Resample)} may pick BILINEAR. */
  private final Resample filter;

  /**
   * @param w width of the resized image, at least 1
   * @param h height of the resized image, at least 1
   * @param ox column of the canvas where the resized image's left edge goes (may be negative)
   * @param oy row of the canvas where its top edge goes (may be negative)
   */
  public ResizePaste(int w, int h, int ox, int oy) {
    this(w, h, ox, oy, Resample.BICUBIC);
  }

  /** With another filter than BICUBIC (resize's BILINEAR, and tests). */
  ResizePaste(int w, int h, int ox, int oy, Resample filter) {
    this.w = Params.atLeastOne(NAME, "w", w);
    this.h = Params.atLeastOne(NAME, "h", h);
    this.ox = ox;
    this.oy = oy;
    this.filter = filter;
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
    return render(in, in.width(), in.height());
  }

  /**
   * Pillow's {@code img.resize((w, h))} alone (BICUBIC, the default): a w x h image, or
   * {@code in} itself when it already has that size (images are immutable). Inputs that arrive
   * at another size (image folders) are brought to the dataset's size this way.
   */
  public static GrayImage resize(GrayImage in, int w, int h) {
    return resize(in, w, h, Resample.BICUBIC);
  }

  /**
   * Pillow's {@code img.resize((w, h), resample)} of a mode L image: the two-pass convolution for
   * BICUBIC and BILINEAR, the affine nearest-neighbour scale for NEAREST; {@code in} itself when
   * it already has that size (Pillow returns a copy). An RGB image is resized band by band with
   * this, which is what Pillow's per-pixel loops compute.
   */
  public static GrayImage resize(GrayImage in, int w, int h, Resample resample) {
    if (w == in.width() && h == in.height()) {
      return in;
    }
    if (resample == Resample.NEAREST) {
      return nearest(in, w, h);
    }
    return new ResizePaste(w, h, 0, 0, resample).render(in, w, h);
  }

  /**
   * {@link #resize(GrayImage, int, int, Resample)} on every band of an image: BICUBIC and
   * BILINEAR in one pass over the interleaved pixels (the same convolutions per band as
   * {@link #apply(Image)}), NEAREST band by band; {@code in} itself when it has that size.
   */
  static Image resize(Image in, int w, int h, Resample resample) {
    if (w == in.width() && h == in.height()) {
      return in;
    }
    int c = in.channels();
    if (c == 1 || resample == Resample.NEAREST) {
      GrayImage[] bands = in.bands();
      for (int b = 0; b < c; b++) {
        bands[b] = resize(bands[b], w, h, resample);
      }
      return c == 1 ? Image.of(bands[0]) : Image.merge(bands);
    }
    return Image.wrap(w, h, c,
        new ResizePaste(w, h, 0, 0, resample).render(in.array(), in.width(), in.height(), c, w, h));
  }

  /**
   * Pillow's NEAREST resize: {@code ImagingScaleAffine} with the matrix
   * {@code (inW/w, 0, 0, 0, inH/h, 0)}. Source coordinates are accumulated by repeated addition
   * from the first pixel centre, as the C code does, so they carry its rounding; the truncation to
   * an index is then the C cast. A source index outside the input (which a plain resize should
   * never produce) leaves the pixel 0, as Pillow's zero fill does.
   */
  private static GrayImage nearest(GrayImage in, int w, int h) {
    int inW = in.width();
    int inH = in.height();
    double ax = (double) ((float) inW - 0.0f) / w;
    double ay = (double) ((float) inH - 0.0f) / h;
    int[] xin = new int[w];
    double xo = ax * 0.5;
    for (int x = 0; x < w; x++) {
      int c = coord(xo);
      xin[x] = c < inW ? c : -1;
      xo += ax;
    }
    byte[] src = in.array();
    byte[] out = new byte[w * h];
    double yo = ay * 0.5;
    for (int y = 0; y < h; y++) {
      int yi = coord(yo);
      if (yi >= 0 && yi < inH) {
        int row = yi * inW;
        for (int x = 0, o = y * w; x < w; x++, o++) {
          if (xin[x] >= 0) {
            out[o] = src[row + xin[x]];
          }
        }
      }
      yo += ay;
    }
    return GrayImage.wrap(w, h, out);
  }

  /** Pillow's {@code COORD(v)}: -1 below zero, else the C truncation. */
  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }

  /** Resizes {@code in} and pastes it at (ox, oy) onto a black cw x ch canvas. */
  private GrayImage render(GrayImage in, int cw, int ch) {
    return GrayImage.wrap(cw, ch, render(in.array(), in.width(), in.height(), 1, cw, ch));
  }

  /**
   * A colour image in one pass over its interleaved pixels: every band gets exactly its one-band
   * convolutions (the taps of a band only ever read that band), without a split and merge.
   */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Op.super.apply(in);
    }
    return Image.wrap(in.width(), in.height(), in.channels(),
        render(in.array(), in.width(), in.height(), in.channels(), in.width(), in.height()));
  }

  /**
   * {@link #render(GrayImage, int, int)} on {@code c} interleaved bands (HWC): the lines of the
   * vertical pass hold the {@code c} samples of each pixel side by side, the columns of the
   * horizontal pass are kept band by band.
   */
  private byte[] render(byte[] src, int inW, int inH, int c, int cw, int ch) {
    return render(src, inW, inH, c, cw, ch, Simd.ENABLED);
  }

  /**
   * With {@code vectors} false, the plain loops even where the Vector API is enabled (tests);
   * with it true, {@link ResampleVectors} wherever its runs fit the window.
   */
  byte[] render(byte[] src, int inW, int inH, int c, int cw, int ch, boolean vectors) {
    byte[] out = new byte[cw * ch * c];
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
      BicubicCoefficients vertical =
          h != inH ? BicubicCoefficients.of(filter, inH, h, y0, y1) : null;
      // The input rows the vertical pass reads; windows only move forward as y grows.
      int rowLo = vertical != null ? vertical.first(y0) : y0;
      int rowHi = vertical != null ? vertical.end(y1 - 1) : y1;
      if (vectors && ResampleVectors.fits((x1 - x0) * c, rowHi - rowLo, w != inW)
          && ResampleVectors.pays(c, filter, inW, w)) {
        ResampleVectors.render(src, inW, c, filter, w,
            w != inW ? BicubicCoefficients.of(filter, inW, w, x0, x1) : null, vertical, x0, x1,
            y0, y1, rowLo, rowHi, out, ((y0 + oy) * cw + x0 + ox) * c, cw * c);
        return out;
      }
      Scratch scratch = Scratch.get();
      int tw = x1 - x0;
      int ts = tw * c; // samples per window row
      // Row r of the horizontally resized image (window columns only) is rows[r - rowLo].
      int[][] rows = scratch.lines(1, rowHi - rowLo, ts);
      // Byte lines go through this buffer: a loop that converts at an offset does not vectorise.
      byte[] line = new byte[Math.max(tw, inW) * c];
      if (w != inW) {
        horizontal(src, inW, c, x0, x1, rowLo, rowHi, rows, scratch);
      } else {
        for (int r = rowLo; r < rowHi; r++) {
          System.arraycopy(src, (r * inW + x0) * c, line, 0, ts);
          Lanes.widen(line, rows[r - rowLo], ts);
        }
      }
      int dstX = x0 + ox;
      int[] acc = scratch.ints(2, ts);
      for (int y = y0; y < y1; y++) {
        int[] resized = vertical != null ? verticalRow(vertical, y, rows, rowLo, acc, ts)
            : rows[y - rowLo];
        Lanes.narrow(resized, line, ts);
        System.arraycopy(line, 0, out, ((y + oy) * cw + dstX) * c, ts);
      }
    }
    return out;
  }

  /**
   * Columns {@code x0..x1-1} of the horizontally resized image, input rows {@code rowLo..rowHi-1},
   * into {@code rows} (pixels of {@code c} interleaved samples), already rounded to 0..255:
   * Pillow stores the intermediate as 8-bit pixels, and that rounding is part of the result.
   *
   * <p>The input is transposed first, so that each tap becomes a multiply-add over a whole input
   * column at once (vectorisable) instead of a gather along a row; the result is transposed back.
   * The transposed columns are grouped band by band, so a pixel's taps are consecutive lines.
   */
  private void horizontal(byte[] src, int cw, int c, int x0, int x1, int rowLo, int rowHi,
      int[][] rows, Scratch scratch) {
    BicubicCoefficients k = BicubicCoefficients.of(filter, cw, w, x0, x1);
    int colLo = k.first(x0);
    int colHi = k.end(x1 - 1);
    int nc = colHi - colLo;
    int nr = rowHi - rowLo;
    int stride = cw * c;
    int[][] columns = scratch.lines(0, nc * c, nr);
    for (int b = 0; b < c; b++) {
      for (int x = colLo; x < colHi; x++) {
        int[] column = columns[b * nc + x - colLo];
        for (int j = 0, s = rowLo * stride + x * c + b; j < nr; j++, s += stride) {
          column[j] = src[s] & 0xFF;
        }
      }
    }
    int tw = x1 - x0;
    int ts = tw * c;
    int[] resized = scratch.ints(0, ts * nr);
    int[] acc = scratch.ints(1, nr);
    for (int b = 0; b < c; b++) {
      for (int x = x0; x < x1; x++) {
        Lanes.filterLines(acc, HALF, columns, b * nc + k.first(x) - colLo, k.weights(),
            k.base(x), k.taps(x), nr);
        // Rounded to 8 bits in place (an offset store would not vectorise), stored column by
        // column, transposed back below.
        for (int j = 0; j < nr; j++) {
          acc[j] = clip8(acc[j]);
        }
        System.arraycopy(acc, 0, resized, ((x - x0) * c + b) * nr, nr);
      }
    }
    for (int j = 0; j < nr; j++) {
      int[] row = rows[j];
      for (int x = 0, s = j; x < ts; x++, s += nr) {
        row[x] = resized[s];
      }
    }
  }

  /** Row {@code y} of the vertical pass over the 8-bit intermediate, into {@code acc}. */
  private static int[] verticalRow(BicubicCoefficients c, int y, int[][] rows, int rowLo,
      int[] acc, int tw) {
    Lanes.filterLines(acc, HALF, rows, c.first(y) - rowLo, c.weights(), c.base(y), c.taps(y), tw);
    for (int x = 0; x < tw; x++) {
      acc[x] = clip8(acc[x]);
    }
    return acc;
  }

  /** Floor of the fixed-point sum (half-up, as HALF was added first), clamped to 0..255. */
  private static int clip8(int ss) {
    return Lanes.clamp8(ss >> BicubicCoefficients.PRECISION_BITS);
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
