package dev.preaug.core.ops;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Pillow's BICUBIC (or, through {@link #of(Resample, int, int, int, int)}, BILINEAR) resampling
 * weights for one axis, as 22-bit fixed-point integers
 * (pillow-ops.md section 3.4). Output index {@code i} reads inputs {@code first(i) ..
 * first(i)+taps(i)-1}, with the weights at {@code weights()[base(i) .. base(i)+taps(i)-1]}.
 * Both {@code first(i)} and {@code end(i)} never decrease as i grows (the window's centre moves
 * forward), so a run of outputs reads exactly {@code first(lo) .. end(hi)-1}.
 *
 * <p>Tables depend only on (input size, output size), and a recipe draws from a few dozen sizes,
 * so small tables are built once and shared; they are immutable after construction. Large output
 * sizes get a table for just the requested index window, so an absurd size cannot exhaust memory.
 */
final class BicubicCoefficients {
  static final int PRECISION_BITS = 22;
  /** Sizes above this are computed per call instead of cached, so the cache stays small. */
  private static final int CACHE_MAX_SIZE = 1024;
  private static final int CACHE_MAX_ENTRIES = 4096;
  private static final ConcurrentHashMap<Long, BicubicCoefficients> CACHE =
      new ConcurrentHashMap<>();

  /** The first output index the table covers. */
  private final int from;
  private final int[] first;
  private final int[] taps;
  /** Row-major, {@code stride} entries per covered output index. */
  private final int[] weights;
  private final int stride;

  private BicubicCoefficients(int from, int[] first, int[] taps, int[] weights, int stride) {
    this.from = from;
    this.first = first;
    this.taps = taps;
    this.weights = weights;
    this.stride = stride;
  }

  /** Bicubic weights valid at least for output indices {@code from..to-1}. */
  static BicubicCoefficients of(int inSize, int outSize, int from, int to) {
    return of(Resample.BICUBIC, inSize, outSize, from, to);
  }

  /** {@code filter}'s weights (bicubic or bilinear) valid at least for outputs {@code from..to-1}. */
  static BicubicCoefficients of(Resample filter, int inSize, int outSize, int from, int to) {
    if (inSize > CACHE_MAX_SIZE || outSize > CACHE_MAX_SIZE) {
      return compute(filter, inSize, outSize, from, to);
    }
    // Sizes are below 2^11 here, so the filter fits above both.
    Long key = ((long) filter.ordinal() << 62) | ((long) inSize << 32) | outSize;
    BicubicCoefficients cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    BicubicCoefficients made = compute(filter, inSize, outSize, 0, outSize);
    if (CACHE.size() < CACHE_MAX_ENTRIES) {
      CACHE.putIfAbsent(key, made);
    }
    return made;
  }

  int first(int i) {
    return first[i - from];
  }

  int taps(int i) {
    return taps[i - from];
  }

  /** One past the last input index that output {@code i} reads. */
  int end(int i) {
    return first[i - from] + taps[i - from];
  }

  /** Where output index {@code i}'s weights start in {@link #weights()}. */
  int base(int i) {
    return (i - from) * stride;
  }

  /** The weights, {@code stride} per output index; read-only by contract. */
  int[] weights() {
    return weights;
  }

  /** Keys' cubic with a = -0.5, in exactly the evaluation order of section 3.2. */
  static double kernel(double x) {
    double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  static BicubicCoefficients compute(int inSize, int outSize, int from, int to) {
    return compute(Resample.BICUBIC, inSize, outSize, from, to);
  }

  /** Pillow's {@code precompute_coeffs} for one filter, outputs {@code from..to-1}. */
  static BicubicCoefficients compute(Resample filter, int inSize, int outSize, int from, int to) {
    // The box edges are C floats in Pillow; (float) inSize - 0f is exact for any image size.
    double scale = (double) ((float) inSize - 0.0f) / outSize;
    // The kernel widens only when shrinking, so each output averages all the inputs it covers.
    double filterScale = Math.max(scale, 1.0);
    double support = filter.support() * filterScale;
    double inverse = 1.0 / filterScale;
    int stride = (int) Math.ceil(support) * 2 + 1;
    int count = to - from;
    int[] first = new int[count];
    int[] taps = new int[count];
    int[] weights = new int[count * stride];
    double[] w = new double[stride];
    for (int xx = from; xx < to; xx++) {
      double center = (xx + 0.5) * scale;
      // (int) truncates toward zero like the C cast, which matters only before the clamp.
      int xmin = Math.max((int) (center - support + 0.5), 0);
      int xmax = Math.min((int) (center + support + 0.5), inSize);
      int n = xmax - xmin;
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        w[i] = filter.kernel(((i + xmin) - center + 0.5) * inverse);
        sum += w[i];
      }
      int base = (xx - from) * stride;
      for (int i = 0; i < n; i++) {
        // A division by the sum, not a multiplication by its inverse: the last bit matters.
        double v = sum != 0.0 ? w[i] / sum : w[i];
        // Half away from zero, truncating toward zero; the integers need not sum to 2^22.
        weights[base + i] =
            v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      first[xx - from] = xmin;
      taps[xx - from] = n;
    }
    return new BicubicCoefficients(from, first, taps, weights, stride);
  }
}
