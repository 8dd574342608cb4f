package dev.preaug.core.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpochPermutationInverseTest {
  @Test
  void recordInvertsPositionExhaustivelyForSmallSizes() {
    for (long n = 1; n <= 300; n++) {
      EpochPermutation p = new EpochPermutation(9, n % 5, n);
      for (long r = 0; r < n; r++) {
        assertEquals(r, p.record(p.position(r)), "n=" + n + " r=" + r);
      }
    }
  }

  @Test
  void recordInvertsPositionForLargeSizes() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (long n : new long[] {1_214_400L, 100_003L, 1L << 40, (1L << 62) + 12345, Long.MAX_VALUE}) {
      EpochPermutation p = new EpochPermutation(123, 7, n);
      for (int i = 0; i < 2000; i++) {
        long r = Math.floorMod(rnd.nextLong(), n);
        assertEquals(r, p.record(p.position(r)));
        long q = Math.floorMod(rnd.nextLong(), n);
        assertEquals(q, p.position(p.record(q)));
      }
    }
  }

  @Test
  void outOfRangePositionsAreRefused() {
    EpochPermutation p = new EpochPermutation(1, 1, 10);
    assertEquals("position 10 outside [0, 10)",
        assertThrows(IndexOutOfBoundsException.class, () -> p.record(10)).getMessage());
  }
}
