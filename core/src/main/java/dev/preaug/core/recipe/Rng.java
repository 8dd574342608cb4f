package dev.preaug.core.recipe;

/**
 * A small deterministic random stream (SplitMix64) for one output record.
 *
 * <p>Each record of each epoch gets its own stream, seeded by {@link Rng#forRecord}; nothing is
 * shared between records or tasks, which is what makes a shard's bytes independent of how Spark
 * splits, schedules or retries the work. The algorithm is part of the output format: changing it
 * changes every augmented pixel, so it is pinned by {@code RngTest} against fixed vectors.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  /**
   * The stream for copy {@code copy} of sample {@code index} in epoch {@code epoch} of a run
   * seeded with {@code seed}: each coordinate is absorbed through a full 64-bit finaliser, so
   * neighbouring records (index and index+1, epoch and epoch+1) get unrelated streams.
   */
  public static Rng forRecord(long seed, long epoch, long index, long copy) {
    return new Rng(mix(seed, epoch, index, copy));
  }

  /** A strong mix of the four coordinates into one 64-bit value. */
  public static long mix(long seed, long epoch, long index, long copy) {
    long h = fmix64(seed ^ 0x243F6A8885A308D3L);
    h = fmix64(h ^ fmix64(epoch + 0x13198A2E03707344L));
    h = fmix64(h ^ fmix64(index + 0xA4093822299F31D0L));
    h = fmix64(h ^ fmix64(copy + 0x082EFA98EC4E6C89L));
    return h;
  }

  /** MurmurHash3's 64-bit finaliser: a bijection with full avalanche. */
  public static long fmix64(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits, like Python's {@code random.random()}. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** {@code a + (b - a) * random()}, Python's {@code random.uniform(a, b)} formula. */
  public double uniform(double a, double b) {
    return a + (b - a) * nextDouble();
  }

  /** Uniform in [0, bound) without modulo bias. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    if ((bound & (bound - 1)) == 0) {
      return nextLong() & (bound - 1);
    }
    // 2^63 values are drawn; the top (2^63 mod bound) of them would favour small results.
    long excess = (Long.MAX_VALUE % bound + 1) % bound;
    long u;
    do {
      u = nextLong() >>> 1;
    } while (u > Long.MAX_VALUE - excess);
    return u % bound;
  }

  /** Python's {@code random.randrange(start, stop)}: start <= v < stop. */
  public long randrange(long start, long stop) {
    if (stop <= start) {
      throw new IllegalArgumentException("empty range randrange(" + start + ", " + stop + ")");
    }
    long span = stop - start;
    if (span < 0) {
      // stop - start wrapped around: the span does not fit in a positive long.
      throw new IllegalArgumentException("randrange(" + start + ", " + stop
          + ") spans more than 2^63 - 1 values");
    }
    return start + nextLong(span);
  }

  /**
   * Uniform in [0, 1) with 24 random bits: the set of float32 values {@code torch.rand(1)} takes,
   * for torchvision's probability draws ({@code torch.rand(1) < p}).
   */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /**
   * torchvision's {@code torch.empty(1).uniform_(a, b)} on float32: {@code u * (b - a) + a} in
   * float arithmetic with the multiply and add fused, so the drawn factor is the float32 value
   * torch's would be for the same {@code u}.
   */
  public float uniformFloat(float a, float b) {
    // torch 1.13's CPU uniform kernel is compiled for AVX2 with FMA contraction: for the same
    // 24-bit draw it returns fma(u, b - a, a), which differs from the separately rounded
    // u * (b - a) + a in the last bit for about a quarter of draws (checked on 20,000 seeds).
    return Math.fma(nextFloat(), b - a, a);
  }

  public boolean nextBoolean() {
    return nextLong() < 0;
  }
}
