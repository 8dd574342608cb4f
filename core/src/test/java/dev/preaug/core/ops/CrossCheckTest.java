package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.ReferenceOps;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The optimised kernels against {@link ReferenceOps}, a per-pixel port of spec_model.py, on
 * thousands of random images, sizes (mostly 64x64, also tiny, odd and non-square ones) and
 * parameters, in and beyond the seed's ranges. The golden set pins the reference to Pillow; this
 * pins the fast code to the reference wherever the golden set does not reach.
 */
class CrossCheckTest {
  private static final int CASES = 3000;

  private static int[] size(SplittableRandom rnd) {
    switch (rnd.nextInt(6)) {
      case 0: return new int[] {rnd.nextInt(1, 8), rnd.nextInt(1, 8)};
      case 1: return new int[] {rnd.nextInt(1, 100), rnd.nextInt(1, 100)};
      default: return new int[] {64, 64};
    }
  }

  /** Draws an op's parameters, which may depend on the image size. */
  private interface OpMaker {
    Op make(SplittableRandom rnd, int w, int h);
  }

  private static void check(long seed, Function<SplittableRandom, Op> ops,
      BiFunction<int[][], Op, int[][]> reference) {
    check(seed, (rnd, w, h) -> ops.apply(rnd), reference);
  }

  private static void check(long seed, OpMaker ops, BiFunction<int[][], Op, int[][]> reference) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int n = 0; n < CASES; n++) {
      final int i = n;
      int[] wh = size(rnd);
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      Op op = ops.make(rnd, wh[0], wh[1]);
      GrayImage expected = ReferenceOps.image(reference.apply(ReferenceOps.grid(in), op));
      GrayImage actual = op.apply(in);
      String diff = Images.difference(expected, actual);
      assertNull(diff, () -> "case " + seed + "/" + i + ": " + op.spec() + " on " + wh[0] + "x"
          + wh[1] + ": " + diff);
    }
  }

  @Test
  void rotate() {
    check(1, RandomOps::rotate, (g, op) -> ReferenceOps.rotate(g, ((Rotate) op).angle()));
  }

  @Test
  void shear() {
    check(2, RandomOps::shear,
        (g, op) -> ReferenceOps.shear(g, ((Shear) op).xShear(), ((Shear) op).yShear()));
  }

  @Test
  void resizePaste() {
    check(3, RandomOps::resizePaste, (g, op) -> {
      ResizePaste r = (ResizePaste) op;
      return ReferenceOps.resizePaste(g, r.w(), r.h(), r.ox(), r.oy());
    });
  }

  /** The resize alone, to any size, as image-folder inputs use it. */
  @Test
  void resizeAlone() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (int i = 0; i < 1000; i++) {
      int[] wh = size(rnd);
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      int w = rnd.nextInt(1, 130);
      int h = rnd.nextInt(1, 130);
      GrayImage expected = ReferenceOps.image(ReferenceOps.resize(ReferenceOps.grid(in), w, h));
      int n = i;
      Images.assertPixelsEqual(expected, ResizePaste.resize(in, w, h),
          () -> "resize case " + n + " " + wh[0] + "x" + wh[1] + " -> " + w + "x" + h);
    }
    GrayImage same = Images.random(rnd, 30, 20);
    assertSame(same, ResizePaste.resize(same, 30, 20));
  }

  @Test
  void sine() {
    check(4, RandomOps::sine, (g, op) -> ReferenceOps.sine(g, ((Sine) op).factor()));
  }

  @Test
  void gaussianBlur() {
    check(5, RandomOps::blur,
        (g, op) -> ReferenceOps.gaussianBlur(g, ((GaussianBlur) op).radius()));
  }

  @Test
  void sharpenAgainstPillowsFloatArithmetic() {
    check(6, rnd -> Sharpen.INSTANCE, (g, op) -> ReferenceOps.sharpen(g));
  }

  @Test
  void smoothAgainstPillowsFloatArithmetic() {
    check(7, rnd -> Smooth.INSTANCE, (g, op) -> ReferenceOps.smooth(g));
  }

  /**
   * Images wide or tall enough that the fixed-point engine's corner check fails, so Pillow's
   * double-precision fallback runs; and one where the fixed-point row interval is long.
   */
  @Test
  void affineEnginesOnHugeImages() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int[] wh : new int[][] {{40000, 2}, {3, 33000}, {70000, 1}, {20000, 3}}) {
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      for (Op op : new Op[] {new Rotate(0.5), new Rotate(90), new Shear(0.3, -0.1),
          new Shear(0, 1e-6), new Rotate(1e-13)}) {
        int[][] g = ReferenceOps.grid(in);
        int[][] expected = op instanceof Rotate
            ? ReferenceOps.rotate(g, ((Rotate) op).angle())
            : ReferenceOps.shear(g, ((Shear) op).xShear(), ((Shear) op).yShear());
        String diff = Images.difference(ReferenceOps.image(expected), op.apply(in));
        assertNull(diff, () -> op.spec() + " on " + wh[0] + "x" + wh[1] + ": " + diff);
      }
    }
  }

  /**
   * The affine engines directly, with arbitrary matrices: steps from tiny to hundreds of pixels,
   * origins far outside the image, exact zeros. This exercises the in-bounds span solver of the
   * fixed-point engine far beyond rotations and shears.
   */
  @Test
  void arbitraryAffineMatrices() {
    SplittableRandom rnd = new SplittableRandom(10);
    for (int i = 0; i < CASES; i++) {
      int[] wh = size(rnd);
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      double[] a = new double[6];
      for (int k = 0; k < 6; k++) {
        double scale = k == 2 || k == 5 ? 2000 : Math.pow(10, rnd.nextInt(-6, 3));
        a[k] = rnd.nextInt(8) == 0 ? 0.0 : rnd.nextDouble(-scale, scale);
      }
      GrayImage expected = ReferenceOps.image(ReferenceOps.affine(ReferenceOps.grid(in), a));
      GrayImage actual = AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
      int n = i;
      String diff = Images.difference(expected, actual);
      assertNull(diff, () -> "matrix case " + n + " " + java.util.Arrays.toString(a) + " on "
          + wh[0] + "x" + wh[1] + ": " + diff);
    }
  }

  /** Large blur radii (R >= 1, windows longer than the image) against the plain window sums. */
  @Test
  void gaussianBlurLargeRadii() {
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < 300; i++) {
      int[] wh = size(rnd);
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      GaussianBlur op = new GaussianBlur(rnd.nextDouble(1.4, 80));
      GrayImage expected =
          ReferenceOps.image(ReferenceOps.gaussianBlur(ReferenceOps.grid(in), op.radius()));
      String diff = Images.difference(expected, op.apply(in));
      assertNull(diff, () -> op.spec() + " on " + wh[0] + "x" + wh[1] + ": " + diff);
    }
  }
}
