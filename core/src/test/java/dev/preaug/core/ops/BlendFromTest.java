package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlendFromTest {
  /**
   * The table path gives the per-sample blend from a flat image for every sample value, with
   * factors that interpolate, extrapolate (clipping) and sit next to the 0 and 1 boundaries.
   */
  @Test
  void blendFromIsThePerSampleBlendOfAFlatImage() {
    byte[] every = new byte[256 * 3];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) (i % 256);
    }
    SplittableRandom rnd = new SplittableRandom(19);
    double[] factors = {0, 1e-9, 0.27, 0.5, 0.73, Math.nextDown(1.0), 1, Math.nextUp(1.0), 1.27,
        1.9, 3.3, 100, 1000, rnd.nextDouble(0, 2), rnd.nextDouble(0, 2)};
    for (int v1 : new int[] {0, 1, 64, 117, 128, 254, 255, rnd.nextInt(256)}) {
      byte[] flat = new byte[every.length];
      java.util.Arrays.fill(flat, (byte) v1);
      for (double f : factors) {
        assertArrayEquals(PixelMaps.blend(flat, every, f), PixelMaps.blendFrom(v1, every, f),
            "from " + v1 + " by " + f);
      }
    }
  }
}
