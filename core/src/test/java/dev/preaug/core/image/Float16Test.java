package dev.preaug.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Npy;
import org.junit.jupiter.api.Test;

class Float16Test {

  @Test
  void everyGoldenPairOfTheSeedConversion() {
    Npy pairs = Golden.f16ToU8();
    assertEquals("<u2", pairs.dtype);
    assertEquals(15361, pairs.rows);
    assertEquals(2, pairs.cols);
    for (int i = 0; i < pairs.rows; i++) {
      int bits = pairs.u2(i, 0);
      int expected = pairs.u2(i, 1);
      assertEquals(expected, Float16.toUint8((short) bits), () -> "half 0x" + hex(bits));
      assertEquals(expected, Float16.lookup(bits), () -> "lookup 0x" + hex(bits));
    }
  }

  @Test
  void halfRoundingMattersWhereTheSpecSaysItDoes() {
    // float16 0.2 is 0.199951171875; times 255 is 50.98..., which rounds to half 51.0.
    short h = Float16.toHalfBits(0.2f);
    assertEquals(0.199951171875f, Float16.toFloat(h));
    assertEquals(51, Float16.toUint8(h));
    assertEquals(50, (int) (Float16.toFloat(h) * 255.0));
  }

  @Test
  void onlyZeroToOneConvert() {
    assertEquals(255, Float16.toUint8((short) 0x3C00)); // 1.0
    assertEquals(0, Float16.toUint8((short) 0x0000));
    assertEquals(0, Float16.toUint8((short) 0x8000)); // -0.0
    assertEquals(-1, Float16.toUint8((short) 0x3C01)); // just above 1
    assertEquals(-1, Float16.toUint8((short) 0x8001)); // smallest negative subnormal
    assertEquals(-1, Float16.toUint8((short) 0xBC00)); // -1
    assertEquals(-1, Float16.toUint8((short) 0x7C00)); // +inf
    assertEquals(-1, Float16.toUint8((short) 0xFC00)); // -inf
    assertEquals(-1, Float16.toUint8((short) 0x7E00)); // NaN
    for (int i = 0; i < 65536; i++) {
      final int b = i;
      int v = Float16.lookup(b);
      float f = Float16.toFloat((short) b);
      boolean sane = f >= 0f && f <= 1f;
      assertEquals(sane, v >= 0, () -> "0x" + hex(b));
      assertTrue(v <= 255);
    }
  }

  @Test
  void decodingAndEncodingRoundTripEveryHalf() {
    for (int i = 0; i < 65536; i++) {
      final int b = i;
      short h = (short) b;
      float f = Float16.toFloat(h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Float16.toFloat(Float16.toHalfBits(f))), hex(b));
      } else {
        assertEquals(b, Float16.toHalfBits(f) & 0xFFFF, () -> "0x" + hex(b) + " = " + f);
      }
    }
  }

  @Test
  void decodingKnownValues() {
    assertEquals(1.0f, Float16.toFloat((short) 0x3C00));
    assertEquals(-2.0f, Float16.toFloat((short) 0xC000));
    assertEquals(65504f, Float16.toFloat((short) 0x7BFF));
    assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
    assertEquals(0x1p-14f, Float16.toFloat((short) 0x0400));
    assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat((short) 0x7C00));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
    assertEquals(Float.floatToRawIntBits(-0.0f),
        Float.floatToRawIntBits(Float16.toFloat((short) 0x8000)));
  }

  /**
   * Between two neighbouring halves, the exact midpoint (representable in float) must go to the
   * one with the even significand, and the floats just below and above it to the nearer one.
   */
  @Test
  void roundsToNearestTiesToEven() {
    for (int b = 0; b < 0x7C00; b++) {
      float lo = Float16.toFloat((short) b);
      float hi = b + 1 == 0x7C00 ? 65536f : Float16.toFloat((short) (b + 1));
      float mid = (lo + hi) / 2;
      int even = (b & 1) == 0 ? b : b + 1;
      for (int sign : new int[] {0, 0x8000}) {
        float s = sign == 0 ? 1f : -1f;
        assertEquals(even | sign, Float16.toHalfBits(s * mid) & 0xFFFF, "tie after 0x" + hex(b));
        assertEquals(b | sign, Float16.toHalfBits(s * Math.nextDown(mid)) & 0xFFFF,
            "below tie after 0x" + hex(b));
        assertEquals((b + 1) | sign, Float16.toHalfBits(s * Math.nextUp(mid)) & 0xFFFF,
            "above tie after 0x" + hex(b));
      }
    }
    assertEquals(0x0000, Float16.toHalfBits(0x1p-26f)); // below half the smallest subnormal
    assertEquals(0x7C00, Float16.toHalfBits(1e6f) & 0xFFFF);
    assertEquals(0x7BFF, Float16.toHalfBits(65519.99f) & 0xFFFF);
  }

  private static String hex(int b) {
    return Integer.toHexString(b & 0xFFFF);
  }
}
