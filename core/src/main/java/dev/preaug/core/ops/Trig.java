package dev.preaug.core.ops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Sines whose doubles do not depend on the JVM or the CPU.
 *
 * <p>{@code Math.sin} is a HotSpot intrinsic: its result may differ by an ulp between CPUs, JVM
 * versions and interpreter vs compiled code, and the seed's sine shift truncates
 * {@code factor * A * sin(x)} with nothing to absorb such a difference. Two ways out, used where
 * each fits:
 * <ul>
 *   <li>{@link #sinExact}: the correctly rounded sine, computed once per image width with
 *       BigDecimal (a table, so its cost never reaches the per-record path). It is the best any
 *       libm can do, so it also equals what numpy/glibc return whenever they are correctly
 *       rounded, which the seed's golden cases confirm.
 *   <li>{@code StrictMath.sin/cos} (fdlibm, specified bit for bit by the JLS) for values computed
 *       per record and then rounded to 15 decimals, as in {@link Rotate}: identical on every JVM,
 *       and the rounding absorbs fdlibm's sub-ulp differences from glibc.
 * </ul>
 * {@code TrigTest} keeps {@code Math}'s transcendental functions out of every class that decides
 * output bytes.
 */
public final class Trig {
  /** 110 digits of pi: far beyond what a double argument up to a few thousand radians needs. */
  private static final BigDecimal PI = new BigDecimal(
      "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803"
          + "48253421170679821480865");
  private static final MathContext MC = new MathContext(80, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO_PI = PI.multiply(BigDecimal.valueOf(2), MC);
  private static final BigDecimal EPS = BigDecimal.ONE.movePointLeft(75);
  /**
   * Arguments seen before, per function: {@link Affine} builds its matrix from these exact
   * values for every record, and the policies draw from a few magnitudes (RandAugment's
   * ShearX at magnitude 9 is one angle), so a repeated argument costs a lookup instead of tens
   * of microseconds of BigDecimal series. The values are the same either way; the bound only
   * keeps continuous draws (RandomAffine's uniform angles) from growing the maps without end.
   */
  static final int CACHE_LIMIT = 4096;
  private static final ConcurrentHashMap<Long, Double> SIN = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Long, Double> COS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<Long, Double> TAN = new ConcurrentHashMap<>();

  private Trig() {}

  private static double cached(ConcurrentHashMap<Long, Double> cache, double x,
      DoubleUnaryOperator exact) {
    Long key = Double.doubleToRawLongBits(x);
    Double known = cache.get(key);
    if (known != null) {
      return known;
    }
    double value = exact.applyAsDouble(x); // throws for bad arguments, which are never stored
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
    return value;
  }

  /**
   * The double nearest to the exact sine of {@code x} (ties cannot occur for a nonzero double
   * argument). Slow (tens of microseconds) the first time for an argument; a repeated one comes
   * from a bounded cache.
   *
   * @throws IllegalArgumentException if {@code |x| > 1e6} or x is not finite
   */
  public static double sinExact(double x) {
    return cached(SIN, x, Trig::sinSeries);
  }

  static double sinSeries(double x) {
    if (x == 0) {
      return x; // keeps the sign of zero, as every libm does
    }
    // BigDecimal.doubleValue rounds to the nearest double.
    return series(reduce(checked("sinExact", x)), 1).doubleValue();
  }

  /** The double nearest to the exact cosine of {@code x}; cached as {@link #sinExact}. */
  public static double cosExact(double x) {
    return cached(COS, x, Trig::cosSeries);
  }

  static double cosSeries(double x) {
    return series(reduce(checked("cosExact", x)), 0).doubleValue();
  }

  /** The double nearest to the exact tangent of {@code x}; cached as {@link #sinExact}. */
  public static double tanExact(double x) {
    return cached(TAN, x, Trig::tanSeries);
  }

  static double tanSeries(double x) {
    if (x == 0) {
      return x;
    }
    BigDecimal r = reduce(checked("tanExact", x));
    return series(r, 1).divide(series(r, 0), MC).doubleValue();
  }

  private static double checked(String what, double x) {
    if (!(Math.abs(x) <= 1e6)) {
      throw new IllegalArgumentException(what + "(" + x + "): argument must be finite with "
          + "|x| <= 1e6");
    }
    return x;
  }

  /** {@code x} (its exact binary value) minus the nearest multiple of 2 pi: |r| <= pi. */
  private static BigDecimal reduce(double x) {
    BigDecimal bx = new BigDecimal(x);
    BigDecimal turns = bx.divide(TWO_PI, MC).setScale(0, RoundingMode.HALF_EVEN);
    return bx.subtract(turns.multiply(TWO_PI, MC), MC);
  }

  /** Taylor series of sin ({@code first = 1}) or cos ({@code first = 0}) at {@code r}. */
  private static BigDecimal series(BigDecimal r, int first) {
    BigDecimal r2 = r.multiply(r, MC);
    BigDecimal term = first == 1 ? r : BigDecimal.ONE;
    BigDecimal sum = term;
    for (int n = 1; term.abs().compareTo(EPS) > 0; n++) {
      long k = 2L * n + first;
      term = term.multiply(r2, MC).divide(BigDecimal.valueOf((k - 1) * k), MC).negate();
      sum = sum.add(term, MC);
    }
    return sum;
  }
}
