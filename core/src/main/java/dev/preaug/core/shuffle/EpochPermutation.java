package dev.preaug.core.shuffle;

import dev.preaug.core.recipe.Rng;

/**
 * The global order of one epoch: a keyed pseudo-random bijection of [0, n).
 *
 * <p>It is a balanced Feistel network over the smallest power-of-four domain holding n, with
 * cycle walking to stay inside [0, n). Any record's position is computed on its own, so no task
 * and no driver ever holds an O(n) permutation array; the same (seed, epoch, n) always gives the
 * same order, on any machine.
 */
public final class EpochPermutation {
  private static final int ROUNDS = 6;
  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  public EpochPermutation(long seed, long epoch, long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("permutation size must be positive, got " + n);
    }
    this.n = n;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    int half = Math.max(1, (bits + 1) / 2);
    this.halfBits = half;
    this.halfMask = (1L << half) - 1;
    for (int r = 0; r < ROUNDS; r++) {
      roundKeys[r] = Rng.mix(seed, epoch, -1L - r, 0x5045524DL);
    }
  }

  public long size() {
    return n;
  }

  /** The position in the epoch's order of record {@code record}, in [0, n). */
  public long position(long record) {
    if (record < 0 || record >= n) {
      throw new IndexOutOfBoundsException("record " + record + " outside [0, " + n + ")");
    }
    long x = record;
    // The domain is < 4n, so on average fewer than four rounds of walking are needed. For
    // n > 2^62 the domain is 2^64 and encrypt() can set the sign bit: compare unsigned.
    do {
      x = encrypt(x);
    } while (Long.compareUnsigned(x, n) >= 0);
    return x;
  }

  /**
   * The record at position {@code position}: the inverse of {@link #position}. Cycle walking
   * runs backwards the same way (decrypt until inside [0, n)), because the walk from a record
   * to its position visits only values >= n in between.
   */
  public long record(long position) {
    if (position < 0 || position >= n) {
      throw new IndexOutOfBoundsException("position " + position + " outside [0, " + n + ")");
    }
    long x = position;
    do {
      x = decrypt(x);
    } while (Long.compareUnsigned(x, n) >= 0);
    return x;
  }

  private long decrypt(long x) {
    long left = (x >>> halfBits) & halfMask;
    long right = x & halfMask;
    for (int r = ROUNDS - 1; r >= 0; r--) {
      long prev = right ^ (Rng.fmix64(left ^ roundKeys[r]) & halfMask);
      right = left;
      left = prev;
    }
    return (left << halfBits) | right;
  }

  private long encrypt(long x) {
    long left = (x >>> halfBits) & halfMask;
    long right = x & halfMask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ (Rng.fmix64(right ^ roundKeys[r]) & halfMask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
