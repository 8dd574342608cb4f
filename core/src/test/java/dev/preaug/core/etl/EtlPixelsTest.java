package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preaug.core.image.GrayImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EtlPixelsTest {

  // Source indices Pillow 9.4 itself picked when resizing a palette image of each width to 64
  // (recorded once with Image.resize(..., ANTIALIAS) on a 'P' image holding its own x index).
  private static final int[] PILLOW_128 = seq(1, 2);
  private static final int[] PILLOW_127 = seq(0, 2);
  private static final int[] PILLOW_60 = {
    0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 22, 23,
    24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
    47, 48, 49, 50, 51, 52, 52, 53, 54, 55, 56, 57, 58, 59
  };
  private static final int[] PILLOW_72 = {
    0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28,
    29, 30, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55,
    56, 57, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71
  };
  private static final int[] PILLOW_76 = {
    0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 29, 30,
    31, 32, 33, 35, 36, 37, 38, 39, 40, 42, 43, 44, 45, 46, 48, 49, 50, 51, 52, 54, 55, 56, 57, 58,
    59, 61, 62, 63, 64, 65, 67, 68, 69, 70, 71, 73, 74, 75
  };
  private static final int[] PILLOW_63 = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48,
    49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62
  };

  private static int[] seq(int start, int step) {
    int[] a = new int[64];
    for (int i = 0; i < 64; i++) {
      a[i] = start + i * step;
    }
    return a;
  }

  @Test
  void nearestIndicesEqualWhatPillowPicked() {
    assertArrayEquals(PILLOW_128, EtlPixels.nearestIndices(128, 64));
    assertArrayEquals(PILLOW_127, EtlPixels.nearestIndices(127, 64));
    assertArrayEquals(PILLOW_60, EtlPixels.nearestIndices(60, 64));
    assertArrayEquals(PILLOW_72, EtlPixels.nearestIndices(72, 64));
    assertArrayEquals(PILLOW_76, EtlPixels.nearestIndices(76, 64));
    assertArrayEquals(PILLOW_63, EtlPixels.nearestIndices(63, 64));
  }

  @Test
  void integerRuleEqualsTheRealFormulaEverywhereSmall() {
    // floor((i + 0.5) * src / out), evaluated exactly with BigDecimal.
    for (int src = 1; src <= 300; src++) {
      for (int out = 1; out <= 130; out++) {
        int[] got = EtlPixels.nearestIndices(src, out);
        for (int i = 0; i < out; i++) {
          BigDecimal exact = BigDecimal.valueOf(i).add(new BigDecimal("0.5"))
              .multiply(BigDecimal.valueOf(src))
              .divide(BigDecimal.valueOf(out), 30, RoundingMode.FLOOR);
          assertEquals(exact.setScale(0, RoundingMode.FLOOR).intValueExact(), got[i],
              src + "->" + out + " at " + i);
        }
      }
    }
    assertArrayEquals(new int[] {0, 1, 2, 3}, EtlPixels.nearestIndices(4, 4), "identity");
  }

  @Test
  void fourBitReferenceIsTimesSeventeen() {
    byte[] lut = EtlPixels.levelTable(4, EtlOptions.Normalization.REFERENCE);
    for (int v = 0; v < 16; v++) {
      assertEquals(v * 17, lut[v] & 0xFF);
      assertEquals(v * 17, seedUint8(v, 15));
    }
  }

  @Test
  void sixBitReferenceTableIsWhatFloat16Gives() {
    byte[] lut = EtlPixels.levelTable(6, EtlOptions.Normalization.REFERENCE);
    int differFromFloor = 0;
    for (int v = 0; v < 64; v++) {
      int expected = seedUint8(v, 63);
      assertEquals(expected, lut[v] & 0xFF, "level " + v);
      assertEquals(expected, EtlPixels.SIX_BIT_REFERENCE[v], "table entry " + v);
      if (expected != v * 255 / 63) {
        differFromFloor++;
      }
    }
    // float16 rounding pushes exactly one level over a floor boundary: 41 gives 166, not 165.
    assertEquals(1, differFromFloor);
    assertEquals(166, lut[41] & 0xFF);
    assertEquals(255, lut[63] & 0xFF);
    assertEquals(85, lut[21] & 0xFF);
    assertEquals(4, lut[1] & 0xFF);
  }

  @Test
  void oneBitQuirkGivesZeroOr255() {
    // The reference keeps 1-bit levels as 0/1 (no division); the seed's np.uint8(x*255) makes
    // them 0/255, which is also full range.
    for (EtlOptions.Normalization n : EtlOptions.Normalization.values()) {
      byte[] lut = EtlPixels.levelTable(1, n);
      assertEquals(0, lut[0] & 0xFF);
      assertEquals(255, lut[1] & 0xFF);
    }
    assertEquals(255, seedUint8Half(BigDecimal.ONE));
  }

  @Test
  void fullRangeRoundsHalfUp() {
    byte[] six = EtlPixels.levelTable(6, EtlOptions.Normalization.FULL_RANGE);
    for (int v = 0; v < 64; v++) {
      int expected = BigDecimal.valueOf(v * 255L).divide(BigDecimal.valueOf(63), 0,
          RoundingMode.HALF_UP).intValueExact();
      assertEquals(expected, six[v] & 0xFF);
    }
    assertEquals(81, six[20] & 0xFF); // 80.95 rounds up; the reference gives 80
    assertArrayEquals(EtlPixels.levelTable(4, EtlOptions.Normalization.REFERENCE),
        EtlPixels.levelTable(4, EtlOptions.Normalization.FULL_RANGE));
  }

  /** The whole record → 64x64 path, against an expectation computed here from the parts. */
  @ParameterizedTest
  @EnumSource(EtlFormat.class)
  void recordToSeedPixels(EtlFormat f) {
    int[] levels = SyntheticEtl.pattern(f);
    byte[] rec = SyntheticEtl.record(f, SyntheticEtl.rec(0x41).levels(levels));
    EtlDecoder decoder = new EtlDecoder(EtlOptions.defaults(), null);
    GrayImage img = decoder.plan(f).pixels(rec, 0);
    assertEquals(64, img.width());
    assertEquals(64, img.height());
    int w = f.width();
    int h = f.height();
    for (int y = 0; y < 64; y++) {
      int sy = (int) Math.floor((y + 0.5) * h / 64.0);
      for (int x = 0; x < 64; x++) {
        int sx = (int) Math.floor((x + 0.5) * w / 64.0);
        int v = levels[sy * w + sx];
        int expected = f.depth() == 1 ? v * 255 : seedUint8(v, (1 << f.depth()) - 1);
        assertEquals(expected, img.get(x, y), f + " at " + x + "," + y);
      }
    }
  }

  @Test
  void otherTargetSizes() {
    int[] levels = SyntheticEtl.pattern(EtlFormat.G9);
    byte[] rec = SyntheticEtl.record(EtlFormat.G9, SyntheticEtl.rec(0x3441).levels(levels));
    EtlOptions native128 = EtlOptions.builder().size(128, 127).build();
    GrayImage img = new EtlDecoder(native128, null).plan(EtlFormat.G9).pixels(rec, 0);
    for (int i = 0; i < levels.length; i++) {
      assertEquals(levels[i] * 17, img.array()[i] & 0xFF);
    }
    EtlOptions wide = EtlOptions.builder().size(32, 16).build();
    GrayImage small = new EtlDecoder(wide, null).plan(EtlFormat.G9).pixels(rec, 0);
    assertEquals(32, small.width());
    assertEquals(16, small.height());
    // x: floor((2i+1)*128/64) = 4i+2 ; y: floor((2j+1)*127/32) = 3, 11, ...
    assertEquals(levels[3 * 128 + 2] * 17, small.get(0, 0));
    assertEquals(levels[11 * 128 + 6] * 17, small.get(1, 1));
  }

  // --- the seed's arithmetic, emulated exactly -------------------------------------------------

  /** np.uint8(float16(v / max) * 255) with float16 products, as numpy 1.24 computes it. */
  static int seedUint8(int v, int max) {
    double x = (double) v / max; // numpy: uint8 array / float -> float64, correctly rounded
    return seedUint8Half(toHalf(new BigDecimal(x)));
  }

  static int seedUint8Half(BigDecimal half) {
    BigDecimal product = toHalf(half.multiply(BigDecimal.valueOf(255)));
    return product.setScale(0, RoundingMode.FLOOR).intValueExact();
  }

  /** Rounds a non-negative value to the nearest float16, ties to even (normal range only). */
  static BigDecimal toHalf(BigDecimal x) {
    if (x.signum() == 0) {
      return BigDecimal.ZERO;
    }
    int e = 0;
    while (x.compareTo(pow2(e)) < 0) {
      e--;
    }
    while (x.compareTo(pow2(e + 1)) >= 0) {
      e++;
    }
    if (e < -14) {
      e = -14; // subnormals share the smallest quantum
    }
    BigDecimal quantum = pow2(e - 10);
    BigDecimal steps = x.divide(quantum, MathContext.UNLIMITED);
    BigDecimal rounded = steps.setScale(0, RoundingMode.HALF_EVEN);
    return rounded.multiply(quantum);
  }

  private static BigDecimal pow2(int e) {
    return e >= 0 ? BigDecimal.valueOf(2).pow(e) : BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-e));
  }
}
