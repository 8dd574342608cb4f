package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API blur against {@link BoxBlur}'s plain loops, byte for byte: every row length
 * around one and two vector runs (where the overlapping last run starts), gray and interleaved
 * colour, heights down to one row, radii giving box radius 0 (the vector path) and 1 and 2, and
 * the extremes (all 0, all 255, 0/255 checkerboards, whose sums reach both ends of the fixed-point
 * range). The plain loops are checked against Pillow by the golden cases and
 * {@code FilterStripsTest}, so equality here carries that over.
 */
class BlurVectorsTest {
  private static final double[] RADII = {0.01, 0.1, 0.3, 0.5, 0.73, 0.9, 1.0, 1.1, 1.2, 1.3,
      1.41, 1.5, 2.0, 2.5, 3.0};

  private static List<byte[]> images(SplittableRandom rnd, int w, int n) {
    List<byte[]> images = new ArrayList<>(dev.preaug.core.testing.Images.extremes(rnd, n));
    byte[] fine = new byte[n]; // a one-pixel checkerboard: every neighbour differs
    for (int i = 0; i < n; i++) {
      fine[i] = (byte) (((i % w) + (i / w)) % 2 == 0 ? 0 : 255);
    }
    images.add(fine);
    return images;
  }

  @Test
  void theRadiiCoverBoxRadiiZeroOneAndTwo() {
    boolean[] seen = new boolean[3];
    for (double r : RADII) {
      int box = new GaussianBlur(r).box().radius;
      if (box < 3) {
        seen[box] = true;
      }
    }
    assertTrue(seen[0] && seen[1] && seen[2], Arrays.toString(seen));
  }

  @Test
  void vectorsEqualThePlainLoops() {
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int c : new int[] {1, 3, 4}) {
      for (int width = 1; width <= 70; width++) {
        for (int h : new int[] {1, 2, 3, 5, 17}) {
          for (byte[] src : images(rnd, width * c, width * h * c)) {
            for (double r : RADII) {
              BoxBlur box = new GaussianBlur(r).box();
              String what = "blur(" + r + ") on " + width + "x" + h + "x" + c;
              assertArrayEquals(box.blur(src, width, h, c, GaussianBlur.PASSES, false),
                  box.blur(src, width, h, c, GaussianBlur.PASSES, true), what);
            }
          }
        }
      }
    }
  }

  @Test
  void vectorsEqualThePlainLoopsOnLargeImagesAndOtherPassCounts() {
    SplittableRandom rnd = new SplittableRandom(64);
    int[][] sizes = {{64, 64, 1}, {32, 32, 3}, {224, 224, 3}, {1025, 5, 1}, {500, 301, 4},
        {3, 700, 1}};
    for (int[] s : sizes) {
      for (byte[] src : images(rnd, s[0] * s[2], s[0] * s[1] * s[2])) {
        for (double r : new double[] {0.01, 0.5, 0.8, 1.19, 1.41}) {
          BoxBlur box = new GaussianBlur(r).box();
          for (int passes = 0; passes <= 4; passes++) {
            String what = "blur(" + r + ") x" + passes + " on " + s[0] + "x" + s[1] + "x" + s[2];
            assertArrayEquals(box.blur(src, s[0], s[1], s[2], passes, false),
                box.blur(src, s[0], s[1], s[2], passes, true), what);
          }
        }
      }
    }
  }

  /**
   * Radius-0 weights across (0, 1.414) in steps of 0.001, with both parities of 2^24 - ww (the
   * vector kernel's rounding constant assumes ww + 2fw is 2^24 or one less), on pixels of 0, 128
   * and 255, so the constant and the sign-extended biased samples meet both ends of the range.
   */
  @Test
  void radiusZeroWeightsAtTheExtremes() {
    int width = 40;
    byte[] src = new byte[width * 2];
    for (int i = 0; i < src.length; i++) {
      src[i] = (byte) ((i * 7 / 3) % 3 == 0 ? 255 : (i % 5 == 0 ? 128 : 0));
    }
    boolean[] parity = new boolean[2];
    for (int step = 1; step < 1414; step++) {
      double r = step / 1000.0;
      BoxBlur box = new GaussianBlur(r).box();
      assertEquals(0, box.radius, "radius " + r);
      int e = (1 << 24) - box.ww - 2 * box.fw;
      assertTrue(e == 0 || e == 1, "radius " + r);
      parity[e] = true;
      for (int passes = 1; passes <= 2; passes++) {
        assertArrayEquals(box.blur(src, width, 2, 1, passes, false),
            box.blur(src, width, 2, 1, passes, true), "radius " + r);
      }
    }
    assertTrue(parity[0] && parity[1], Arrays.toString(parity));
  }
}
