package dev.preaug.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Band split and merge, which every op on a colour image goes through. */
class ImageTest {
  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  @Test
  void bandsAreTheInterleavedSamplesAndMergeInterleavesThemBack() {
    int w = 7;
    int h = 5;
    byte[] px = random(w * h * 3, 1);
    Image img = Image.of(w, h, 3, px);
    GrayImage[] bands = img.bands();
    assertEquals(3, bands.length);
    for (int c = 0; c < 3; c++) {
      assertEquals(w, bands[c].width());
      assertEquals(h, bands[c].height());
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          assertEquals(px[(y * w + x) * 3 + c] & 0xFF, bands[c].array()[y * w + x] & 0xFF,
              "band " + c + " pixel (" + x + ", " + y + ")");
        }
      }
      assertArrayEquals(img.band(c).array(), bands[c].array());
    }
    Image back = Image.merge(bands);
    assertEquals(img, back);
    assertArrayEquals(px, back.array());
  }

  @Test
  void mergeTakesTheBandsInOrder() {
    GrayImage r = GrayImage.of(2, 1, new byte[] {1, 2});
    GrayImage g = GrayImage.of(2, 1, new byte[] {3, 4});
    GrayImage b = GrayImage.of(2, 1, new byte[] {5, 6});
    assertArrayEquals(new byte[] {1, 3, 5, 2, 4, 6}, Image.merge(r, g, b).array());
    assertArrayEquals(new byte[] {5, 3, 1, 6, 4, 2}, Image.merge(b, g, r).array());
  }

  @Test
  void aGrayImageSharesItsArrayWithItsOneBand() {
    byte[] px = random(12, 2);
    Image img = Image.wrap(4, 3, 1, px);
    GrayImage[] bands = img.bands();
    assertEquals(1, bands.length);
    assertSame(px, bands[0].array());
    assertSame(px, Image.merge(bands).array());
  }

  @Test
  void mergeRefusesBandsOfDifferentSizesOrCounts() {
    GrayImage a = GrayImage.black(4, 3);
    GrayImage b = GrayImage.black(3, 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Image.merge(a, b, a));
    assertEquals("bands of 4x3 and 3x4: all bands of an image have one size", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Image.merge(a, a));
    assertEquals("channels 2: an image has 1 (mode L) or 3 (mode RGB) channels", e.getMessage());
  }
}
