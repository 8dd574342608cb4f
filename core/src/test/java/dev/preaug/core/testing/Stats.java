package dev.preaug.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/**
 * Pearson chi-square goodness-of-fit for the statistical tests. Every test that uses it draws
 * from a fixed seed, so a result is reproducible; the threshold is p = 0.001, so a correct
 * implementation fails with probability 1/1000 per (seed, test) choice, and the seeds in use are
 * known to pass. A biased implementation fails by a wide margin.
 */
public final class Stats {
  /** The significance level every statistical test in this suite uses. */
  public static final double ALPHA = 0.001;

  private Stats() {}

  /** Pearson's statistic for observed counts against expected counts. */
  public static double chiSquare(long[] observed, double[] expected) {
    if (observed.length != expected.length) {
      throw new IllegalArgumentException("length mismatch");
    }
    double x = 0;
    for (int i = 0; i < observed.length; i++) {
      double d = observed[i] - expected[i];
      x += d * d / expected[i];
    }
    return x;
  }

  /** P(X >= x) for X ~ chi-square with {@code df} degrees of freedom. */
  public static double pValue(double x, int df) {
    return gammaQ(df / 2.0, x / 2.0);
  }

  /** Asserts that {@code observed} is consistent with equal probabilities for every cell. */
  public static void assertUniform(long[] observed, String what) {
    long n = Arrays.stream(observed).sum();
    double[] expected = new double[observed.length];
    Arrays.fill(expected, n / (double) observed.length);
    assertFits(observed, expected, what);
  }

  /** Asserts that {@code observed} is consistent with the given cell probabilities. */
  public static void assertProportions(long[] observed, double[] probabilities, String what) {
    long n = Arrays.stream(observed).sum();
    double[] expected = new double[observed.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = n * probabilities[i];
    }
    assertFits(observed, expected, what);
  }

  public static void assertFits(long[] observed, double[] expected, String what) {
    double x = chiSquare(observed, expected);
    double p = pValue(x, observed.length - 1);
    assertTrue(p > ALPHA, () -> what + ": chi-square " + x + " with " + (observed.length - 1)
        + " df, p = " + p + " <= " + ALPHA + "; observed " + Arrays.toString(observed));
  }

  /** Chi-square test of independence for an r x c contingency table. */
  public static void assertIndependent(long[][] table, String what) {
    int r = table.length;
    int c = table[0].length;
    long[] rows = new long[r];
    long[] cols = new long[c];
    long n = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rows[i] += table[i][j];
        cols[j] += table[i][j];
        n += table[i][j];
      }
    }
    double x = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double e = rows[i] * (double) cols[j] / n;
        double d = table[i][j] - e;
        x += d * d / e;
      }
    }
    int df = (r - 1) * (c - 1);
    double stat = x;
    double p = pValue(x, df);
    assertTrue(p > ALPHA, () -> what + ": independence chi-square " + stat + " with " + df
        + " df, p = " + p + "; table " + Arrays.deepToString(table));
  }

  /** Regularized upper incomplete gamma Q(a, x) (Numerical Recipes, section 6.2). */
  static double gammaQ(double a, double x) {
    if (x < 0 || a <= 0) {
      throw new IllegalArgumentException("gammaQ(" + a + ", " + x + ")");
    }
    if (x == 0) {
      return 1;
    }
    if (x < a + 1) {
      double ap = a;
      double sum = 1 / a;
      double del = sum;
      for (int n = 0; n < 10_000; n++) {
        ap++;
        del *= x / ap;
        sum += del;
        if (Math.abs(del) < Math.abs(sum) * 1e-15) {
          break;
        }
      }
      return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
    }
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-15) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
  }

  /** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9). */
  static double lnGamma(double x) {
    double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
