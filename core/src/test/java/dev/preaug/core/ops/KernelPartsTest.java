package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exhaustive checks of the arithmetic shortcuts the kernels rely on. */
class KernelPartsTest {

  @Test
  void divideBy13IsExactWellBeyondSmoothsRange() {
    // SMOOTH divides S9 + 4c + 6 <= 9*255 + 4*255 + 6 = 3321.
    for (int x = 0; x < 6553; x++) {
      assertEquals(x / 13, Filter3x3.divideBy13(x), "x = " + x);
    }
  }

  @Test
  void clamp8MatchesMinMax() {
    for (int v = -1 << 20; v <= 1 << 20; v++) {
      assertEquals(Math.max(0, Math.min(255, v)), Lanes.clamp8(v), "v = " + v);
    }
    for (int v : new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE}) {
      assertEquals(Math.max(0, Math.min(255, v)), Lanes.clamp8(v), "v = " + v);
    }
  }

  /** The unsigned-int form of the 3-tap blur equals the long arithmetic of the spec. */
  @Test
  void threeTapBlurInUnsignedIntsEqualsLongArithmetic() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 2000; i++) {
      GaussianBlur blur = new GaussianBlur(rnd.nextDouble(0.01, 1.41));
      BoxBlur box = blur.box();
      assertEquals(0, box.radius, blur.spec());
      for (int c : new int[] {0, 1, 127, 254, 255}) {
        for (int lr = 0; lr <= 510; lr += 17) {
          long exact = ((long) c * box.ww + (long) lr * box.fw + (1L << 23)) >> 24;
          int fast = (c * box.ww + lr * box.fw + (1 << 23)) >>> 24;
          assertEquals(exact, fast, blur.spec() + " c=" + c + " l+r=" + lr);
        }
      }
    }
  }

  @Test
  void neighbourCopiesRepeatEdges() {
    int[] img = {1, 2, 3, 4, 5, 6}; // 3 wide, 2 high
    int[] a = new int[6];
    int[] b = new int[6];
    Lanes.rowNeighbours(img, a, b, 3, 6);
    assertArrayEquals(new int[] {1, 1, 2, 4, 4, 5}, a);
    assertArrayEquals(new int[] {2, 3, 3, 5, 6, 6}, b);
    Lanes.columnNeighbours(img, a, b, 3, 6);
    assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3}, a);
    assertArrayEquals(new int[] {4, 5, 6, 4, 5, 6}, b);
  }
}
