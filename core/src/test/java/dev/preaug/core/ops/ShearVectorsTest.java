package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.ReferenceOps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector shear ({@link ShearVectors}) against the fixed-point engine's per-pixel loop and the
 * literal per-pixel reference, byte for byte: row lengths around one and two vectors (where the
 * overlapping last vector starts), shears inside and far outside the seed's +-0.2, translations
 * that move rows and columns partly or wholly off the image, and non-zero fill.
 */
class ShearVectorsTest {
  private static final double[] UNIT = {1.0, 1.0 + 0x1p-18, 1.0 - 0x1p-18};

  private static void check(GrayImage in, double[] a, int fill, String what) {
    GrayImage plain = AffineNearest.transform(in, a, fill, false);
    GrayImage vector = AffineNearest.transform(in, a, fill, true);
    String where = what + " " + java.util.Arrays.toString(a) + " fill " + fill + " on "
        + in.width() + "x" + in.height();
    assertArrayEquals(plain.array(), vector.array(), where);
    if (fill == 0) {
      GrayImage literal = ReferenceOps.image(ReferenceOps.affine(ReferenceOps.grid(in), a));
      assertArrayEquals(literal.array(), vector.array(), where + " (literal loop)");
    }
  }

  @Test
  void vectorsEqualThePlainLoopOnEveryRowLengthAroundTheVector() {
    SplittableRandom rnd = new SplittableRandom(31);
    int v = SimdShapes.BYTES.length();
    for (int w = 1; w <= 2 * v + 6; w++) {
      for (int h : new int[] {1, 2, 7, 64}) {
        for (byte[] px : Images.extremes(rnd, w * h)) {
          GrayImage in = GrayImage.wrap(w, h, px);
          for (int i = 0; i < 12; i++) {
            double span = i < 8 ? 0.2 : 3.0;
            double[] a = {UNIT[i % 3], rnd.nextDouble(-span, span),
                i % 4 == 0 ? 0.0 : rnd.nextDouble(-w, w), rnd.nextDouble(-span, span),
                UNIT[(i / 3) % 3], i % 4 == 1 ? 0.0 : rnd.nextDouble(-h, h)};
            check(in, a, i % 5 == 0 ? 77 : 0, "case " + i);
          }
        }
      }
    }
  }

  /** The seed's shear, {@code (1, x, 0, y, 1, 0)} with x and y in +-0.2, on 64x64. */
  @Test
  void theSeedsShearsTakeTheVectorKernelAndMatch() {
    SplittableRandom rnd = new SplittableRandom(32);
    int w = 64;
    for (int i = 0; i < 2000; i++) {
      GrayImage in = Images.random(rnd, w, w);
      double x = rnd.nextDouble(-0.2, 0.2);
      double y = rnd.nextDouble(-0.2, 0.2);
      double[] a = {1, x, 0, y, 1, 0};
      check(in, a, 0, "seed shear");
      int fx1 = AffineNearest.fix(x);
      int fy0 = AffineNearest.fix(y);
      int originX = AffineNearest.fix(0 + 0.5 + x * 0.5);
      int originY = AffineNearest.fix(0 + y * 0.5 + 0.5);
      if (SimdShapes.BYTES.length() <= w) {
        assertTrue(ShearVectors.sample(in.array(), w, w, new byte[w * w], 0, originX, fx1,
            originY, fy0), "the kernel declined " + java.util.Arrays.toString(a));
      }
    }
  }

  @Test
  void declinesNarrowRowsSteepShearsAndWrappingCoordinates() {
    int v = SimdShapes.BYTES.length();
    byte[] px = new byte[(v - 1) * 4];
    assertFalse(ShearVectors.sample(px, v - 1, 4, new byte[px.length], 0, 0, 0, 0, 0));
    byte[] wide = new byte[v * 4];
    // A new input row every column: more runs than half the row.
    byte[] square = new byte[v * v];
    assertFalse(ShearVectors.sample(square, v, v, new byte[square.length], 0, 0, 0, 0, 1 << 16));
    // The same slope on a short image: offsets beyond its height all read fill, one run.
    assertTrue(ShearVectors.sample(wide, v, 4, new byte[wide.length], 0, 0, 0, 0, 1 << 16));
    // Row 3's column shift, 3 * 2^30, wraps around.
    assertFalse(ShearVectors.sample(wide, v, 4, new byte[wide.length], 0, 0, 1 << 30, 0, 0));
    assertTrue(ShearVectors.sample(wide, v, 4, new byte[wide.length], 0, 0, 0, 0, 1 << 12));
  }
}
