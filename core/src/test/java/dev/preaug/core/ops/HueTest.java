package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HueTest {
  /**
   * Hue's shortcut for {@code x % 1.0} over every argument the RGB to HSV formula can produce:
   * all 2^24 colours, computed as {@link Hue} does (floats, then the double division).
   */
  @Test
  void unitFractionIsTheFloatingRemainderForEveryColour() {
    long checked = 0;
    for (int r = 0; r < 256; r++) {
      for (int g = 0; g < 256; g++) {
        for (int b = 0; b < 256; b++) {
          int max = Math.max(r, Math.max(g, b));
          int min = Math.min(r, Math.min(g, b));
          if (min == max) {
            continue;
          }
          float cr = max - min;
          float rc = (max - r) / cr;
          float gc = (max - g) / cr;
          float bc = (max - b) / cr;
          float hf = r == max ? bc - gc : g == max ? (float) (2.0 + rc - bc)
              : (float) (4.0 + gc - rc);
          double x = hf / 6.0 + 1.0;
          if (Double.doubleToRawLongBits(x % 1.0)
              != Double.doubleToRawLongBits(Hue.unitFraction(x))) {
            assertEquals(x % 1.0, Hue.unitFraction(x), "rgb " + r + "," + g + "," + b);
          }
          checked++;
        }
      }
    }
    assertEquals((1L << 24) - 256, checked);
  }
}
