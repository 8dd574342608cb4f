package dev.preaug.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector float16 -> uint8 conversion against the table loop, which the seed-exactness tests
 * pin to numpy: every bit pattern, runs of every length around the vector width, and the first
 * bad value's index wherever it falls.
 */
class Float16VectorsTest {
  private static byte[] halves(int[] bits) {
    byte[] b = new byte[2 * bits.length];
    for (int i = 0; i < bits.length; i++) {
      b[2 * i] = (byte) bits[i];
      b[2 * i + 1] = (byte) (bits[i] >>> 8);
    }
    return b;
  }

  @Test
  void everyBitPatternInRangeConvertsAsTheTableDoes() {
    int[] bits = new int[0x3C01 + 1];
    for (int b = 0; b <= 0x3C00; b++) {
      bits[b] = b;
    }
    bits[0x3C01] = 0x8000; // -0 sends its run to the table loop, which gives 0
    byte[] src = halves(bits);
    byte[] table = new byte[bits.length];
    byte[] vectors = new byte[bits.length];
    assertEquals(-1, Float16.toUint8(src, 0, table, 0, bits.length, false));
    assertEquals(-1, Float16.toUint8(src, 0, vectors, 0, bits.length, true));
    assertArrayEquals(table, vectors);
  }

  @Test
  void everyOutOfRangePatternIsReportedAtItsIndex() {
    int lead = 37; // in-range values before the bad one, so it lands mid-run
    for (int b = 0x3C01; b <= 0xFFFF; b += 7) {
      if (b == 0x8000) {
        continue;
      }
      int[] bits = new int[lead + 1 + 40];
      for (int i = 0; i < bits.length; i++) {
        bits[i] = i == lead ? b : 0x3800;
      }
      byte[] src = halves(bits);
      assertEquals(lead, Float16.toUint8(src, 0, new byte[bits.length], 0, bits.length, true),
          "bits 0x" + Integer.toHexString(b));
    }
  }

  @Test
  void runsOfEveryLengthAndOffsetMatchTheTable() {
    SplittableRandom rnd = new SplittableRandom(16);
    for (int n = 0; n <= 70; n++) {
      for (int badAt : new int[] {-1, 0, n / 2, n - 1}) {
        int[] bits = new int[n + 3];
        for (int i = 0; i < bits.length; i++) {
          bits[i] = rnd.nextInt(0x3C01);
        }
        if (badAt >= 0 && n > 0) {
          bits[3 + badAt] = 0x3C01 + rnd.nextInt(0x1000);
        }
        byte[] src = halves(bits);
        byte[] table = new byte[n + 5];
        byte[] vectors = new byte[n + 5];
        int t = Float16.toUint8(src, 6, table, 2, n, false);
        int v = Float16.toUint8(src, 6, vectors, 2, n, true);
        assertEquals(t, v, "first bad index, n=" + n);
        if (t < 0) {
          assertArrayEquals(table, vectors, "n=" + n);
        }
      }
    }
  }
}
