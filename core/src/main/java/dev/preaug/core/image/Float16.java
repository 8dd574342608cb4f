package dev.preaug.core.image;

/**
 * IEEE 754 half precision (binary16) helpers, and the seed pipeline's input conversion
 * {@code np.uint8(float16_x * 255)} reproduced bit for bit.
 *
 * <p>numpy evaluates {@code float16_array * 255} in half precision: the product is formed exactly
 * and then rounded to the nearest half (ties to even) before {@code np.uint8} truncates it. That
 * intermediate rounding is why, for example, half 0.2 (0.199951171875) becomes 51 and not the 50
 * that {@code (int) (x * 255.0)} would give. Java 17 has no half type, so the decoding and the
 * rounding are written out here. See pillow-ops.md section 7.
 */
public final class Float16 {
  /** Bits of half 1.0; every half in [+0, 1] has bits 0..ONE because positive halves sort by bits. */
  private static final int ONE = 0x3C00;
  private static final int NEGATIVE_ZERO = 0x8000;
  /** {@code toUint8} for bits 0..ONE; the only inputs the seed converts sanely besides -0. */
  private static final byte[] TABLE = buildTable();

  private Float16() {}

  /**
   * The seed's {@code np.uint8(x * 255)} for the half {@code x} with these bits: 0..255 for
   * {@code x} in [0, 1] (and -0), or -1 for NaN, infinities, negative values and values above 1,
   * where numpy's cast would wrap or be undefined, so that callers can reject the input by value.
   */
  public static int toUint8(short halfBits) {
    return lookup(halfBits);
  }

  /** Same as {@link #toUint8(short)}, for the low 16 bits of {@code bits}; a table lookup. */
  public static int lookup(int bits) {
    int b = bits & 0xFFFF;
    if (b <= ONE) {
      return TABLE[b] & 0xFF;
    }
    return b == NEGATIVE_ZERO ? 0 : -1;
  }

  private static final java.lang.invoke.VarHandle SHORTS_LE = java.lang.invoke.MethodHandles
      .byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Converts {@code n} little-endian halves at {@code src[srcOff..]} into {@code dst[dstOff..]}
   * as {@link #toUint8} does, and returns the index (0..n-1) of the first value the seed could
   * not convert sanely, or -1 when all were in [0, 1]. The bulk form of the input conversion:
   * one table read per pixel, no call or sign juggling in the loop.
   */
  public static int toUint8(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
    return toUint8(src, srcOff, dst, dstOff, n, dev.preaug.core.ops.Simd.enabled());
  }

  /** With {@code vectors} false, the table loop even where the Vector API is enabled (tests). */
  static int toUint8(byte[] src, int srcOff, byte[] dst, int dstOff, int n, boolean vectors) {
    if (vectors) {
      return Float16Vectors.toUint8(src, srcOff, dst, dstOff, n);
    }
    return toUint8Table(src, srcOff, dst, dstOff, n);
  }

  /** The table loop over {@code n} halves; also the vector kernel's fallback for odd runs. */
  static int toUint8Table(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
    for (int j = 0; j < n; j++) {
      int bits = (short) SHORTS_LE.get(src, srcOff + 2 * j) & 0xFFFF;
      if (bits > ONE) {
        if (bits != NEGATIVE_ZERO) {
          return j;
        }
        dst[dstOff + j] = 0;
      } else {
        dst[dstOff + j] = TABLE[bits];
      }
    }
    return -1;
  }

  /** The exact float value of a half (every half is representable as a float). */
  public static float toFloat(short halfBits) {
    int h = halfBits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0) {
      // Subnormal halves are mant * 2^-24; the product is exact because mant has 10 bits.
      float magnitude = mant * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /**
   * The half nearest to {@code f}, ties to even (IEEE round-to-nearest), as bits. Values from
   * 65520 up round to infinity; NaN stays NaN (quiet, with the top payload bits kept).
   */
  public static short toHalfBits(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) {
      boolean nan = abs > 0x7F800000;
      return (short) (sign | 0x7C00 | (nan ? 0x200 | ((abs >>> 13) & 0x3FF) : 0));
    }
    if (abs >= 0x477FF000) {
      // 65520 is the midpoint between the largest half (65504) and 2^16; its tie goes to the even
      // neighbour, which is infinity.
      return (short) (sign | 0x7C00);
    }
    int exp = abs >>> 23;
    if (exp < 113) {
      // Below 2^-14 halves are subnormal: a fixed step of 2^-24. Values under 2^-25 round to zero
      // (2^-25 itself is a tie, and zero is the even neighbour).
      if (exp < 102) {
        return (short) sign;
      }
      int significand = (abs & 0x7FFFFF) | 0x800000;
      int shift = 126 - exp;
      return (short) (sign | roundShift(significand, shift));
    }
    // Rebias the exponent and drop 13 significand bits; a carry out of the significand correctly
    // bumps the exponent (and reaches infinity only above the threshold handled earlier).
    int rebiased = ((exp - 127 + 15) << 10) | ((abs & 0x7FFFFF) >>> 13);
    int rest = abs & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (rebiased & 1) != 0)) {
      rebiased++;
    }
    return (short) (sign | rebiased);
  }

  /** {@code value >> shift}, rounded to nearest with ties to even; {@code shift} in 1..30. */
  private static int roundShift(int value, int shift) {
    int q = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (rest > half || (rest == half && (q & 1) != 0)) {
      q++;
    }
    return q;
  }

  private static byte[] buildTable() {
    byte[] table = new byte[ONE + 1];
    for (int b = 0; b <= ONE; b++) {
      float product = toFloat((short) b) * 255f; // exact: 11-bit significand times 8-bit constant
      float rounded = toFloat(toHalfBits(product));
      table[b] = (byte) (int) rounded; // truncation, as np.uint8 does for values in [0, 255]
    }
    return table;
  }
}
