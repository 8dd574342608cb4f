package dev.preaug.core.recipe.tv;

/**
 * torch 1.13's float32 {@code exp} and {@code log} as RandomResizedCrop's sampling uses them on
 * one- and two-element tensors. torch computes both with SLEEF's vectorised 1-ulp functions at its
 * AVX2 capability (for a tensor shorter than a vector too: the tail is loaded as a partial
 * vector), which differ from the correctly rounded result in the last bit for a few percent of
 * arguments.
 */
final class TorchFloat {
  private static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934f;
  private static final float L2U = 0.693145751953125f;
  private static final float L2L = 1.428606765330187045e-06f;

  private TorchFloat() {}

  /**
   * {@code torch.exp} of a float32 tensor: SLEEF's {@code expf} (1.0 ulp) with fused
   * multiply-adds, as its AVX2 build computes it: reduce by the nearest multiple of ln 2 (split in
   * two parts), a degree-6 polynomial, then scale by the power of two. Equal to torch's result
   * on 40,000 arguments checked (20,000 of them in RandomResizedCrop's default log-ratio range),
   * where the correctly rounded exp differs on 8%. Arguments beyond [-104, 100] give 0 or
   * infinity, as SLEEF's do.
   */
  static float exp(float d) {
    if (d < -104f) {
      return 0f;
    }
    if (d > 100f) {
      return Float.POSITIVE_INFINITY;
    }
    int q = (int) Math.rint(d * R_LN2);
    float s = Math.fma(q, -L2U, d);
    s = Math.fma(q, -L2L, s);
    float u = 0.000198527617612853646278381f;
    u = Math.fma(u, s, 0.00139304355252534151077271f);
    u = Math.fma(u, s, 0.00833336077630519866943359f);
    u = Math.fma(u, s, 0.0416664853692054748535156f);
    u = Math.fma(u, s, 0.166666671633720397949219f);
    u = Math.fma(u, s, 0.5f);
    u = 1.0f + Math.fma(s * s, u, s);
    // SLEEF's ldexp splits the exponent so that no intermediate overflows; scalb rounds once.
    return Math.scalb(u, q);
  }

  /**
   * {@code torch.log} of a float32 tensor, taken here as the correctly rounded float log. torch's
   * SLEEF {@code logf} agrees on RandomResizedCrop's default ratios (3/4 and 4/3, pinned by the
   * tests) and on about 99% of other arguments; where it does not, the log-ratio bounds differ
   * in their last bit, which moves a crop's drawn aspect ratio by at most one float32 step.
   */
  static float log(float x) {
    return (float) StrictMath.log(x); // fdlibm: the same double on every JVM (TrigTest)
  }
}
