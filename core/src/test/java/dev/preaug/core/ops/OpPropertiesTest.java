package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Images;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpPropertiesTest {
  private static final GrayImage GLYPH = Golden.image("in/glyph_strokes_b_soft.npy");

  private static List<Op> everyKind(SplittableRandom rnd) {
    return List.of(RandomOps.rotate(rnd), new Rotate(90), new Rotate(180), new Rotate(-90),
        RandomOps.shear(rnd), RandomOps.resizePaste(rnd, 64, 64), RandomOps.sine(rnd),
        RandomOps.blur(rnd), new GaussianBlur(3.7), new Sharpen(), new Smooth(),
        OpChain.IDENTITY, new OpChain(List.of(RandomOps.rotate(rnd), new Smooth())));
  }

  @Test
  void identityParametersGiveAnEqualNewImage() {
    GrayImage noise = Images.random(new SplittableRandom(1), 64, 64);
    for (Op op : List.of(new Rotate(0), new Rotate(360), new Rotate(-360), new Rotate(-0.0),
        new Rotate(720), new Shear(0, 0), new Shear(-0.0, 0.0), new ResizePaste(64, 64, 0, 0),
        new Sine(0), new GaussianBlur(0), OpChain.IDENTITY, new Rotate(1e-14),
        new Rotate(-1e-20))) {
      for (GrayImage in : List.of(GLYPH, noise)) {
        GrayImage out = op.apply(in);
        assertEquals(in, out, op.spec());
        assertNotSame(in, out, op.spec() + " must return a new image");
        assertNotSame(in.array(), out.array(), op.spec() + " must not share pixels");
      }
    }
  }

  @Test
  void inputIsNeverModified() {
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < 200; i++) {
      int w = i % 3 == 0 ? 64 : rnd.nextInt(1, 40);
      int h = i % 3 == 0 ? 64 : rnd.nextInt(1, 40);
      GrayImage in = Images.random(rnd, w, h);
      byte[] before = in.toArray();
      for (Op op : everyKind(rnd)) {
        op.apply(in);
        assertArrayEquals(before, in.array(), op.spec() + " modified its input");
      }
    }
  }

  @Test
  void deterministic() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      GrayImage in = Images.random(rnd, 64, 64);
      for (Op op : everyKind(rnd)) {
        assertEquals(op.apply(in), op.apply(in), op.spec());
        assertEquals(op.apply(in), OpSpecs.parse(op.spec()).apply(in), op.spec());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1,1", "1,5", "5,1", "2,2", "3,2", "2,3", "3,3", "17,40", "40,17", "63,64",
      "128,127", "200,7"})
  void anySizeKeepsItsSize(int w, int h) {
    SplittableRandom rnd = new SplittableRandom(w * 1000L + h);
    GrayImage in = Images.random(rnd, w, h);
    List<Op> ops = new ArrayList<>(everyKind(rnd));
    ops.add(new ResizePaste(1, 1, 0, 0));
    ops.add(new ResizePaste(3 * w + 1, 2 * h + 5, -w, -1));
    ops.add(new ResizePaste(w, h, w, h)); // pasted entirely off the canvas
    ops.add(new ResizePaste(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 0));
    ops.add(new Sine(1e300));
    ops.add(new GaussianBlur(1e6));
    ops.add(new Rotate(1e300));
    ops.add(new Shear(1e300, -1e300));
    for (Op op : ops) {
      GrayImage out = op.apply(in);
      assertEquals(w, out.width(), op.spec());
      assertEquals(h, out.height(), op.spec());
    }
  }

  @Test
  void filtersLeaveTinyImagesAndBordersAlone() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int[] wh : new int[][] {{1, 1}, {2, 9}, {9, 2}, {2, 2}}) {
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      assertEquals(in, new Sharpen().apply(in));
      assertEquals(in, new Smooth().apply(in));
    }
    GrayImage in = Images.random(new SplittableRandom(5), 30, 20);
    for (Op op : List.of(new Sharpen(), new Smooth())) {
      GrayImage out = op.apply(in);
      for (int x = 0; x < 30; x++) {
        assertEquals(in.get(x, 0), out.get(x, 0));
        assertEquals(in.get(x, 19), out.get(x, 19));
      }
      for (int y = 0; y < 20; y++) {
        assertEquals(in.get(0, y), out.get(0, y));
        assertEquals(in.get(29, y), out.get(29, y));
      }
    }
  }

  /**
   * The transpose fast paths are what Pillow runs for quarter turns; the affine engine must agree
   * on the geometry: a quarter turn plus a hair (which rounds to the same matrix entries as the
   * exact quarter, so it takes the affine path) picks the same pixels, and four quarter turns
   * are the identity.
   */
  @Test
  void quarterTurnsAgreeWithTheAffineEngine() {
    SplittableRandom rnd = new SplittableRandom(6);
    for (int i = 0; i < 50; i++) {
      int n = i == 0 ? 64 : rnd.nextInt(1, 70);
      GrayImage in = Images.random(rnd, n, n);
      for (double q : new double[] {90, 180, 270}) {
        GrayImage fast = new Rotate(q).apply(in);
        GrayImage affine = new Rotate(q + 1e-12).apply(in);
        assertNull(Images.difference(fast, affine), q + " on " + n + "x" + n);
      }
      GrayImage four = in;
      for (int k = 0; k < 4; k++) {
        four = new Rotate(90).apply(four);
      }
      assertEquals(in, four);
      assertEquals(new Rotate(180).apply(in), new Rotate(90).apply(new Rotate(90).apply(in)));
      assertEquals(in, new Rotate(270).apply(new Rotate(90).apply(in)));
    }
  }

  @Test
  void positiveAnglesTurnCounterClockwise() {
    // A single bright pixel right of the centre moves to above the centre for +90 degrees.
    byte[] p = new byte[64 * 64];
    p[32 * 64 + 50] = (byte) 255;
    GrayImage in = GrayImage.of(64, 64, p);
    GrayImage out = new Rotate(90).apply(in);
    assertEquals(255, out.get(32, 64 - 1 - 50));
    GrayImage almost = new Rotate(89.9999).apply(in);
    assertEquals(255, almost.get(32, 64 - 1 - 50));
  }

  @Test
  void nonSquareQuarterTurnsUseTheAffineEngine() {
    GrayImage in = Images.random(new SplittableRandom(7), 40, 17);
    GrayImage out = new Rotate(90).apply(in);
    assertEquals(40, out.width());
    assertNotEquals(in, out);
  }

  @Test
  void anglesCongruentUnderPythonsModAreTheSameOp() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int i = 0; i < 2000; i++) {
      double a = RandomOps.angle(rnd);
      double b = a + 360.0 * (rnd.nextInt(5) - 2);
      if (Rotate.pythonMod360(a) == Rotate.pythonMod360(b)) {
        assertEquals(new Rotate(a).apply(GLYPH), new Rotate(b).apply(GLYPH), a + " vs " + b);
      }
    }
    assertEquals(345.0, Rotate.pythonMod360(-15.0));
    assertEquals(0.0, Rotate.pythonMod360(-360.0));
    assertEquals(Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits(Rotate.pythonMod360(-720.0)));
    assertEquals(360.0, Rotate.pythonMod360(-1e-20)); // as Python: (-1e-20) % 360.0 == 360.0
  }

  @Test
  void resizePasteWithTheInputSizeIsATranslation() {
    GrayImage in = Images.random(new SplittableRandom(9), 20, 10);
    GrayImage out = new ResizePaste(20, 10, 3, -2).apply(in);
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 20; x++) {
        int sx = x - 3;
        int sy = y + 2;
        int expected = sx >= 0 && sx < 20 && sy < 10 ? in.get(sx, sy) : 0;
        assertEquals(expected, out.get(x, y), x + "," + y);
      }
    }
  }

  @Test
  void sineShiftsAreTruncatedAndWrap() {
    assertArrayEquals(new int[] {0, 0, 63, 63, 62, 62, 62, 61, 61, 61, 62, 62, 62, 63, 63, 0},
        java.util.Arrays.copyOf(new Sine(0.15).shifts(64, 64), 16));
    int[] wide = new Sine(0.2).shifts(100, 10);
    assertEquals(100, wide.length);
    for (int s : wide) {
      assertEquals(true, s >= 0 && s < 10);
    }
  }

  @Test
  void blurKeepsFlatImagesFlat() {
    // Edges repeat and the weights sum to 2^24 within rounding, so a constant stays constant.
    byte[] p = new byte[17 * 9];
    java.util.Arrays.fill(p, (byte) 200);
    GrayImage flat = GrayImage.of(17, 9, p);
    for (double r : new double[] {0.5, 0.9, 1.2, 2.5, 10}) {
      assertEquals(flat, new GaussianBlur(r).apply(flat), "radius " + r);
    }
  }
}
