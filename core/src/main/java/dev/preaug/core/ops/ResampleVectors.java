package dev.preaug.core.ops;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ResizePaste}'s two convolution passes, Pillow's {@code ImagingResampleHorizontal_8bpc}
 * then {@code ImagingResampleVertical_8bpc} with the 8-bit intermediate between them, in Vector
 * API int lanes (Pillow's accumulators are 32-bit: 8-bit samples times 22-bit weights).
 *
 * <ul>
 *   <li>The horizontal pass reads the input rows directly where a {@link RowPlan} fits: every
 *       tap is a lane shuffle of one row vector times a vector of per-output weights. Where it
 *       does not (strong shrinking), a one-band input is transposed so that an output column is
 *       the weighted sum of whole input columns, lanes along the rows, and the 8-bit result is
 *       transposed back.
 *   <li>The vertical pass makes each output row the weighted sum of whole intermediate rows,
 *       one weight per tap, lanes along the row.
 * </ul>
 *
 * Sums wrap as C's int arithmetic would, and a wrapped sum does not depend on the order of the
 * additions, so the lanes give exactly the plain loops' values. A run that would pass a line's
 * end starts early enough to end there instead, overlapping the run before it with the same
 * values.
 */
final class ResampleVectors {
  private static final VectorSpecies<Integer> I = SimdShapes.INTS;
  private static final VectorSpecies<Byte> BI = SimdShapes.BYTES_FOR_INTS;
  private static final int L = I.length();
  private static final int BITS = BicubicCoefficients.PRECISION_BITS;
  private static final int HALF = 1 << (BITS - 1);
  /** Larger windows get fresh arrays, so a huge image does not pin memory to a thread. */
  private static final int MAX_CACHED = 1 << 20;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /** Per-thread work arrays; contents are garbage on hand-out. */
  private static final class Work {
    final byte[][] bytes = new byte[3][0];
    final int[][] ints = new int[2][0];

    byte[] bytes(int slot, int size) {
      if (size > MAX_CACHED) {
        return new byte[size];
      }
      if (bytes[slot].length < size) {
        bytes[slot] = new byte[Math.max(size, 4096)];
      }
      return bytes[slot];
    }

    int[] ints(int slot, int size) {
      if (size > MAX_CACHED) {
        return new int[size];
      }
      if (ints[slot].length < size) {
        ints[slot] = new int[Math.max(size, 4096)];
      }
      return ints[slot];
    }
  }

  private ResampleVectors() {}

  /**
   * Whether every line a pass runs along holds one whole run: {@code samples} per window row
   * (vertical pass), {@code rows} input rows (horizontal pass, when there is one).
   */
  static boolean fits(int samples, int rows, boolean horizontal) {
    return samples >= L && (!horizontal || rows >= L);
  }

  /**
   * Whether {@link #render} is faster than the plain loops here: always for one band; for
   * interleaved bands only where the horizontal pass reads rows straight from the input
   * ({@link RowPlan}), as deinterleaving into transposed columns costs more than it saves.
   */
  static boolean pays(int c, Resample filter, int inW, int w) {
    return c == 1 || w == inW || RowPlan.of(filter, inW, w, c) != null;
  }

  /**
   * The window {@code [x0, x1) x [y0, y1)} of the image resized to {@code w} columns into
   * {@code out}, row {@code y0} at {@code outAt}, rows {@code outStride} samples apart.
   * {@code hk} or {@code vk} is null where Pillow skips that pass (the size is unchanged); the
   * vertical pass reads input rows {@code rowLo..rowHi-1}.
   */
  static void render(byte[] src, int inW, int c, Resample filter, int w, BicubicCoefficients hk,
      BicubicCoefficients vk, int x0, int x1, int y0, int y1, int rowLo, int rowHi, byte[] out,
      int outAt, int outStride) {
    Work work = WORK.get();
    int ts = (x1 - x0) * c;
    int nr = rowHi - rowLo;
    if (hk != null) {
      RowPlan plan = RowPlan.of(filter, inW, w, c);
      if (plan != null) {
        int bLo = plan.firstBlock(x0 * c);
        int bHi = plan.endBlock(x1 * c);
        // The blocks holding the window: their samples, from the first block's first.
        int origin = plan.start[bLo];
        int stride = plan.start[bHi - 1] + L - origin;
        int[] rows = work.ints(1, RowPlan.rounded(nr) * stride);
        plan.rows(src, inW * c, rowLo, nr, bLo, bHi, rows,
            work.bytes(0, RowPlan.rounded(nr) * inW * c + RowPlan.B.length()));
        int at = x0 * c - origin;
        if (vk != null) {
          vertical(rows, at, stride, vk, y0, y1, rowLo, out, outAt, outStride, ts);
        } else {
          for (int y = y0; y < y1; y++) {
            for (int i = 0, s = (y - rowLo) * stride + at, o = outAt + (y - y0) * outStride;
                i < ts; i++) {
              out[o + i] = (byte) rows[s + i];
            }
          }
        }
        return;
      }
    }
    byte[] rowBytes;
    int rowStart;
    int rowStride;
    if (hk != null) {
      if (c != 1) {
        throw new IllegalArgumentException("interleaved bands need a RowPlan, see pays()");
      }
      rowBytes = work.bytes(2, nr * ts);
      horizontal(work, src, inW, hk, x0, x1, rowLo, nr, rowBytes);
      rowStart = 0;
      rowStride = ts;
    } else {
      rowBytes = src;
      rowStart = (rowLo * inW + x0) * c;
      rowStride = inW * c;
    }
    if (vk == null) {
      for (int y = y0; y < y1; y++) {
        System.arraycopy(rowBytes, rowStart + (y - rowLo) * rowStride, out,
            outAt + (y - y0) * outStride, ts);
      }
      return;
    }
    int[] rows = work.ints(1, nr * ts);
    for (int j = 0; j < nr; j++) {
      widen(rowBytes, rowStart + j * rowStride, rows, j * ts, ts);
    }
    vertical(rows, 0, ts, vk, y0, y1, rowLo, out, outAt, outStride, ts);
  }

  /**
   * Output rows {@code y0..y1-1} from the horizontally resized rows (input row {@code rowLo} at
   * {@code at}, rows {@code stride} apart), {@code n} samples each.
   */
  private static void vertical(int[] rows, int at, int stride, BicubicCoefficients vk, int y0,
      int y1, int rowLo, byte[] out, int outAt, int outStride, int n) {
    int[] weights = vk.weights();
    for (int y = y0; y < y1; y++) {
      filter(rows, at + (vk.first(y) - rowLo) * stride, stride, weights, vk.base(y), vk.taps(y),
          out, outAt + (y - y0) * outStride, n);
    }
  }

  /**
   * Columns {@code x0..x1-1} of the horizontal pass of a one-band image over input rows
   * {@code rowLo..rowLo+nr-1} into {@code dst}, rows of {@code x1 - x0} samples, through the
   * transposed input: input column {@code x} is line {@code x - colLo}, so an output's taps are
   * consecutive lines. ({@link #pays} keeps interleaved bands off this path: deinterleaving them
   * into columns cost more than the plain loops.)
   */
  private static void horizontal(Work work, byte[] src, int inW, BicubicCoefficients hk, int x0,
      int x1, int rowLo, int nr, byte[] dst) {
    int colLo = hk.first(x0);
    int nc = hk.end(x1 - 1) - colLo;
    byte[] columnBytes = work.bytes(0, nc * nr);
    transpose(src, rowLo * inW + colLo, inW, columnBytes, 0, nr, nr, nc);
    int[] columns = work.ints(0, nc * nr);
    widen(columnBytes, 0, columns, 0, nc * nr);
    int tw = x1 - x0;
    byte[] resized = work.bytes(1, tw * nr);
    int[] weights = hk.weights();
    for (int x = x0; x < x1; x++) {
      filter(columns, (hk.first(x) - colLo) * nr, nr, weights, hk.base(x), hk.taps(x), resized,
          (x - x0) * nr, nr);
    }
    transpose(resized, 0, nr, dst, 0, tw, tw, nr);
  }

  /**
   * {@code dst[dstAt + x * dstStride + y] = src[srcAt + y * srcStride + x]} for {@code y < rows},
   * {@code x < cols}: 8 x 8 blocks as eight longs, swapped in three rounds of halves (bytes, then
   * pairs, then quads), the ragged edges byte by byte.
   */
  private static void transpose(byte[] src, int srcAt, int srcStride, byte[] dst, int dstAt,
      int dstStride, int rows, int cols) {
    int rows8 = rows & ~7;
    int cols8 = cols & ~7;
    for (int y = 0; y < rows8; y += 8) {
      for (int x = 0; x < cols8; x += 8) {
        block(src, srcAt + y * srcStride + x, srcStride, dst, dstAt + x * dstStride + y,
            dstStride);
      }
    }
    for (int y = 0; y < rows; y++) {
      for (int x = y < rows8 ? cols8 : 0; x < cols; x++) {
        dst[dstAt + x * dstStride + y] = src[srcAt + y * srcStride + x];
      }
    }
  }

  private static void block(byte[] src, int s, int ss, byte[] dst, int d, int ds) {
    long a0 = (long) LONGS.get(src, s);
    long a1 = (long) LONGS.get(src, s + ss);
    long a2 = (long) LONGS.get(src, s + 2 * ss);
    long a3 = (long) LONGS.get(src, s + 3 * ss);
    long a4 = (long) LONGS.get(src, s + 4 * ss);
    long a5 = (long) LONGS.get(src, s + 5 * ss);
    long a6 = (long) LONGS.get(src, s + 6 * ss);
    long a7 = (long) LONGS.get(src, s + 7 * ss);
    // Little-endian: byte k of row r is element (r, k). Each round swaps the upper half of one
    // row's units with the lower half of its partner's.
    long m = 0x00FF00FF00FF00FFL;
    long t;
    t = ((a0 >>> 8) ^ a1) & m; a1 ^= t; a0 ^= t << 8;
    t = ((a2 >>> 8) ^ a3) & m; a3 ^= t; a2 ^= t << 8;
    t = ((a4 >>> 8) ^ a5) & m; a5 ^= t; a4 ^= t << 8;
    t = ((a6 >>> 8) ^ a7) & m; a7 ^= t; a6 ^= t << 8;
    m = 0x0000FFFF0000FFFFL;
    t = ((a0 >>> 16) ^ a2) & m; a2 ^= t; a0 ^= t << 16;
    t = ((a1 >>> 16) ^ a3) & m; a3 ^= t; a1 ^= t << 16;
    t = ((a4 >>> 16) ^ a6) & m; a6 ^= t; a4 ^= t << 16;
    t = ((a5 >>> 16) ^ a7) & m; a7 ^= t; a5 ^= t << 16;
    m = 0x00000000FFFFFFFFL;
    t = ((a0 >>> 32) ^ a4) & m; a4 ^= t; a0 ^= t << 32;
    t = ((a1 >>> 32) ^ a5) & m; a5 ^= t; a1 ^= t << 32;
    t = ((a2 >>> 32) ^ a6) & m; a6 ^= t; a2 ^= t << 32;
    t = ((a3 >>> 32) ^ a7) & m; a7 ^= t; a3 ^= t << 32;
    LONGS.set(dst, d, a0);
    LONGS.set(dst, d + ds, a1);
    LONGS.set(dst, d + 2 * ds, a2);
    LONGS.set(dst, d + 3 * ds, a3);
    LONGS.set(dst, d + 4 * ds, a4);
    LONGS.set(dst, d + 5 * ds, a5);
    LONGS.set(dst, d + 6 * ds, a6);
    LONGS.set(dst, d + 7 * ds, a7);
  }

  /** {@code dst[dstAt + i] = src[srcAt + i] & 0xFF} for i in [0, n). */
  private static void widen(byte[] src, int srcAt, int[] dst, int dstAt, int n) {
    int i = 0;
    for (; i <= n - L; i += L) {
      ((IntVector) ByteVector.fromArray(BI, src, srcAt + i)
          .convertShape(VectorOperators.B2I, I, 0)).and(0xFF).intoArray(dst, dstAt + i);
    }
    for (; i < n; i++) {
      dst[dstAt + i] = src[srcAt + i] & 0xFF;
    }
  }

  /**
   * One output line of either pass (a column of the horizontal pass, a row of the vertical one),
   * from input lines {@code stride} apart, {@code n} samples each: clipped to 8 bits as Pillow's
   * {@code clip8} does, the floor of the fixed-point sum clamped to 0..255. Runs go four at a
   * time, then the line's last two to four runs end at its end.
   */
  private static void filter(int[] lines, int in, int stride, int[] weights, int kb, int taps,
      byte[] dst, int at, int n) {
    int g = 0;
    for (; n - g > 4 * L; g += 4 * L) {
      runs(lines, in, stride, weights, kb, taps, dst, at, g, g + L, g + 2 * L, g + 3 * L);
    }
    int last = n - L;
    int rest = n - g;
    if (rest > 3 * L) {
      runs(lines, in, stride, weights, kb, taps, dst, at, g, g + L, g + 2 * L, last);
    } else if (rest > 2 * L) {
      runs(lines, in, stride, weights, kb, taps, dst, at, g, g + L, last);
    } else {
      runs(lines, in, stride, weights, kb, taps, dst, at, Math.min(g, last), last);
    }
  }

  // Four, three and two accumulators as separate methods, not an array or a loop over runs:
  // vectors held in an array are boxed objects to C2, and one variable-count loop would keep
  // only one accumulator in registers per tap.
  private static void runs(int[] lines, int in, int stride, int[] weights, int kb, int taps,
      byte[] dst, int at, int r0, int r1, int r2, int r3) {
    IntVector acc0 = IntVector.broadcast(I, HALF);
    IntVector acc1 = acc0;
    IntVector acc2 = acc0;
    IntVector acc3 = acc0;
    for (int t = 0, s = in; t < taps; t++, s += stride) {
      int k = weights[kb + t];
      acc0 = acc0.add(IntVector.fromArray(I, lines, s + r0).mul(k));
      acc1 = acc1.add(IntVector.fromArray(I, lines, s + r1).mul(k));
      acc2 = acc2.add(IntVector.fromArray(I, lines, s + r2).mul(k));
      acc3 = acc3.add(IntVector.fromArray(I, lines, s + r3).mul(k));
    }
    ((ByteVector) acc0.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r0);
    ((ByteVector) acc1.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r1);
    ((ByteVector) acc2.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r2);
    ((ByteVector) acc3.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r3);
  }

  private static void runs(int[] lines, int in, int stride, int[] weights, int kb, int taps,
      byte[] dst, int at, int r0, int r1, int r2) {
    IntVector acc0 = IntVector.broadcast(I, HALF);
    IntVector acc1 = acc0;
    IntVector acc2 = acc0;
    for (int t = 0, s = in; t < taps; t++, s += stride) {
      int k = weights[kb + t];
      acc0 = acc0.add(IntVector.fromArray(I, lines, s + r0).mul(k));
      acc1 = acc1.add(IntVector.fromArray(I, lines, s + r1).mul(k));
      acc2 = acc2.add(IntVector.fromArray(I, lines, s + r2).mul(k));
    }
    ((ByteVector) acc0.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r0);
    ((ByteVector) acc1.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r1);
    ((ByteVector) acc2.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r2);
  }

  private static void runs(int[] lines, int in, int stride, int[] weights, int kb, int taps,
      byte[] dst, int at, int r0, int r1) {
    IntVector acc0 = IntVector.broadcast(I, HALF);
    IntVector acc1 = acc0;
    for (int t = 0, s = in; t < taps; t++, s += stride) {
      int k = weights[kb + t];
      acc0 = acc0.add(IntVector.fromArray(I, lines, s + r0).mul(k));
      acc1 = acc1.add(IntVector.fromArray(I, lines, s + r1).mul(k));
    }
    ((ByteVector) acc0.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r0);
    ((ByteVector) acc1.lanewise(VectorOperators.ASHR, BITS).max(0).min(255)
        .convertShape(VectorOperators.I2B, BI, 0)).intoArray(dst, at + r1);
  }

  /**
   * The horizontal pass straight from the input's rows, {@code L} output samples a step (one
   * block; samples of {@code c} interleaved bands, a lane per sample): the inputs a block reads
   * lie within one byte vector from its first pixel's first input, so each tap is one lane
   * shuffle of that vector, picking every output sample's input, times a vector of the samples'
   * weights (zero past a pixel's last tap). This skips the transposes, and is used where every
   * block's inputs fit (one band: scales up to about 2.5 on 512-bit vectors).
   *
   * <p>Blocks start every {@code L} samples from 0, the last one moved back to end at the last
   * sample. A plan depends only on (filter, input width, output width, bands) and is shared like
   * {@link BicubicCoefficients}' tables, with the same bounds.
   */
  static final class RowPlan {
    /** A byte vector as wide as the int vectors: each int lane is four byte lanes. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, I.vectorShape());
    /** The byte lane each row vector has cleared, so shuffles can take zeros from it. */
    private static final int ZERO = B.length() - 1;
    /** All ones but lane {@link #ZERO}. */
    private static final ByteVector KEEP =
        ByteVector.broadcast(B, (byte) -1).withLane(ZERO, (byte) 0);
    /** Which byte of an int lane is its low byte when the bytes are reinterpreted as ints. */
    private static final int LOW = ((IntVector) ByteVector.zero(B).withLane(0, (byte) 1)
        .reinterpretAsInts()).lane(0) == 1 ? 0 : 3;
    private static final int CACHE_MAX_SIZE = 1024;
    private static final int CACHE_MAX_ENTRIES = 4096;
    private static final ConcurrentHashMap<Long, RowPlan> CACHE = new ConcurrentHashMap<>();
    /** Cached for sizes whose blocks do not fit, so they are not planned again. */
    private static final RowPlan NONE = new RowPlan(new int[0], new int[1], new int[1],
        newShuffles(0), new int[0]);

    /** First output sample of each block. */
    final int[] start;
    /** The input sample at each block's byte vector's first lane. */
    private final int[] base;
    /** Block b's taps are {@code tapAt[b] .. tapAt[b+1]-1} in shuffles and weights. */
    private final int[] tapAt;
    private final VectorShuffle<Byte>[] shuffles;
    /** {@code L} lanes per tap. */
    private final int[] weights;

    private RowPlan(int[] start, int[] base, int[] tapAt, VectorShuffle<Byte>[] shuffles,
        int[] weights) {
      this.start = start;
      this.base = base;
      this.tapAt = tapAt;
      this.shuffles = shuffles;
      this.weights = weights;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[] newShuffles(int n) {
      return (VectorShuffle<Byte>[]) new VectorShuffle<?>[n];
    }

    /** The plan for {@code inW -> w} pixels of {@code c} bands, or null where it does not apply. */
    static RowPlan of(Resample filter, int inW, int w, int c) {
      if (w * c < L || inW > CACHE_MAX_SIZE || w > CACHE_MAX_SIZE || c > 4) {
        return null;
      }
      Long key = ((long) filter.ordinal() << 62) | ((long) c << 48) | ((long) inW << 24) | w;
      RowPlan plan = CACHE.get(key);
      if (plan == null) {
        plan = make(filter, inW, w, c);
        if (CACHE.size() < CACHE_MAX_ENTRIES) {
          CACHE.putIfAbsent(key, plan);
        }
      }
      return plan == NONE ? null : plan;
    }

    private static RowPlan make(Resample filter, int inW, int w, int c) {
      BicubicCoefficients k = BicubicCoefficients.of(filter, inW, w, 0, w);
      int blocks = (w * c + L - 1) / L;
      int[] start = new int[blocks];
      int[] base = new int[blocks];
      int[] tapAt = new int[blocks + 1];
      for (int b = 0; b < blocks; b++) {
        start[b] = Math.min(b * L, w * c - L);
        base[b] = k.first(start[b] / c) * c;
        int lastSample = start[b] + L - 1;
        if ((k.end(lastSample / c) - 1) * c + lastSample % c - base[b] >= ZERO) {
          return NONE;
        }
        int taps = 0;
        for (int l = 0; l < L; l++) {
          taps = Math.max(taps, k.taps((start[b] + l) / c));
        }
        tapAt[b + 1] = tapAt[b] + taps;
      }
      VectorShuffle<Byte>[] shuffles = newShuffles(tapAt[blocks]);
      int[] weights = new int[tapAt[blocks] * L];
      int[] lanes = new int[B.length()];
      for (int b = 0; b < blocks; b++) {
        for (int t = 0; t < tapAt[b + 1] - tapAt[b]; t++) {
          int at = tapAt[b] + t;
          for (int l = 0; l < L; l++) {
            int x = (start[b] + l) / c;
            boolean real = t < k.taps(x);
            int sample = (k.first(x) + t) * c + (start[b] + l) % c;
            // The int lane's low byte is the sample, the other three the cleared lane: the
            // shuffle widens the byte, with no mask per tap.
            java.util.Arrays.fill(lanes, 4 * l, 4 * l + 4, ZERO);
            lanes[4 * l + LOW] = real ? sample - base[b] : ZERO;
            weights[at * L + l] = real ? k.weights()[k.base(x) + t] : 0;
          }
          shuffles[at] = VectorShuffle.fromArray(B, lanes, 0);
        }
      }
      return new RowPlan(start, base, tapAt, shuffles, weights);
    }

    /** The first block holding output sample {@code x0}. */
    int firstBlock(int x0) {
      int b = 0;
      while (start[b] + L <= x0) {
        b++;
      }
      return b;
    }

    /** One past the last block holding a sample before {@code x1}. */
    int endBlock(int x1) {
      int b = 0;
      while (b < start.length && start[b] < x1) {
        b++;
      }
      return b;
    }

    /**
     * Blocks {@code bLo..bHi-1} of the horizontal pass over input rows
     * {@code rowLo..rowLo+nr-1} ({@code inW} samples each) into {@code dst}: sample x of row j
     * at {@code j * stride + x - start[bLo]}, where {@code stride = start[bHi-1] + L -
     * start[bLo]}, for {@link #rounded}{@code (nr)} rows. {@code pad} holds at least
     * {@code rounded(nr) * inW + B.length()} bytes, for rows too close to the input's end for a
     * whole vector load.
     */
    /** {@code nr} rounded up to whole groups of rows. */
    static int rounded(int nr) {
      return (nr + 7) & ~7;
    }

    void rows(byte[] src, int inW, int rowLo, int nr, int bLo, int bHi, int[] dst, byte[] pad) {
      int w = start[bHi - 1] + L - start[bLo];
      int reach = base[bHi - 1] + B.length();
      // Rows go eight at a time. From the first group holding a row that a whole vector load
      // would overrun, or running past the last row, they are read from a copy with room after
      // it; rows past the last give garbage in dst's rows past the last, which nothing reads.
      int safe = src.length < reach ? 0 : Math.min(nr, (src.length - reach) / inW - rowLo + 1);
      int copied = Math.max(safe, 0) & ~7;
      System.arraycopy(src, (rowLo + copied) * inW, pad, 0, (nr - copied) * inW);
      for (int b = bLo; b < bHi; b++) {
        int d = start[b] - start[bLo];
        for (int j = 0; j < copied; j += 8) {
          block(src, (rowLo + j) * inW + base[b], inW, b, dst, j * w + d, w);
        }
        for (int j = copied; j < nr; j += 8) {
          block(pad, (j - copied) * inW + base[b], inW, b, dst, j * w + d, w);
        }
      }
    }

    /**
     * Block b of eight input rows ({@code as} apart from a) into rows of dst ({@code ds} apart
     * from d). The rows share each tap's shuffle and weights, loaded once per eight rows.
     */
    private void block(byte[] src, int a, int as, int b, int[] dst, int d, int ds) {
      ByteVector v0 = ByteVector.fromArray(B, src, a).and(KEEP);
      ByteVector v1 = ByteVector.fromArray(B, src, a + as).and(KEEP);
      ByteVector v2 = ByteVector.fromArray(B, src, a + 2 * as).and(KEEP);
      ByteVector v3 = ByteVector.fromArray(B, src, a + 3 * as).and(KEEP);
      ByteVector v4 = ByteVector.fromArray(B, src, a + 4 * as).and(KEEP);
      ByteVector v5 = ByteVector.fromArray(B, src, a + 5 * as).and(KEEP);
      ByteVector v6 = ByteVector.fromArray(B, src, a + 6 * as).and(KEEP);
      ByteVector v7 = ByteVector.fromArray(B, src, a + 7 * as).and(KEEP);
      IntVector acc0 = IntVector.broadcast(I, HALF);
      IntVector acc1 = acc0;
      IntVector acc2 = acc0;
      IntVector acc3 = acc0;
      IntVector acc4 = acc0;
      IntVector acc5 = acc0;
      IntVector acc6 = acc0;
      IntVector acc7 = acc0;
      for (int t = tapAt[b], end = tapAt[b + 1]; t < end; t++) {
        VectorShuffle<Byte> s = shuffles[t];
        IntVector k = IntVector.fromArray(I, weights, t * L);
        acc0 = acc0.add(((IntVector) v0.rearrange(s).reinterpretAsInts()).mul(k));
        acc1 = acc1.add(((IntVector) v1.rearrange(s).reinterpretAsInts()).mul(k));
        acc2 = acc2.add(((IntVector) v2.rearrange(s).reinterpretAsInts()).mul(k));
        acc3 = acc3.add(((IntVector) v3.rearrange(s).reinterpretAsInts()).mul(k));
        acc4 = acc4.add(((IntVector) v4.rearrange(s).reinterpretAsInts()).mul(k));
        acc5 = acc5.add(((IntVector) v5.rearrange(s).reinterpretAsInts()).mul(k));
        acc6 = acc6.add(((IntVector) v6.rearrange(s).reinterpretAsInts()).mul(k));
        acc7 = acc7.add(((IntVector) v7.rearrange(s).reinterpretAsInts()).mul(k));
      }
      acc0.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d);
      acc1.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + ds);
      acc2.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 2 * ds);
      acc3.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 3 * ds);
      acc4.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 4 * ds);
      acc5.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 5 * ds);
      acc6.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 6 * ds);
      acc7.lanewise(VectorOperators.ASHR, BITS).max(0).min(255).intoArray(dst, d + 7 * ds);
    }
  }
}
