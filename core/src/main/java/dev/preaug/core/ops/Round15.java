package dev.preaug.core.ops;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code round(v, 15)}: the exact binary value of {@code v} rounded to 15 decimals, ties
 * to even, converted back to the nearest double. Pillow's {@code Image.rotate} rounds its matrix
 * this way, so the rotation's fixed-point integers depend on it.
 *
 * <p>The reference formulation is {@code new BigDecimal(v).setScale(15, HALF_EVEN).doubleValue()},
 * which costs about a microsecond per call. {@link #round15} gets the identical double in a few
 * nanoseconds for |v| <= 1 (every sine and cosine), by this argument:
 * <ol>
 *   <li>{@code p = v * 1e15} is the product rounded to double, and {@code err = fma(v, 1e15, -p)}
 *       is its rounding error, exactly (the error of a double product is always representable when
 *       nothing underflows, and tiny {@code v} round to 0 regardless of {@code err}). So the exact
 *       scaled value is {@code p + err}. The fma here is an error-free transform, not an
 *       approximation of some C expression, so spec section 1's "no FMA" rule does not apply.
 *       ({@code Math.fma} is exact by specification on every JVM; it is only slower on a CPU
 *       without FMA instructions.)
 *   <li>|p| <= 1e15 < 2^50, so {@code p} is a multiple of ulp(p) <= 1/8, and so are the integer
 *       {@code r = rint(p)} and {@code d = p - r} (computed exactly). If |d| < 1/2 then
 *       |d| <= 1/2 - ulp(p) and |err| <= ulp(p)/2 keep the exact value on the same side of the
 *       half-way point, so {@code r} is the correctly rounded integer. If |d| = 1/2, the sign of
 *       {@code err} decides: zero is a true tie (rint already chose the even neighbour), the same
 *       sign as {@code d} pushes past the half, the opposite sign pulls back to {@code r}.
 *   <li>The rounded integer N has |N| <= 1e15 < 2^53, so N and 1e15 are exact doubles and the IEEE
 *       division {@code N / 1e15} is the double nearest to N/10^15 — which is exactly what
 *       {@code BigDecimal.doubleValue()} returns (JDK 17 even computes it by that very division).
 * </ol>
 * BigDecimal's zero has no sign, so a zero result is +0.0 here too (Python would keep -0.0; the
 * matrix only compares it with 0, so the sign never matters). Tests compare both versions on
 * millions of values, including constructed near-ties.
 */
final class Round15 {
  private static final double SCALE = 1e15;

  private Round15() {}

  static double round15(double v) {
    if (!(Math.abs(v) <= 1.0)) {
      return reference(v);
    }
    double p = v * SCALE;
    double err = Math.fma(v, SCALE, -p);
    double r = Math.rint(p);
    double d = p - r;
    if (Math.abs(d) == 0.5 && err != 0.0 && (err > 0.0) == (d > 0.0)) {
      r += Math.signum(d);
    }
    return r == 0.0 ? 0.0 : r / SCALE;
  }

  /** The definition, used for arguments outside [-1, 1] and as the tests' oracle. */
  static double reference(double v) {
    return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
  }
}
