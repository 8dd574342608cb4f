package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The row-by-row sine roll against the column-by-column roll the spec describes. */
class SineKernelTest {

  /** np.roll of every column i by the spec's shift, one column at a time, in doubles. */
  private static byte[] reference(byte[] src, int w, int h, int c, double factor) {
    byte[] out = new byte[src.length];
    double amplitude = factor * (h / 3.0);
    for (int i = 0; i < w; i++) {
      double v = amplitude * Trig.sinSeries(-2 * Math.PI * i * (2.0 / w));
      double truncated = v < 0 ? Math.ceil(v) : Math.floor(v);
      int s = (int) (truncated % h);
      s = s < 0 ? s + h : s;
      for (int j = 0; j < h; j++) {
        int to = ((j + s) % h) * w + i;
        System.arraycopy(src, (j * w + i) * c, out, to * c, c);
      }
    }
    return out;
  }

  @Test
  void grayAndColourMatchTheColumnRollOnRandomImages() {
    SplittableRandom rnd = new SplittableRandom(5);
    int[][] sizes = {{1, 1}, {2, 2}, {3, 3}, {1, 7}, {7, 1}, {5, 9}, {9, 5}, {64, 64}, {63, 65},
        {32, 32}, {100, 10}};
    double[] factors = {0.15, -0.15, 0.2, -0.2, 1, -3.5, 37, -100, 100, 1e9, -1e12, 0, -0.0};
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      for (int k = 0; k < factors.length + 20; k++) {
        double f = k < factors.length ? factors[k] : rnd.nextDouble(-100, 100);
        byte[] gray = new byte[w * h];
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < gray.length; i++) {
          gray[i] = (byte) rnd.nextInt(256);
        }
        for (int i = 0; i < rgb.length; i++) {
          rgb[i] = (byte) rnd.nextInt(256);
        }
        Sine op = new Sine(f);
        String what = op.spec() + " on " + w + "x" + h;
        assertArrayEquals(reference(gray, w, h, 1, f),
            op.apply(GrayImage.wrap(w, h, gray)).array(), what);
        assertArrayEquals(reference(rgb, w, h, 3, f),
            op.apply(Image.wrap(w, h, 3, rgb)).array(), what + " RGB");
      }
    }
  }
}
