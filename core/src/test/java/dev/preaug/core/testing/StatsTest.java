package dev.preaug.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The chi-square helper must itself be right, or every statistical test is meaningless. */
class StatsTest {
  @Test
  void pValuesMatchTheTabulatedCriticalValues() {
    // 0.999 quantiles of chi-square from standard tables.
    assertEquals(0.001, Stats.pValue(10.828, 1), 2e-6);
    assertEquals(0.001, Stats.pValue(13.816, 2), 2e-6);
    assertEquals(0.001, Stats.pValue(16.266, 3), 2e-6);
    assertEquals(0.001, Stats.pValue(22.458, 6), 2e-6);
    assertEquals(0.001, Stats.pValue(29.588, 10), 2e-6);
    assertEquals(0.001, Stats.pValue(149.449, 100), 2e-6);
    assertEquals(0.5, Stats.pValue(1.386294, 2), 1e-6); // df=2: Q = exp(-x/2)
    assertEquals(Math.exp(-50), Stats.pValue(100, 2), 1e-25);
  }

  @Test
  void lnGammaMatchesFactorials() {
    assertEquals(Math.log(120), Stats.lnGamma(6), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), Stats.lnGamma(0.5), 1e-12);
  }

  @Test
  void assertionsRejectBiasedCounts() {
    assertThrows(AssertionFailedError.class,
        () -> Stats.assertUniform(new long[] {1100, 1000, 900}, "biased"));
    Stats.assertUniform(new long[] {1010, 1000, 990}, "fair");
    assertThrows(AssertionFailedError.class,
        () -> Stats.assertIndependent(new long[][] {{600, 400}, {400, 600}}, "dependent"));
    Stats.assertIndependent(new long[][] {{500, 500}, {498, 502}}, "independent");
  }
}
