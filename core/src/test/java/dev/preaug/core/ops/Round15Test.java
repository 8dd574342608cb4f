package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast round15 must be bit-identical to the BigDecimal definition. */
class Round15Test {

  private static void same(double v) {
    double expected = Round15.reference(v);
    double actual = Round15.round15(v);
    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
      assertEquals(expected, actual, 0.0, "round15(" + v + ") = " + new BigDecimal(v));
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
          "sign of zero for " + v);
    }
  }

  @Test
  void sinesAndCosinesOfRandomAngles() {
    SplittableRandom rnd = new SplittableRandom(15);
    for (int i = 0; i < 500_000; i++) {
      double deg = i % 2 == 0 ? rnd.nextDouble(0, 360) : rnd.nextDouble(-15, 15);
      double rad = -(Rotate.pythonMod360(deg) * (Math.PI / 180.0));
      same(Math.sin(rad));
      same(Math.cos(rad));
      same(-Math.sin(rad));
    }
  }

  @Test
  void uniformAndLogUniformValues() {
    SplittableRandom rnd = new SplittableRandom(16);
    for (int i = 0; i < 1_000_000; i++) {
      same(rnd.nextDouble(-1, 1));
      same(Math.copySign(Math.pow(2, -rnd.nextDouble(0, 80)), rnd.nextDouble() - 0.5));
    }
  }

  /** Values within a few ulps of k/1e15 and of (k+1/2)/1e15, where the rounding decides. */
  @Test
  void nearTiesAndNearGridPoints() {
    SplittableRandom rnd = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      long k = rnd.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
      double exactGrid = new BigDecimal(k).movePointLeft(15).doubleValue();
      double tie = new BigDecimal(k).add(new BigDecimal("0.5")).movePointLeft(15).doubleValue();
      for (double base : new double[] {exactGrid, tie}) {
        double v = base;
        for (int j = 0; j < 3; j++) {
          v = Math.nextDown(v);
        }
        for (int j = 0; j < 7; j++) {
          same(v);
          v = Math.nextUp(v);
        }
      }
    }
    // exact binary ties: multiples of 2^-k that are odd multiples of 5e-16
    for (double v : new double[] {0.5, 0.25, 0.125, 1.0, -1.0, 0x1p-50, 0x1p-51, 0x1p-52,
        5e-16, -5e-16, 1.5e-15, 2.5e-15, 0x1.8p-50, Double.MIN_VALUE, -Double.MIN_VALUE, 0.0,
        -0.0, 4.9e-16, 5.1e-16}) {
      same(v);
    }
  }

  @Test
  void outsideUnitIntervalFallsBackToTheDefinition() {
    for (double v : new double[] {1.0000000000000002, -3.14159, 12345.678901234567891, 1e300}) {
      same(v);
    }
  }
}
