package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.ReferenceOps;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The strip-wise 3x3 filters and radius-0 blur against {@link ReferenceOps} (whole-image, per
 * pixel) on the shapes where strips could go wrong: rows longer than a strip (one row per
 * strip), heights that leave a short last strip or a strip of one row, images of one strip,
 * every tiny size, and interleaved RGB, whose rows are three times longer than its width.
 */
class FilterStripsTest {
  private static final int STRIP = Filter3x3.STRIP;

  private static List<int[]> sizes() {
    List<int[]> sizes = new ArrayList<>();
    for (int w = 1; w <= 5; w++) {
      for (int h = 1; h <= 5; h++) {
        sizes.add(new int[] {w, h});
      }
    }
    int[][] more = {{STRIP + 1, 4}, {STRIP, 5}, {STRIP - 1, 3}, {2 * STRIP + 3, 2}, {3, 3 * STRIP},
        {1, STRIP + 7}, {STRIP / 2 + 1, 7}, {64, 63}, {64, 65}, {64, 17}, {64, 18}, {100, 33},
        {33, 100}, {341, 9}, {342, 4}, {7, 400}};
    for (int[] s : more) {
      sizes.add(s);
    }
    return sizes;
  }

  private static List<Double> radii(SplittableRandom rnd) {
    List<Double> radii = new ArrayList<>(List.of(0.5, 0.73, 1.0, 1.2, 0.01, 1.41));
    for (int k = 0; k < 4; k++) {
      radii.add(rnd.nextDouble(0.01, 1.41)); // box radius 0: the strip path
    }
    return radii;
  }

  @Test
  void grayFiltersEqualTheReferenceOnStripEdgeShapes() {
    SplittableRandom rnd = new SplittableRandom(15);
    for (int[] wh : sizes()) {
      GrayImage in = Images.random(rnd, wh[0], wh[1]);
      int[][] g = ReferenceOps.grid(in);
      String where = " on " + wh[0] + "x" + wh[1];
      assertNull(Images.difference(ReferenceOps.image(ReferenceOps.sharpen(g)),
          Sharpen.INSTANCE.apply(in)), "sharpen" + where);
      assertNull(Images.difference(ReferenceOps.image(ReferenceOps.smooth(g)),
          Smooth.INSTANCE.apply(in)), "smooth" + where);
      for (double r : radii(rnd)) {
        GaussianBlur blur = new GaussianBlur(r);
        assertNull(Images.difference(ReferenceOps.image(ReferenceOps.gaussianBlur(g, r)),
            blur.apply(in)), blur.spec() + where);
      }
    }
  }

  @Test
  void rgbFiltersEqualEachBandsGrayFilterOnStripEdgeShapes() {
    SplittableRandom rnd = new SplittableRandom(16);
    for (int[] wh : sizes()) {
      byte[] px = new byte[wh[0] * wh[1] * 3];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) rnd.nextInt(256);
      }
      Image in = Image.wrap(wh[0], wh[1], 3, px);
      List<Op> ops = new ArrayList<>(List.of(Sharpen.INSTANCE, Smooth.INSTANCE));
      for (double r : radii(rnd)) {
        ops.add(new GaussianBlur(r));
      }
      for (Op op : ops) {
        GrayImage[] bands = in.bands();
        for (int c = 0; c < bands.length; c++) {
          bands[c] = op.apply(bands[c]);
        }
        assertArrayEquals(Image.merge(bands).array(), op.apply(in).array(),
            op.spec() + " on RGB " + wh[0] + "x" + wh[1]);
      }
    }
  }
}
