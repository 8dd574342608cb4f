package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Images;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The byte-permute affine kernel ({@link AffineVectors}) against the fixed-point engine's
 * per-pixel loop, byte for byte, called directly so that it runs on every CPU (without AVX-512
 * VBMI its permutes are slow Java loops, and production code does not take it there): the seed's
 * rotations, turns of any angle, scales, shears, translations moving rows and columns partly or
 * wholly off the image, and non-zero fill.
 */
class AffineVectorsTest {
  private static final int V = SimdShapes.BYTES.length();

  /** The kernel's result, or null where it declines. */
  private static byte[] kernel(GrayImage in, double[] a, int fill) {
    int w = in.width();
    int h = in.height();
    byte[] out = new byte[w * h];
    java.util.Arrays.fill(out, (byte) fill);
    boolean took = AffineVectors.sample(in.array(), w, h, out, fill,
        AffineNearest.fix(a[2] + a[0] * 0.5 + a[1] * 0.5), AffineNearest.fix(a[0]),
        AffineNearest.fix(a[1]), AffineNearest.fix(a[5] + a[3] * 0.5 + a[4] * 0.5),
        AffineNearest.fix(a[3]), AffineNearest.fix(a[4]));
    return took ? out : null;
  }

  private static int check(GrayImage in, double[] a, int fill, String what) {
    byte[] actual = kernel(in, a, fill);
    if (actual == null) {
      return 0;
    }
    byte[] expected = AffineNearest.transform(in, a, fill, false).array();
    assertArrayEquals(expected, actual, () -> what + " " + java.util.Arrays.toString(a)
        + " fill " + fill + " on " + in.width() + "x" + in.height());
    return 1;
  }

  /** Pillow's rotate matrix about the centre, as {@link Rotate} builds it. */
  private static double[] rotation(double degrees, int w, int h) {
    return new Rotate(degrees).matrix(w, h);
  }

  @Test
  void theSeedsRotationsTakeTheKernelAndMatch() {
    SplittableRandom rnd = new SplittableRandom(41);
    for (int h : new int[] {V, 1, 2, 7, V + 9}) {
      for (int i = 0; i < 1500; i++) {
        GrayImage in = Images.random(rnd, V, h);
        double[] a = rotation(rnd.nextDouble(-15, 15), V, h);
        if (a[1] == 0 && a[3] == 0) {
          continue;
        }
        assertTrue(check(in, a, 0, "rotate") == 1 || h != V,
            () -> "the kernel declined " + java.util.Arrays.toString(a));
      }
    }
  }

  @Test
  void anyMatrixMatchesWhereTheKernelTakesIt() {
    SplittableRandom rnd = new SplittableRandom(42);
    int taken = 0;
    int cases = 0;
    for (int h : new int[] {V, 3, V / 2 + 1}) {
      for (byte[] px : Images.extremes(rnd, V * h)) {
        GrayImage in = GrayImage.wrap(V, h, px);
        for (int i = 0; i < 400; i++) {
          double[] a;
          if (i % 3 == 0) {
            a = rotation(rnd.nextDouble(-180, 180), V, h);
          } else {
            a = new double[6];
            for (int k = 0; k < 6; k++) {
              double scale = k == 2 || k == 5 ? 1.5 * V : 1.1;
              a[k] = rnd.nextDouble(-scale, scale);
            }
          }
          if (a[1] == 0 && a[3] == 0) {
            continue;
          }
          cases++;
          taken += check(in, a, i % 5 == 0 ? 200 : 0, "case " + i);
        }
      }
    }
    // Most random matrices are steep, but a good share must reach the kernel.
    assertTrue(taken > cases / 10, taken + " of " + cases);
  }

  @Test
  void declinesOtherWidthsSteepRowsAndWrappingCoordinates() {
    GrayImage narrow = Images.random(new SplittableRandom(43), V - 1, V);
    GrayImage square = Images.random(new SplittableRandom(43), V, V);
    assertFalse(kernel(narrow, rotation(10, V - 1, V), 0) != null);
    assertFalse(kernel(square, rotation(60, V, V), 0) != null);
    assertFalse(kernel(square, new double[] {2.5, 0.1, 0, 0.1, 1, 0}, 0) != null);
    assertFalse(kernel(square, new double[] {0.9, 0.1, 32760, 0.1, 0.9, 0}, 0) != null);
    assertTrue(kernel(square, rotation(10, V, V), 0) != null);
  }
}
