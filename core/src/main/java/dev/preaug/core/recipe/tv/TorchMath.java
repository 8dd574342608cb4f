package dev.preaug.core.recipe.tv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The arithmetic that decides torchvision's policy magnitudes, reproduced bit for bit: torch's
 * float32 {@code linspace} and Posterize bins, and Python's {@code math.degrees(math.atan(x))}
 * for the shears.
 */
final class TorchMath {
  /**
   * torch's {@code at::internal::GRAIN_SIZE}: a {@code linspace} longer than this is split across
   * threads, and each thread's part starts its own vector blocks, so its values would depend on
   * the thread count. Up to this length the kernel runs on one thread.
   */
  static final int MAX_LINSPACE = 32768;
  /** Floats per AVX2 vector; torch's vectorised loop handles two vectors per iteration. */
  private static final int LANES = 8;
  private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
  private static final BigDecimal ONE = BigDecimal.ONE;

  private TorchMath() {}

  /**
   * {@code torch.linspace(start, end, steps)} in float32, as torch 1.13's CPU kernel computes it
   * at its AVX2 capability (what x86-64 CPUs with AVX2 run; Debian's python3-torch 1.13.1 and the
   * PyPI wheels alike). The bounds are rounded to float, {@code step = (end - start) / (steps -
   * 1)} in float; element {@code i} is {@code start + step * i} below {@code halfway = steps / 2}
   * and {@code end - step * (steps - 1 - i)} from there, each a fused multiply-add (the kernel is
   * compiled with FMA contraction). The vectorised loop covers whole blocks of 16: each block of 8
   * computes its first element that way and the other seven as {@code base + k * step} with the
   * product rounded before the sum. The remaining tail is scalar.
   *
   * <p>Other builds round differently in the last bit for some elements: a CPU without AVX2 runs
   * the kernel without FMA, and torch releases after 1.13 dropped the vector blocks.
   *
   * @throws IllegalArgumentException unless {@code 2 <= steps <= } {@link #MAX_LINSPACE}
   */
  static float[] linspace(double start, double end, int steps) {
    if (steps < 2 || steps > MAX_LINSPACE) {
      throw new IllegalArgumentException("linspace steps must be in [2, " + MAX_LINSPACE
          + "], got " + steps);
    }
    float s = (float) start;
    float e = (float) end;
    float step = (e - s) / (float) (steps - 1);
    int halfway = steps / 2;
    float[] out = new float[steps];
    int i = 0;
    for (; i + 2 * LANES <= steps; i += 2 * LANES) {
      for (int v = i; v < i + 2 * LANES; v += LANES) {
        float base = linspaceAt(s, e, step, steps, halfway, v);
        for (int k = 0; k < LANES; k++) {
          // Java's float arithmetic never contracts, so this rounds the product first, as the
          // vector constructor's separate multiply and add do.
          out[v + k] = base + k * step;
        }
      }
    }
    for (; i < steps; i++) {
      out[i] = linspaceAt(s, e, step, steps, halfway, i);
    }
    return out;
  }

  /** The kernel's scalar element {@code i}, with the fused multiply-add the compiler emits. */
  private static float linspaceAt(float s, float e, float step, int steps, int halfway, int i) {
    return i < halfway ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (steps - i - 1), e);
  }

  /**
   * torchvision's Posterize bins {@code 8 - (torch.arange(bins) / ((bins - 1) / divisor))
   * .round().int()}: the Python divisor {@code (bins - 1) / divisor} is a double that torch
   * rounds to float, the division is float32, and {@code round} is half-to-even. RandAugment and
   * AutoAugment use divisor 4 (8 down to 4 bits), TrivialAugmentWide 6 (8 down to 2).
   */
  static float[] posterizeBits(int bins, int divisor) {
    float d = (float) ((bins - 1) / (double) divisor);
    float[] out = new float[bins];
    for (int i = 0; i < bins; i++) {
      out[i] = 8 - (int) Math.rint((float) i / d);
    }
    return out;
  }

  /**
   * Python's {@code math.degrees(math.atan(x))}, the shear angle torchvision's {@code _apply_op}
   * passes to {@code F.affine} for ShearX/ShearY: the correctly rounded arc tangent times
   * CPython's constant {@code 180.0 / pi}.
   *
   * <p>Python's {@code atan} is the C library's. glibc 2.36 (Debian 12) returns the correctly
   * rounded value on all but about 0.3% of float32 arguments in [0, 1), where it is one ulp off
   * (its error there is just above half an ulp); other C libraries and versions may differ
   * elsewhere. The correctly rounded value is the one answer that does not depend on the machine;
   * {@code StrictMath.atan} (fdlibm) misses it on a few percent of these arguments. Of
   * torchvision's default tables only RandAugment's bin 28 of 31 (0.28) meets such an argument,
   * and the last bit of the angle has not changed a pixel there (PolicyOpsPixelTest).
   */
  static double shearDegrees(double x) {
    return atanExact(x) * (180.0 / Math.PI);
  }

  /** The double nearest to the exact arc tangent of a finite {@code x}. */
  static double atanExact(double x) {
    if (x == 0 || !Double.isFinite(x)) {
      return x == 0 ? x : Math.copySign(Math.PI / 2, x); // keeps -0.0, as libm does
    }
    BigDecimal v = new BigDecimal(Math.abs(x));
    boolean inverted = v.compareTo(ONE) > 0;
    if (inverted) {
      v = ONE.divide(v, MC); // atan(x) = pi/2 - atan(1/x)
    }
    // Three halvings, atan(v) = 2 atan(v / (1 + sqrt(1 + v^2))), bring v below 0.1, where the
    // series needs about 30 terms for 60 digits.
    int halvings = 3;
    for (int i = 0; i < halvings; i++) {
      v = v.divide(ONE.add(ONE.add(v.multiply(v, MC)).sqrt(MC)), MC);
    }
    BigDecimal v2 = v.multiply(v, MC);
    BigDecimal term = v;
    BigDecimal sum = v;
    BigDecimal eps = BigDecimal.ONE.movePointLeft(65);
    for (int n = 1; term.abs().compareTo(eps) > 0; n++) {
      term = term.multiply(v2, MC).negate();
      sum = sum.add(term.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
    }
    BigDecimal r = sum.multiply(BigDecimal.valueOf(1L << halvings), MC);
    if (inverted) {
      r = HALF_PI.subtract(r, MC);
    }
    double d = r.doubleValue();
    return x < 0 ? -d : d;
  }

  private static final BigDecimal HALF_PI = new BigDecimal(
      "1.5707963267948966192313216916397514420985846996875529104874722961539082031431044993140"
          + "17412671058534");
}
