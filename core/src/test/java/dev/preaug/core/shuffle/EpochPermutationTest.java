package dev.preaug.core.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.testing.Stats;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class EpochPermutationTest {

  private static long[] order(long seed, long epoch, int n) {
    EpochPermutation p = new EpochPermutation(seed, epoch, n);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = p.position(i);
    }
    return out;
  }

  private static void assertBijection(long seed, long epoch, int n) {
    EpochPermutation p = new EpochPermutation(seed, epoch, n);
    assertEquals(n, p.size());
    BitSet hit = new BitSet(n);
    for (int r = 0; r < n; r++) {
      long pos = p.position(r);
      assertTrue(pos >= 0 && pos < n, "n=" + n + " record " + r + " -> " + pos);
      assertFalse(hit.get((int) pos), "n=" + n + " position " + pos + " hit twice");
      hit.set((int) pos);
    }
    assertEquals(n, hit.cardinality());
  }

  @Test
  void bijectionForEverySmallSize() {
    for (int n = 1; n <= 300; n++) {
      assertBijection(42, 0, n);
      assertBijection(-7, 3, n);
    }
  }

  @Test
  void bijectionForLargerSizes() {
    // Powers of four, their neighbours (domain edges) and primes.
    for (int n : new int[] {1000, 1023, 1024, 1025, 4095, 4096, 4097, 65535, 65536, 65537,
        100003, 262144, 262145}) {
      assertBijection(1, 0, n);
    }
  }

  @Test
  void sameKeyGivesSameOrder() {
    assertArrayEquals(order(9, 4, 5000), order(9, 4, 5000));
    EpochPermutation a = new EpochPermutation(9, 4, 5000);
    EpochPermutation b = new EpochPermutation(9, 4, 5000);
    for (int r = 4999; r >= 0; r -= 7) {
      assertEquals(a.position(r), b.position(r));
    }
  }

  @Test
  void orderIsPinned() {
    // The order decides which records land in which shard: changing the permutation changes the
    // bytes of every published shard, so these recorded values must not be edited.
    assertArrayEquals(new long[] {2, 9, 0, 7, 4, 5, 3, 6, 8, 1}, order(42, 0, 10));
    assertArrayEquals(new long[] {6, 0, 4, 3, 1, 8, 5, 7, 2, 9}, order(42, 1, 10));
    assertArrayEquals(new long[] {798, 178, 624, 816, 451, 421, 749, 458, 65, 37},
        Arrays.copyOf(order(0, 0, 1000), 10));
  }

  @Test
  void differentEpochsAndSeedsGiveDifferentOrders() {
    int n = 1000;
    long[] base = order(5, 0, n);
    long[][] others = {order(5, 1, n), order(5, 2, n), order(6, 0, n), order(4, 0, n),
        order(-5, 0, n)};
    for (long[] o : others) {
      assertFalse(Arrays.equals(base, o));
      int same = 0;
      for (int i = 0; i < n; i++) {
        same += base[i] == o[i] ? 1 : 0;
      }
      // Independent permutations agree in about one place (Poisson(1)).
      assertTrue(same < 10, "agree in " + same + " places");
    }
  }

  @Test
  void notTheIdentityNorASimpleShift() {
    long[] o = order(0, 0, 10_000);
    int fixed = 0;
    int ascending = 0;
    for (int i = 0; i < o.length; i++) {
      fixed += o[i] == i ? 1 : 0;
      if (i > 0 && o[i] == o[i - 1] + 1) {
        ascending++;
      }
    }
    assertTrue(fixed < 10, "fixed points " + fixed);
    assertTrue(ascending < 10, "consecutive runs " + ascending);
  }

  @Test
  void firstTenPercentDrawsFromEveryDecileOfRecords() {
    int n = 100_000;
    EpochPermutation p = new EpochPermutation(2024, 7, n);
    long[] deciles = new long[10];
    double displacement = 0;
    for (int r = 0; r < n; r++) {
      long pos = p.position(r);
      if (pos < n / 10) {
        deciles[r / (n / 10)]++;
      }
      displacement += Math.abs(pos - r);
    }
    Stats.assertUniform(deciles, "source deciles of the first 10% of positions");
    // For a uniform random permutation E|pos - r| = (n^2 - 1) / (3n) ~ n / 3.
    double mean = displacement / n;
    assertEquals(n / 3.0, mean, n * 0.01, "mean displacement");
  }

  @Test
  void positionOfOneRecordIsUniformOverKeys() {
    // Over many seeds, where record 0 lands (n = 10) and whether record 0 precedes record 1.
    long[] where = new long[10];
    long before = 0;
    int keys = 20_000;
    for (int s = 0; s < keys; s++) {
      EpochPermutation p = new EpochPermutation(s, 0, 10);
      where[(int) p.position(0)]++;
      before += p.position(0) < p.position(1) ? 1 : 0;
    }
    Stats.assertUniform(where, "position of record 0 over seeds");
    Stats.assertUniform(new long[] {before, keys - before}, "record 0 before record 1");
  }

  @Test
  void sizeOneAndTwo() {
    assertEquals(0, new EpochPermutation(1, 2, 1).position(0));
    boolean swapped = false;
    boolean kept = false;
    for (int s = 0; s < 100; s++) {
      long p0 = new EpochPermutation(s, 0, 2).position(0);
      swapped |= p0 == 1;
      kept |= p0 == 0;
    }
    assertTrue(swapped && kept, "both orders of two records occur");
  }

  @Test
  void hugeSizesStayInRange() {
    // Sizes past 2^62 need a 2^64 domain; positions must still be in [0, n).
    for (long n : new long[] {1L << 40, (1L << 62) - 1, 1L << 62, (1L << 62) + 1,
        Long.MAX_VALUE}) {
      EpochPermutation p = new EpochPermutation(7, 3, n);
      for (long r : new long[] {0, 1, 2, 3, 4, 5, n / 2, n - 2, n - 1}) {
        long pos = p.position(r);
        assertTrue(pos >= 0 && pos < n, "n=" + n + " record " + r + " -> " + pos);
      }
    }
  }

  @Test
  void errors() {
    assertEquals("permutation size must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new EpochPermutation(1, 1, 0))
            .getMessage());
    assertEquals("permutation size must be positive, got -3",
        assertThrows(IllegalArgumentException.class, () -> new EpochPermutation(1, 1, -3))
            .getMessage());
    EpochPermutation p = new EpochPermutation(1, 1, 10);
    assertEquals("record -1 outside [0, 10)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.position(-1)).getMessage());
    assertEquals("record 10 outside [0, 10)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.position(10)).getMessage());
  }
}
