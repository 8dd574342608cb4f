package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BoxBlur}'s radius-0 passes with the Vector API: Pillow's extended box of one inner and
 * two fractional edge taps, {@code (c * ww + (before + after) * fw + 2^23) >> 24}, each pass
 * rounded to 8 bits, all horizontal passes before the vertical ones.
 *
 * <p>The image lives in a byte buffer with a margin of one pixel (c samples) at both ends of
 * every row and one row above and below, holding copies of the edge pixels, which is how Pillow
 * repeats the edges. With the margins in place a pass is one flat loop over the whole buffer, a
 * row's neighbours at {@code +-c} and a column's at {@code +-stride}; what it computes in the
 * margins is junk that the next pass's margin copies overwrite.
 *
 * <p>Samples are stored minus 128, as signed bytes: the byte-to-int conversion sign-extends
 * (JDK 17 has no zero-extending one), and with the bias it gives the sample's offset value
 * exactly, so no mask is needed. The bias folds into the rounding constant (see
 * {@link #bias(BoxBlur)}).
 */
final class BoxBlurVectors {
  private static final VectorSpecies<Integer> I = SimdShapes.INTS;
  private static final VectorSpecies<Byte> BI = SimdShapes.BYTES_FOR_INTS;
  private static final VectorSpecies<Byte> BS = SimdShapes.BYTES_FOR_SHORTS;
  private static final ThreadLocal<byte[][]> BUFFERS =
      ThreadLocal.withInitial(() -> new byte[][] {new byte[0], new byte[0]});
  /** Larger images get fresh buffers, so a huge one does not pin memory to a thread. */
  private static final int MAX_CACHED = 1 << 20;

  private BoxBlurVectors() {}

  /** Whether rows of {@code w} samples have room for one whole run. */
  static boolean fits(int w) {
    return w >= BI.length();
  }

  /**
   * The rounding constant for biased samples. With {@code c = c' + 128} and so on, the sum
   * {@code c*ww + (a+b)*fw + 2^23} is {@code c'*ww + (a'+b')*fw + 128*(ww + 2fw) + 2^23}; taking
   * another 2^31 off makes the result of the shift come out biased too. The true sum lies in
   * [0, 255 * 2^24 + 2^23] (ww + 2fw is 2^24 or one less), so minus 2^31 it lies within a signed
   * int: the wrapping int arithmetic is exact, and the arithmetic shift floors it.
   */
  static int bias(BoxBlur box) {
    return (int) (128L * (box.ww + 2L * box.fw) + (1L << 23) - (1L << 31));
  }

  /** {@code passes} horizontal then vertical radius-0 passes over {@code w}-sample rows. */
  static byte[] blurR0(byte[] src, int w, int h, int c, int passes, BoxBlur box) {
    int stride = w + 2 * c;
    int size = (h + 2) * stride;
    byte[] a;
    byte[] b;
    if (size > MAX_CACHED) {
      a = new byte[size];
      b = new byte[size];
    } else {
      byte[][] buffers = BUFFERS.get();
      if (buffers[0].length < size) {
        buffers[0] = new byte[Math.max(size, 8192)];
        buffers[1] = new byte[Math.max(size, 8192)];
      }
      a = buffers[0];
      b = buffers[1];
    }
    int first = stride + c; // row 0, sample 0
    int end = h * stride + c + w; // just past row h-1's last sample
    int ww = box.ww;
    int fw = box.fw;
    int k = bias(box);
    if (w >= BS.length()) {
      biasRowsWide(src, a, w, h, stride, first);
    } else {
      biasRows(src, a, w, h, stride, first);
    }
    for (int p = 0; p < passes; p++) {
      rowMargins(a, w, h, c, stride, first);
      pass(a, b, first, end, c, ww, fw, k);
      byte[] t = a;
      a = b;
      b = t;
    }
    for (int p = 0; p < passes; p++) {
      System.arraycopy(a, first, a, c, w);
      System.arraycopy(a, first + (h - 1) * stride, a, end - w + stride, w);
      pass(a, b, first, end, stride, ww, fw, k);
      byte[] t = a;
      a = b;
      b = t;
    }
    byte[] out = new byte[w * h];
    if (w >= BS.length()) {
      unbiasRowsWide(a, out, w, h, stride, first);
    } else {
      unbiasRows(a, out, w, h, stride, first);
    }
    return out;
  }

  /** Each row's first pixel copied into the margin before it, its last into the one after. */
  private static void rowMargins(byte[] a, int w, int h, int c, int stride, int first) {
    for (int y = 0, o = first; y < h; y++, o += stride) {
      for (int k = 0; k < c; k++) {
        a[o - c + k] = a[o + k];
        a[o + w + k] = a[o + w - c + k];
      }
    }
  }

  /*
   * The pass below is the only hot loop, kept small so that C2 inlines every vector call into
   * it (otherwise it boxes the vectors and runs several times slower than the plain loops). Its
   * last run is moved back to end at the range's end and overlaps the run before it: both write
   * the same values there, and there is no tail loop.
   */

  private static void pass(byte[] s, byte[] d, int from, int to, int step, int ww, int fw,
      int k) {
    int n = BI.length();
    int last = to - n;
    for (int o = from; ; o = Math.min(o + n, last)) {
      IntVector centre =
          (IntVector) ByteVector.fromArray(BI, s, o).convertShape(VectorOperators.B2I, I, 0);
      IntVector before = (IntVector) ByteVector.fromArray(BI, s, o - step)
          .convertShape(VectorOperators.B2I, I, 0);
      IntVector after = (IntVector) ByteVector.fromArray(BI, s, o + step)
          .convertShape(VectorOperators.B2I, I, 0);
      IntVector v = centre.mul(ww).add(before.add(after).mul(fw)).add(k)
          .lanewise(VectorOperators.ASHR, 24);
      ((ByteVector) v.convertShape(VectorOperators.I2B, BI, 0)).intoArray(d, o);
      if (o == last) {
        break;
      }
    }
  }

  private static void biasRowsWide(byte[] src, byte[] a, int w, int h, int stride, int first) {
    int n = BS.length();
    for (int y = 0; y < h; y++) {
      int from = y * w;
      int to = first + y * stride;
      for (int x = 0; ; x = Math.min(x + n, w - n)) {
        ByteVector.fromArray(BS, src, from + x).lanewise(VectorOperators.XOR, (byte) 0x80)
            .intoArray(a, to + x);
        if (x == w - n) {
          break;
        }
      }
    }
  }

  private static void biasRows(byte[] src, byte[] a, int w, int h, int stride, int first) {
    int n = BI.length();
    for (int y = 0; y < h; y++) {
      int from = y * w;
      int to = first + y * stride;
      for (int x = 0; ; x = Math.min(x + n, w - n)) {
        ByteVector.fromArray(BI, src, from + x).lanewise(VectorOperators.XOR, (byte) 0x80)
            .intoArray(a, to + x);
        if (x == w - n) {
          break;
        }
      }
    }
  }

  private static void unbiasRowsWide(byte[] a, byte[] out, int w, int h, int stride,
      int first) {
    int n = BS.length();
    for (int y = 0; y < h; y++) {
      int from = first + y * stride;
      int to = y * w;
      for (int x = 0; ; x = Math.min(x + n, w - n)) {
        ByteVector.fromArray(BS, a, from + x).lanewise(VectorOperators.XOR, (byte) 0x80)
            .intoArray(out, to + x);
        if (x == w - n) {
          break;
        }
      }
    }
  }

  private static void unbiasRows(byte[] a, byte[] out, int w, int h, int stride, int first) {
    int n = BI.length();
    for (int y = 0; y < h; y++) {
      int from = first + y * stride;
      int to = y * w;
      for (int x = 0; ; x = Math.min(x + n, w - n)) {
        ByteVector.fromArray(BI, a, from + x).lanewise(VectorOperators.XOR, (byte) 0x80)
            .intoArray(out, to + x);
        if (x == w - n) {
          break;
        }
      }
    }
  }
}
