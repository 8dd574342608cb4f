package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BoxBlur}'s radius-0 passes with the Vector API: Pillow's extended box of one inner and
 * two fractional edge taps, {@code (c * ww + (before + after) * fw + 2^23) >> 24}, each pass
 * rounded to 8 bits, all horizontal passes before the vertical ones, edge pixels repeated.
 *
 * <p>Between passes the samples are stored minus 128, as signed bytes: the byte-to-int
 * conversion sign-extends (JDK 17 has no zero-extending one), and with the bias it gives the
 * sample's offset value exactly, so no mask is needed. The bias folds into the rounding constant
 * (see {@link #biased(BoxBlur)}).
 *
 * <p>Every pass is one flat loop over the whole image, a row's neighbours at {@code +-c} and a
 * column's at {@code +-w}. For the vertical passes, copies of the first and last rows above and
 * below the image repeat the edges; the horizontal passes get the first and last pixel of each
 * row wrong (their neighbour beyond the edge is the next or previous row's), and a scalar loop
 * redoes those. Both were faster than margins at the row ends, whose byte-wise copies took as
 * long as a pass, and than blending the edge pixels in per row (rows of a few runs make short
 * inner loops).
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

  /**
   * Whether an image of {@code n} samples in rows of {@code w} samples of {@code c} bands suits
   * the kernel: one run's worth of samples, and rows of two pixels or more, so that redoing a
   * row's end pixels reads only its own samples.
   */
  static boolean fits(int w, int c, int n) {
    return w >= 2 * c && n >= BI.length();
  }

  /**
   * The rounding constant for biased samples. With {@code c = c' + 128} and so on, the sum
   * {@code c*ww + (a+b)*fw + 2^23} is {@code c'*ww + (a'+b')*fw + 128*(ww + 2fw) + 2^23}; taking
   * another 2^31 off makes the result of the shift come out biased too. The true sum lies in
   * [0, 255 * 2^24 + 2^23] (ww + 2fw is 2^24 or one less), so minus 2^31 it lies within a signed
   * int: the wrapping int arithmetic is exact, and the arithmetic shift floors it.
   */
  static int biased(BoxBlur box) {
    return (int) (128L * (box.ww + 2L * box.fw) + (1L << 23) - (1L << 31));
  }

  /**
   * {@link #biased(BoxBlur)} plus 2^31: the same shifted sums plus 128 in the bits above 24, so
   * the low eight bits, all a byte keeps, are the unbiased result (the last pass writes those).
   */
  static int unbiased(BoxBlur box) {
    return biased(box) + (1 << 31);
  }

  /** {@code passes} horizontal then vertical radius-0 passes over {@code w}-sample rows. */
  static byte[] blurR0(byte[] src, int w, int h, int c, int passes, BoxBlur box) {
    int n = w * h;
    // The image, with a row above and below it for the vertical passes' edge copies. Every load
    // stays within those: a run reads at most one row (or pixel) beyond the image's samples.
    int base = w;
    int size = n + 2 * w;
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
    int ww = box.ww;
    int fw = box.fw;
    int k = biased(box);
    flip(src, 0, a, base, n);
    byte[] out = new byte[n];
    if (passes == 0) {
      flip(a, base, out, 0, n);
      return out;
    }
    // One call site for all passes: C2 inlines each call site's copy of the loop, and several
    // copies in one method pass its node-count cutoff (then it boxes the vectors).
    for (int p = 0; p < 2 * passes; p++) {
      boolean across = p < passes;
      boolean last = p == 2 * passes - 1;
      if (!across) {
        System.arraycopy(a, base, a, base - w, w);
        System.arraycopy(a, base + n - w, a, base + n, w);
      }
      int step = across ? c : w;
      pass(a, base, last ? out : b, last ? 0 : base, n, step, ww, fw, last ? unbiased(box) : k);
      if (across) {
        redoRowEnds(a, b, base, w, h, c, ww, fw, k);
      }
      byte[] t = a;
      a = b;
      b = t;
    }
    return out;
  }

  /*
   * The loops below are kept small so that C2 inlines every vector call into them (otherwise it
   * boxes the vectors and runs several times slower than the plain loops). The last run of a
   * range is moved back to end at the range's end and overlaps the run before it: both write
   * the same values there, and there is no tail loop.
   */

  /**
   * {@code len} samples from {@code s[so..]} to {@code d[dof..]}, each with the samples
   * {@code step} before and after it as neighbours.
   */
  private static void pass(byte[] s, int so, byte[] d, int dof, int len, int step, int ww,
      int fw, int k) {
    int n = BI.length();
    int last = so + len - n;
    // The loop runs on the source index alone: with a second index (dof + x) C2 kept range
    // checks in the loop, a third slower.
    int shift = dof - so;
    for (int o = so; o < last; o += n) {
      run(s, o, d, o + shift, step, ww, fw, k);
    }
    run(s, last, d, last + shift, step, ww, fw, k);
  }

  private static void run(byte[] s, int o, byte[] d, int to, int step, int ww, int fw, int k) {
    IntVector centre =
        (IntVector) ByteVector.fromArray(BI, s, o).convertShape(VectorOperators.B2I, I, 0);
    IntVector before = (IntVector) ByteVector.fromArray(BI, s, o - step)
        .convertShape(VectorOperators.B2I, I, 0);
    IntVector after = (IntVector) ByteVector.fromArray(BI, s, o + step)
        .convertShape(VectorOperators.B2I, I, 0);
    IntVector v = centre.mul(ww).add(before.add(after).mul(fw)).add(k)
        .lanewise(VectorOperators.ASHR, 24);
    ((ByteVector) v.convertShape(VectorOperators.I2B, BI, 0)).intoArray(d, to);
  }

  /**
   * The first and last pixel of every row after a horizontal pass, whose neighbour beyond the
   * edge is the pixel itself; the same wrapping int arithmetic as the vectors (biased samples).
   */
  private static void redoRowEnds(byte[] s, byte[] d, int base, int w, int h, int c, int ww,
      int fw, int k) {
    if (c == 1) {
      // Gray rows on their own: the loop over bands, one trip, took as long as a vector pass.
      for (int i = base, j = base + w - 1, end = base + w * h; i < end; i += w, j += w) {
        int first = s[i];
        d[i] = (byte) ((first * ww + (first + s[i + 1]) * fw + k) >> 24);
        int last = s[j];
        d[j] = (byte) ((last * ww + (s[j - 1] + last) * fw + k) >> 24);
      }
      return;
    }
    for (int row = base, end = base + w * h; row < end; row += w) {
      for (int i = row, j = row + w - c; i < row + c; i++, j++) {
        int first = s[i];
        d[i] = (byte) ((first * ww + (first + s[i + c]) * fw + k) >> 24);
        int last = s[j];
        d[j] = (byte) ((last * ww + (s[j - c] + last) * fw + k) >> 24);
      }
    }
  }

  /** {@code d[dof + i] = s[so + i] ^ 0x80} for i in [0, n), n at least one narrow run. */
  private static void flip(byte[] s, int so, byte[] d, int dof, int n) {
    if (n < BS.length()) {
      flipNarrow(s, so, d, dof, n);
      return;
    }
    // XOR with a vector, not a byte: the byte form broadcasts through a call whose type profile
    // every byte species in the JVM shares, and with the 512-bit kernels (ShearVectors,
    // AffineVectors) in the same JVM that call stopped being compiled to one instruction.
    ByteVector bias = ByteVector.broadcast(BS, (byte) 0x80);
    int step = BS.length();
    int last = n - step;
    for (int i = 0; i < last; i += step) {
      ByteVector.fromArray(BS, s, so + i).lanewise(VectorOperators.XOR, bias)
          .intoArray(d, dof + i);
    }
    ByteVector.fromArray(BS, s, so + last).lanewise(VectorOperators.XOR, bias)
        .intoArray(d, dof + last);
  }

  // flip's loop over the narrower species, as its own method: a species passed as a parameter
  // is not a constant to C2, which then boxes the vectors.
  private static void flipNarrow(byte[] s, int so, byte[] d, int dof, int n) {
    ByteVector bias = ByteVector.broadcast(BI, (byte) 0x80);
    int step = BI.length();
    int last = n - step;
    for (int i = 0; i < last; i += step) {
      ByteVector.fromArray(BI, s, so + i).lanewise(VectorOperators.XOR, bias)
          .intoArray(d, dof + i);
    }
    ByteVector.fromArray(BI, s, so + last).lanewise(VectorOperators.XOR, bias)
        .intoArray(d, dof + last);
  }
}
