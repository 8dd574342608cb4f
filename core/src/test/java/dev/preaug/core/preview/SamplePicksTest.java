package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SamplePicksTest {

  @Test
  void explicitPicksKeepTheirOrder() {
    assertArrayEquals(new long[] {17, 3, 42}, SamplePicks.parse("17, 3,42", 50));
    assertEquals("sample 50 is outside [0, 50)", assertThrows(IllegalArgumentException.class,
        () -> SamplePicks.parse("3,50", 50)).getMessage());
    assertEquals("'x' is not a sample index (expected comma-separated integers such as"
        + " 3,17,42)", assertThrows(IllegalArgumentException.class,
            () -> SamplePicks.parse("3,x", 50)).getMessage());
    assertEquals("'' is not a sample index (expected comma-separated integers such as"
        + " 3,17,42)", assertThrows(IllegalArgumentException.class,
            () -> SamplePicks.parse("3,,4", 50)).getMessage());
  }

  @Test
  void randomPicksAreDistinctSortedInRangeAndRepeatable() {
    long[] a = SamplePicks.random(1000, 8, 5);
    assertEquals(8, a.length);
    assertEquals(8, Arrays.stream(a).distinct().count());
    for (int i = 0; i < a.length; i++) {
      assertTrue(a[i] >= 0 && a[i] < 1000);
      assertTrue(i == 0 || a[i - 1] < a[i]);
    }
    assertArrayEquals(a, SamplePicks.random(1000, 8, 5));
    assertFalse(Arrays.equals(a, SamplePicks.random(1000, 8, 6)));
    assertArrayEquals(new long[] {0, 1, 2}, SamplePicks.random(3, 8, 5), "all when N < rows");
  }

  @Test
  void randomPicksAreUniform() {
    // 20,000 draws of 3 out of 10: every index is picked 6,000 times in expectation.
    int[] counts = new int[10];
    for (int seed = 0; seed < 20_000; seed++) {
      for (long v : SamplePicks.random(10, 3, seed)) {
        counts[(int) v]++;
      }
    }
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - 6000.0) * (c - 6000.0) / 6000.0;
    }
    // 9 degrees of freedom: P(chi2 > 27.9) = 0.001.
    assertTrue(chi2 < 27.9, "chi-square " + chi2 + " for " + Arrays.toString(counts));
  }
}
