package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * torch's float32 arithmetic without Python: values torch 1.13 printed (PolicyTablesLiveTest
 * compares whole tables live), chosen where a simpler model of its linspace kernel goes wrong,
 * and the arc tangent against exact references.
 */
class TorchMathTest {
  private static int bits(float[] v, int i) {
    return Float.floatToRawIntBits(v[i]);
  }

  @Test
  void linspaceRoundsAsTorchsAvx2Kernel() {
    // Plain start + step * i and end - step * (n - 1 - i) without the fused multiply-add give
    // 21.333332 here; torch gives 21.333334.
    assertEquals(0x41aaaaab, bits(TorchMath.linspace(0.0, 32.0, 10), 6));
    assertEquals(0x42c45d17, bits(TorchMath.linspace(0.0, 135.0, 12), 8));
    // 16 elements are one vectorised block: the second vector (from index 8) starts at the fused
    // second-half value and adds k * step, which differs from the scalar formula at some indices.
    int[] upper = {0x41888888, 0x41999999, 0x41aaaaaa, 0x41bbbbbc, 0x41cccccc, 0x41ddddde,
        0x41eeeeef, 0x42000000};
    float[] v = TorchMath.linspace(0.0, 32.0, 16);
    for (int i = 0; i < 8; i++) {
      assertEquals(upper[i], bits(v, 8 + i), "linspace(0, 32, 16)[" + (8 + i) + "]");
    }
    assertEquals(0x42c45d17, bits(TorchMath.linspace(0.0, 135.0, 34), 24));
    // RandAugment's defaults: bin 9 of 31 of Solarize, the shears and TranslateX at width 48.
    assertEquals(178.5f, TorchMath.linspace(255.0, 0.0, 31)[9]);
    assertEquals(0x3db851ec, bits(TorchMath.linspace(0.0, 0.3, 31), 9));
    assertEquals(0x40d0d25f, bits(TorchMath.linspace(0.0, 150.0 / 331.0 * 48, 31), 9));
    // The ends are exact.
    float[] two = TorchMath.linspace(0.0, 0.99, 2);
    assertArrayEquals(new float[] {0f, 0.99f}, two);
    assertEquals("linspace steps must be in [2, 32768], got 1",
        assertThrows(IllegalArgumentException.class, () -> TorchMath.linspace(0, 1, 1))
            .getMessage());
  }

  @Test
  void posterizeBinsRoundHalfToEven() {
    // (bins - 1) / 4 = 2 for 9 bins: i / 2 ties at 1, 3, 5, 7 round to even (0, 2, 2, 4).
    assertArrayEquals(new float[] {8, 8, 7, 6, 6, 6, 5, 4, 4}, TorchMath.posterizeBits(9, 4));
    assertArrayEquals(new float[] {8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5,
        5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4}, TorchMath.posterizeBits(31, 4));
    float[] wide = TorchMath.posterizeBits(31, 6);
    assertEquals(8f, wide[0]);
    assertEquals(2f, wide[30]);
  }

  @Test
  void arcTangentIsCorrectlyRounded() {
    assertEquals(Math.PI / 4, TorchMath.atanExact(1.0));
    assertEquals(-Math.PI / 4, TorchMath.atanExact(-1.0));
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(TorchMath.atanExact(-0.0)));
    // atan(0.3f) = 0.291456805414499124991641761579368..., to the nearest double (mpmath).
    assertEquals(0.29145680541449914, TorchMath.atanExact((double) 0.3f), 0.0);
    assertEquals(Math.PI / 2 - TorchMath.atanExact(0.5), TorchMath.atanExact(2.0), 1e-16);
    // math.degrees(math.atan(0.3f)): torchvision's largest RandAugment shear, in degrees.
    assertEquals(16.69924486061648, TorchMath.shearDegrees((double) 0.3f));
  }
}
