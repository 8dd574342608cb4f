package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's sine-wave column shift, a numpy loop rather than a Pillow call (pillow-ops.md
 * section 4): with {@code A = H/3.0} and {@code w = 2.0/W}, column {@code i} is rolled down by
 * {@code int(factor * A * sin(-2*pi*i*w))} rows, wrapping around. Spec: {@code sine(factor)}.
 *
 * <p>The seed's loop ran over {@code shape[0]} (the height) although it shifts columns; it only
 * ever saw square images. Here every one of the W columns is shifted, which is the same thing
 * for square images and the evident intent for the others.
 */
public final class Sine implements Op, Interleaved {
  static final String NAME = "sine";
  /** {@code sine(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "t[:, i] = np.roll(t[:, i], int(factor * A * sin(-2*pi*i*w)), axis=0) for every column i",
      a -> new Sine(a[0]), OpKind.Param.real("factor", -100, 100));
  /** Widths whose sine tables are kept; others are computed per call. */
  private static final int CACHE_MAX_WIDTH = 4096;
  private static final ConcurrentHashMap<Integer, double[]> SINES = new ConcurrentHashMap<>();

  private final double factor;

  /** @throws IllegalArgumentException if {@code factor} is NaN or infinite */
  public Sine(double factor) {
    this.factor = Params.finite(NAME, "factor", factor);
  }

  public double factor() {
    return factor;
  }

  /**
   * {@code sin(-2*pi*i*w)} per column. It does not involve the factor, so it is shared by every
   * instance; the argument is built in the seed's order, ((-2*pi)*i)*w, so the doubles match.
   * The sine is the correctly rounded one ({@link Trig#sinExact}), not {@code Math.sin}: the
   * truncation that follows would turn an ulp of difference between JVMs into a shifted column.
   */
  private static double[] sines(int width) {
    if (width > CACHE_MAX_WIDTH) {
      return computeSines(width);
    }
    return SINES.computeIfAbsent(width, Sine::computeSines);
  }

  private static double[] computeSines(int width) {
    double w = 2.0 / width;
    double[] s = new double[width];
    for (int i = 0; i < width; i++) {
      s[i] = Trig.sinExact(-2 * Math.PI * i * w);
    }
    return s;
  }

  /** Column shifts reduced to 0..height-1, so that out row {@code (j + s) mod H} gets row j. */
  int[] shifts(int width, int height) {
    double[] sines = sines(width);
    double amplitude = factor * (height / 3.0);
    int[] shifts = new int[width];
    for (int i = 0; i < width; i++) {
      double v = amplitude * sines[i];
      // Python's int() truncates toward zero, so shifts are lopsided around 0 (a rounding would
      // give other columns). A cast to int truncates the same way and an int remainder is cheap
      // next to the double one; beyond int range, truncating in double and reducing with the
      // exact double remainder stays right.
      int s;
      if (Math.abs(v) < 2147483647.0) {
        s = ((int) v) % height;
      } else {
        double truncated = v < 0 ? Math.ceil(v) : Math.floor(v);
        s = (int) (truncated % height);
      }
      shifts[i] = s < 0 ? s + height : s;
    }
    return shifts;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    int width = in.width();
    int height = in.height();
    int[] from = shifts(width, height);
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    // Row by row, so reads and writes run along memory: out row j of column i reads src row
    // (j - s) mod H. from[i] becomes that source offset for row 0 and then steps one row at a
    // time, wrapping at the end of the image.
    int size = width * height;
    for (int i = 0; i < width; i++) {
      int s = from[i];
      from[i] = (s == 0 ? 0 : height - s) * width + i;
    }
    for (int base = 0; base < size; base += width) {
      for (int i = 0; i < width; i++) {
        int f = from[i];
        out[base + i] = src[f];
        f += width;
        from[i] = f >= size ? f - size : f;
      }
    }
    return GrayImage.wrap(width, height, out);
  }

  /**
   * A colour image in one pass over its interleaved pixels: the roll moves whole pixels (numpy's
   * {@code axis=0} on an {@code [H,W,3]} array), which is every band rolled alike.
   */
  @Override
  public Image apply(Image in) {
    int c = in.channels();
    if (c == 1) {
      return Op.super.apply(in);
    }
    // c is 3 here (an Image has 1 or 3 bands): three byte moves beat a tiny arraycopy.
    int width = in.width();
    int height = in.height();
    int[] shifts = shifts(width, height);
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    int stride = width * c;
    for (int i = 0; i < width; i++) {
      int s = shifts[i];
      int from = i * c;
      int to = s * stride + from;
      for (int j = s; j < height; j++) {
        out[to] = src[from];
        out[to + 1] = src[from + 1];
        out[to + 2] = src[from + 2];
        to += stride;
        from += stride;
      }
      to = i * c;
      for (int j = 0; j < s; j++) {
        out[to] = src[from];
        out[to + 1] = src[from + 1];
        out[to + 2] = src[from + 2];
        to += stride;
        from += stride;
      }
    }
    return Image.wrap(width, height, c, out);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sine && Params.sameBits(factor, ((Sine) o).factor);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(factor) * 31 + 4;
  }

  @Override
  public String toString() {
    return spec();
  }
}
