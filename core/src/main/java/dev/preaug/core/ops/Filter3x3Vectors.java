package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Filter3x3}'s interior with the Vector API, a run of samples per step: first every row's
 * sums of three neighbours along the row, then each output run from three rows of those sums and
 * its centre samples. The arithmetic is {@link Filter3x3}'s closed forms in short lanes: SHARPEN's
 * values stay within -2295..4339, and SMOOTH divides by 13 in two short steps.
 *
 * <p>The last run of a row starts early enough to end at the row's last interior sample, so it
 * overlaps the run before it; both compute the same values there.
 */
final class Filter3x3Vectors {
  private static final VectorSpecies<Short> S = SimdShapes.SHORTS;
  private static final VectorSpecies<Byte> BS = SimdShapes.BYTES_FOR_SHORTS;

  private Filter3x3Vectors() {}

  /** Whether rows of {@code w} samples ({@code c} bands) have room for one whole run. */
  static boolean fits(int w, int c) {
    return w - 2 * c >= BS.length();
  }

  /** Writes out's interior (rows 1..h-2, samples c..w-c-1); the caller writes the border. */
  static void interior(byte[] src, byte[] out, int w, int h, int c, boolean sharpen) {
    if (sharpen) {
      sharpen(src, out, w, h, c);
    } else {
      smooth(src, out, w, h, c);
    }
  }

  private static ShortVector shorts(byte[] a, int o) {
    return ((ShortVector) ByteVector.fromArray(BS, a, o).convertShape(VectorOperators.B2S, S, 0))
        .and((short) 0xFF);
  }

  /*
   * Two passes, each a small loop: the row sums of three, then the sums of three row sums. One
   * pass loading all nine neighbours per run made a method too big for C2 to inline every
   * vector call into (it stopped at its node-count cutoff and boxed the vectors, 3x slower than
   * the plain loops).
   */

  private static void sharpen(byte[] src, byte[] out, int w, int h, int c) {
    int n = BS.length();
    int lastRun = w - c - n;
    short[] rows = Scratch.get().shorts(w * h);
    for (int y = 0; y < h; y++) {
      sharpenRowSums(src, rows, y * w, c, n, lastRun);
    }
    for (int y = 1; y < h - 1; y++) {
      sharpenRow(src, rows, out, y * w, w, c, n, lastRun);
    }
  }

  private static void sharpenRowSums(byte[] src, short[] rows, int row, int c, int n,
      int lastRun) {
    for (int x = c; ; x = Math.min(x + n, lastRun)) {
      int o = row + x;
      shorts(src, o - c).add(shorts(src, o)).add(shorts(src, o + c)).intoArray(rows, o);
      if (x == lastRun) {
        break;
      }
    }
  }

  private static void sharpenRow(byte[] src, short[] rows, byte[] out, int row, int w, int c,
      int n, int lastRun) {
    for (int x = c; ; x = Math.min(x + n, lastRun)) {
      int o = row + x;
      ShortVector s9 = ShortVector.fromArray(S, rows, o - w).add(ShortVector.fromArray(S, rows, o))
          .add(ShortVector.fromArray(S, rows, o + w));
      ShortVector v = shorts(src, o).mul((short) 17).sub(s9).add((short) 4)
          .lanewise(VectorOperators.ASHR, 3).max((short) 0).min((short) 255);
      ((ByteVector) v.convertShape(VectorOperators.S2B, BS, 0)).intoArray(out, o);
      if (x == lastRun) {
        break;
      }
    }
  }

  private static void smooth(byte[] src, byte[] out, int w, int h, int c) {
    int n = BS.length();
    int lastRun = w - c - n;
    short[] rows = Scratch.get().shorts(w * h);
    for (int y = 0; y < h; y++) {
      sharpenRowSums(src, rows, y * w, c, n, lastRun); // the same row sums
    }
    for (int y = 1; y < h - 1; y++) {
      smoothRow(src, rows, out, y * w, w, c, n, lastRun);
    }
  }

  private static void smoothRow(byte[] src, short[] rows, byte[] out, int row, int w, int c,
      int n, int lastRun) {
    for (int x = c; ; x = Math.min(x + n, lastRun)) {
      int o = row + x;
      ShortVector s9 = ShortVector.fromArray(S, rows, o - w).add(ShortVector.fromArray(S, rows, o))
          .add(ShortVector.fromArray(S, rows, o + w));
      ShortVector v = s9.add(shorts(src, o).mul((short) 4)).add((short) 6);
      // floor(v / 13) for 6 <= v <= 3321, where Filter3x3.divideBy13's product would overflow a
      // short: q0 = 5v/64 is at most five too big, and the excess is floor((13 q0 - v + 12) /
      // 13), whose numerator is at most 77, small enough for 79/1024 to divide it exactly. Kept
      // inline: a vector passed to a method C2 declines to inline gets boxed.
      ShortVector q0 = v.mul((short) 5).lanewise(VectorOperators.ASHR, 6);
      ShortVector q = q0.sub(q0.mul((short) 13).sub(v).add((short) 12).mul((short) 79)
          .lanewise(VectorOperators.ASHR, 10));
      ((ByteVector) q.convertShape(VectorOperators.S2B, BS, 0)).intoArray(out, o);
      if (x == lastRun) {
        break;
      }
    }
  }
}
