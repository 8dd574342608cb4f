package dev.preaug.bench;

import dev.preaug.core.image.GrayImage;
import java.util.SplittableRandom;

/**
 * Synthetic 64x64 kanji-like inputs: a few thick strokes of bright grey on black, softened once,
 * which is what the ETL glyphs look like to the kernels (mostly black, some mid-grey edges).
 */
final class Glyphs {
  static final int SIZE = 64;

  private Glyphs() {}

  static GrayImage[] make(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    GrayImage[] out = new GrayImage[count];
    for (int i = 0; i < count; i++) {
      out[i] = glyph(rnd);
    }
    return out;
  }

  private static GrayImage glyph(SplittableRandom rnd) {
    int[] p = new int[SIZE * SIZE];
    int strokes = 4 + rnd.nextInt(8);
    for (int s = 0; s < strokes; s++) {
      // Mostly horizontal and vertical strokes inside a margin, like brush strokes of a kanji.
      boolean horizontal = rnd.nextBoolean();
      int a = 8 + rnd.nextInt(48);
      int from = 8 + rnd.nextInt(30);
      int to = from + 8 + rnd.nextInt(26);
      int thickness = 2 + rnd.nextInt(3);
      int level = 170 + rnd.nextInt(86);
      for (int t = from; t < Math.min(to, 58); t++) {
        for (int k = 0; k < thickness; k++) {
          int x = horizontal ? t : a + k;
          int y = horizontal ? a + k : t;
          if (x < SIZE && y < SIZE) {
            p[y * SIZE + x] = level;
          }
        }
      }
    }
    byte[] soft = new byte[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx >= 0 && xx < SIZE && yy >= 0 && yy < SIZE) {
              sum += p[yy * SIZE + xx] * (dx == 0 && dy == 0 ? 4 : 1);
              n += dx == 0 && dy == 0 ? 4 : 1;
            }
          }
        }
        soft[y * SIZE + x] = (byte) (sum / n);
      }
    }
    return GrayImage.wrap(SIZE, SIZE, soft);
  }
}
