package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the plain-Java loops they replace, byte for byte: every width
 * around one and two vector runs (where the overlapping last run starts), gray and interleaved
 * colour, random pixels and the extremes (all 0, all 255, a 0/255 checkerboard that drives
 * SHARPEN to both clamps). The plain loops are checked against Pillow by the golden cases and
 * {@code FilterStripsTest}, so equality here carries that over.
 */
class VectorKernelsTest {
  @Test
  void theTestJvmHasTheVectorModule() {
    // core/pom.xml starts the test JVM with it; without it these tests would compare the plain
    // loops with themselves.
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "core's tests must run with --add-modules=jdk.incubator.vector");
    // A plain test JVM is tiered up to C2, so the vector path is on unless the CPU is narrow.
    assertTrue(Simd.optimizingJit(), "TieredStopAtLevel/TieredCompilation read as C2 absent");
  }

  private static List<byte[]> images(SplittableRandom rnd, int n) {
    return dev.preaug.core.testing.Images.extremes(rnd, n);
  }

  @Test
  void sharpenAndSmoothVectorsEqualThePlainLoops() {
    SplittableRandom rnd = new SplittableRandom(1515);
    int[] bands = {1, 3, 4};
    for (int c : bands) {
      for (int width = 3; width <= 80; width++) {
        for (int h : new int[] {3, 4, 9}) {
          for (byte[] src : images(rnd, width * h * c)) {
            for (boolean sharpen : new boolean[] {true, false}) {
              String what = (sharpen ? "sharpen" : "smooth") + " on " + width + "x" + h + "x" + c;
              assertArrayEquals(Filter3x3.filter(src, width, h, c, sharpen, false),
                  Filter3x3.filter(src, width, h, c, sharpen, true), what);
            }
          }
        }
      }
    }
  }

  /**
   * SMOOTH's numerator S9 + 4c + 6 takes every value from 6 to 3321 at some centre (the vector
   * kernel divides it by 13 in short lanes by a two-step formula): centres every third column
   * of the middle row have disjoint neighbourhoods, set to give one numerator each.
   */
  @Test
  void smoothDividesEveryNumeratorExactly() {
    int count = 3321 - 6 + 1;
    int width = 3 * count + 2;
    byte[] src = new byte[width * 3];
    for (int k = 0; k < count; k++) {
      int x = 6 + k;
      int c = Math.min(255, (x - 6) / 5);
      int s8 = x - 6 - 5 * c;
      int col = 1 + 3 * k;
      src[width + col] = (byte) c;
      int[] neighbours = {col - 1, col + 1, -width + col - 1, -width + col, -width + col + 1,
          width + col - 1, width + col, width + col + 1};
      for (int d : neighbours) {
        int v = Math.min(255, s8);
        src[width + d] = (byte) v;
        s8 -= v;
      }
      assertTrue(s8 == 0, "numerator " + x + " not built");
    }
    byte[] plain = Filter3x3.filter(src, width, 3, 1, false, false);
    byte[] vectors = Filter3x3.filter(src, width, 3, 1, false, true);
    for (int k = 0; k < count; k++) {
      int col = width + 1 + 3 * k;
      assertEquals((6 + k) / 13, plain[col] & 0xFF, "plain loop, numerator " + (6 + k));
      assertEquals(plain[col], vectors[col], "vector kernel, numerator " + (6 + k));
    }
    assertArrayEquals(plain, vectors);
  }

  @Test
  void sharpenAndSmoothVectorsOnLargeImages() {
    SplittableRandom rnd = new SplittableRandom(64);
    int[][] sizes = {{64, 64, 1}, {32, 32, 3}, {224, 224, 3}, {1025, 5, 1}, {500, 301, 4}};
    for (int[] s : sizes) {
      for (byte[] src : images(rnd, s[0] * s[1] * s[2])) {
        for (boolean sharpen : new boolean[] {true, false}) {
          assertArrayEquals(Filter3x3.filter(src, s[0], s[1], s[2], sharpen, false),
              Filter3x3.filter(src, s[0], s[1], s[2], sharpen, true),
              (sharpen ? "sharpen" : "smooth") + " on " + s[0] + "x" + s[1] + "x" + s[2]);
        }
      }
    }
  }
}
