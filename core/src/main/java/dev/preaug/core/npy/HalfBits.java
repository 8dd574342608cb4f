package dev.preaug.core.npy;

/** Conversion of doubles in [0, 1] to IEEE binary16 bits, as {@code np.float16(x)} rounds. */
public final class HalfBits {
  private HalfBits() {}

  /**
   * The float16 nearest to {@code x} (ties to even), for 0 and for x in [2^-14, 65504]: the
   * normal range, which covers every value preaug writes (v/255 and v/15 for v >= 1).
   */
  public static int fromDouble(double x) {
    if (x == 0) {
      return 0;
    }
    if (!(x >= 0x1p-14 && x <= 65504)) {
      throw new IllegalArgumentException("outside the normal float16 range: " + x);
    }
    int e = Math.getExponent(x);
    // Scaling by a power of two is exact, so rint rounds the true value once.
    long m = (long) Math.rint(Math.scalb(x, 10 - e));
    if (m == 2048) {
      m = 1024;
      e++;
    }
    return ((e + 15) << 10) | (int) (m - 1024);
  }
}
