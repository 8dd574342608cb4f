package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ResampleVectors} against {@link ResizePaste}'s plain loops, byte for byte: every scale
 * the seed draws on 64x64 and 32x32 canvases, widths and heights around one and two vector runs,
 * offsets that clip the resized image on each side, sizes where one pass is skipped, enlargements,
 * gray and interleaved colour, BICUBIC and BILINEAR, random pixels and the extremes (all 0, all
 * 255, a 0/255 checkerboard, which drives the bicubic sums past both clamps). The plain loops are
 * checked against Pillow by the golden cases, so equality here carries that over.
 */
class ResizeVectorsTest {
  private static List<byte[]> images(SplittableRandom rnd, int n) {
    return dev.preaug.core.testing.Images.extremes(rnd, n);
  }

  private static void same(ResizePaste op, byte[] src, int inW, int inH, int c, int cw, int ch,
      String what) {
    assertArrayEquals(op.render(src, inW, inH, c, cw, ch, false),
        op.render(src, inW, inH, c, cw, ch, true), what + " " + op + " on " + inW + "x" + inH
            + "x" + c + " into " + cw + "x" + ch);
  }

  @Test
  void everySeedScaleOnTheCanvas() {
    SplittableRandom rnd = new SplittableRandom(2525);
    for (int side : new int[] {64, 32}) {
      for (int c : new int[] {1, 3}) {
        List<byte[]> images = images(rnd, side * side * c);
        for (int w = 1; w <= side + 2; w++) {
          for (int h = 1; h <= side + 2; h++) {
            int ox = w < side ? rnd.nextInt(0, side - w + 1) : 0;
            int oy = h < side ? rnd.nextInt(0, side - h + 1) : 0;
            ResizePaste op = new ResizePaste(w, h, ox, oy);
            for (byte[] src : images) {
              same(op, src, side, side, c, side, side, "fit");
            }
          }
        }
      }
    }
  }

  @Test
  void clippedWindowsAndSkippedPasses() {
    SplittableRandom rnd = new SplittableRandom(77);
    int[][] sizes = {{64, 64}, {40, 17}, {17, 40}, {16, 16}, {15, 33}, {100, 3}};
    for (int[] s : sizes) {
      for (int c : new int[] {1, 3, 4}) {
        List<byte[]> images = images(rnd, s[0] * s[1] * c);
        for (int k = 0; k < 120; k++) {
          int w = k % 3 == 0 ? s[0] : rnd.nextInt(1, 3 * s[0]);
          int h = k % 5 == 0 ? s[1] : rnd.nextInt(1, 3 * s[1]);
          int ox = rnd.nextInt(-w, s[0] + 1);
          int oy = rnd.nextInt(-h, s[1] + 1);
          Resample filter = k % 4 == 3 ? Resample.BILINEAR : Resample.BICUBIC;
          ResizePaste op = new ResizePaste(w, h, ox, oy, filter);
          for (byte[] src : images) {
            same(op, src, s[0], s[1], c, s[0], s[1], filter.toString());
          }
        }
      }
    }
  }

  @Test
  void plainResizesOfEveryShape() {
    SplittableRandom rnd = new SplittableRandom(31);
    int[][] sizes = {{64, 64}, {224, 160}, {33, 250}, {300, 20}};
    for (int[] s : sizes) {
      for (int c : new int[] {1, 3}) {
        List<byte[]> images = images(rnd, s[0] * s[1] * c);
        for (int k = 0; k < 12; k++) {
          int w = rnd.nextInt(1, 2 * s[0]);
          int h = rnd.nextInt(1, 2 * s[1]);
          for (Resample filter : new Resample[] {Resample.BICUBIC, Resample.BILINEAR}) {
            ResizePaste op = new ResizePaste(w, h, 0, 0, filter);
            for (byte[] src : images) {
              same(op, src, s[0], s[1], c, w, h, "resize " + filter);
            }
          }
        }
      }
    }
  }

  /**
   * Both horizontal paths are exercised above: the seed's scales on a gray 64x64 canvas read rows
   * through a shuffle plan, strong shrinking goes through the transposed columns. (With 512-bit
   * vectors; narrower ones hold fewer inputs per block.)
   */
  @Test
  void theSeedScalesGetARowPlan() {
    assumeTrue(SimdShapes.INTS.vectorBitSize() == 512, "not a 512-bit vector machine");
    for (int w = 25; w < 63; w++) {
      assertNotNull(ResampleVectors.RowPlan.of(Resample.BICUBIC, 64, w, 1), "64 -> " + w);
      assertNotNull(ResampleVectors.RowPlan.of(Resample.BILINEAR, 64, w, 1), "64 -> " + w);
    }
    assertNull(ResampleVectors.RowPlan.of(Resample.BICUBIC, 64, 16, 1));
    assertNotNull(ResampleVectors.RowPlan.of(Resample.BICUBIC, 32, 24, 3));
    assertNull(ResampleVectors.RowPlan.of(Resample.BICUBIC, 224, 56, 3));
  }
}
