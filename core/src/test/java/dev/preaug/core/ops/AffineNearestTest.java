package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.ReferenceOps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fixed-point engine's row spans and its shear path (a0 whose 16.16 step is exactly one)
 * against the literal per-pixel loop, on sizes from 1x1 up and in colour.
 */
class AffineNearestTest {
  private static final int[][] SIZES = {{1, 1}, {2, 2}, {3, 3}, {1, 5}, {5, 1}, {7, 4}, {4, 9},
      {64, 64}, {63, 65}, {32, 32}, {100, 7}};

  private static void check(GrayImage in, double[] a, String what) {
    GrayImage expected = ReferenceOps.image(ReferenceOps.affine(ReferenceOps.grid(in), a));
    GrayImage actual = AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
    String diff = Images.difference(expected, actual);
    assertNull(diff, () -> what + " " + java.util.Arrays.toString(a) + " on " + in.width() + "x"
        + in.height() + ": " + diff);
  }

  @Test
  void shearStepsAndRandomMatricesMatchTheLiteralLoop() {
    SplittableRandom rnd = new SplittableRandom(21);
    // fix() rounds these to a step of exactly 65536.
    double[] unitSteps = {1.0, 1.0 + 0x1p-18, 1.0 - 0x1p-18};
    for (int[] wh : SIZES) {
      for (int i = 0; i < 300; i++) {
        GrayImage in = Images.random(rnd, wh[0], wh[1]);
        double[] a = new double[6];
        for (int k = 0; k < 6; k++) {
          double scale = k == 2 || k == 5 ? 3 * Math.max(wh[0], wh[1]) : 1.5;
          a[k] = rnd.nextInt(10) == 0 ? 0.0 : rnd.nextDouble(-scale, scale);
        }
        if (i % 2 == 0) {
          a[0] = unitSteps[rnd.nextInt(unitSteps.length)];
          a[4] = rnd.nextBoolean() ? 1.0 : a[4];
        }
        if (a[1] == 0 && a[3] == 0) {
          a[1] = 1e-3; // keep to the fixed-point engine
        }
        check(in, a, "case " + i);
      }
    }
  }

  /** Sides over 32767 in fixed point, whose 16.16 limits do not fit an int. */
  @Test
  void wideImagesInFixedPoint() {
    SplittableRandom rnd = new SplittableRandom(22);
    GrayImage in = Images.random(rnd, 40000, 2);
    check(in, new double[] {0.5, 1e-3, 3.0, 1e-4, 1.0, 0.0}, "wide");
    check(in, new double[] {0.25, -0.5, 100.0, 1e-5, 0.5, 0.25}, "wide");
  }

  /** Colour moves every band as the gray engine moves a band alone. */
  @Test
  void colourMatchesBandByBand() {
    SplittableRandom rnd = new SplittableRandom(23);
    for (int[] wh : SIZES) {
      for (int i = 0; i < 100; i++) {
        byte[] px = new byte[wh[0] * wh[1] * 3];
        for (int k = 0; k < px.length; k++) {
          px[k] = (byte) rnd.nextInt(256);
        }
        Image in = Image.wrap(wh[0], wh[1], 3, px);
        double[] a = {i % 2 == 0 ? 1.0 : rnd.nextDouble(-1.5, 1.5), rnd.nextDouble(-1, 1),
            rnd.nextDouble(-5, 5), rnd.nextDouble(-1, 1), rnd.nextDouble(-1.5, 1.5),
            rnd.nextDouble(-5, 5)};
        Image actual = AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
        GrayImage[] bands = in.bands();
        for (int b = 0; b < 3; b++) {
          assertArrayEquals(
              AffineNearest.transform(bands[b], a[0], a[1], a[2], a[3], a[4], a[5]).array(),
              actual.bands()[b].array(), "band " + b + " case " + i);
        }
      }
    }
  }
}
