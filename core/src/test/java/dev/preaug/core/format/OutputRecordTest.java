package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutputRecordTest {
  private static OutputRecord rec(String ops) {
    byte[] px = new byte[6];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 50);
    }
    return new OutputRecord(77, 12, !ops.isEmpty(), ops, 2, 3, 1, px);
  }

  @Test
  void accessors() {
    OutputRecord r = rec("sharpen");
    assertEquals(77, r.index());
    assertEquals(12, r.label());
    assertTrue(r.augmented());
    assertEquals("sharpen", r.ops());
    assertEquals(2, r.height());
    assertEquals(3, r.width());
    assertEquals(1, r.channels());
    assertArrayEquals(new byte[] {0, 50, 100, (byte) 150, (byte) 200, (byte) 250}, r.pixels());
    assertEquals("OutputRecord[index=77, label=12, ops=sharpen]", r.toString());
  }

  @Test
  void bytesRoundTrip() {
    for (String ops : new String[] {"", "rotate(-7.31)|gaussian_blur(0.84)",
        "\u6f22\u5b57 caf\u00e9 \ud83d\ude00 \u0000 nul", "x".repeat(20_000)}) {
      OutputRecord r = rec(ops);
      OutputRecord back = OutputRecord.fromBytes(r.toBytes());
      assertEquals(r, back);
      assertEquals(ops, back.ops());
      assertEquals(r.hashCode(), back.hashCode());
    }
    OutputRecord big = new OutputRecord(Long.MIN_VALUE, Integer.MIN_VALUE, false, "", 64, 64, 3,
        new byte[64 * 64 * 3]);
    assertEquals(big, OutputRecord.fromBytes(big.toBytes()));
    OutputRecord max = new OutputRecord(-1, -1, true, "a", 65535, 1, 255, new byte[65535 * 255]);
    assertEquals(max, OutputRecord.fromBytes(max.toBytes()));
  }

  @Test
  void bytesAreDeterministic() {
    assertArrayEquals(rec("a|b").toBytes(), rec("a|b").toBytes());
  }

  @Test
  void truncatedBytesFail() {
    byte[] b = rec("ops").toBytes();
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> OutputRecord.fromBytes(Arrays.copyOf(b, b.length - 1))).getMessage()
        .startsWith("record bytes: "));
  }

  @Test
  void equalityLooksAtEveryField() {
    OutputRecord r = rec("op");
    assertEquals(r, rec("op"));
    assertNotEquals(r, rec("oq"));
    assertNotEquals(r, new OutputRecord(78, 12, true, "op", 2, 3, 1, r.pixels().clone()));
    assertNotEquals(r, new OutputRecord(77, 13, true, "op", 2, 3, 1, r.pixels().clone()));
    assertNotEquals(r, new OutputRecord(77, 12, false, "op", 2, 3, 1, r.pixels().clone()));
    assertNotEquals(r, new OutputRecord(77, 12, true, "op", 3, 2, 1, r.pixels().clone()));
    assertNotEquals(r, new OutputRecord(77, 12, true, "op", 1, 3, 2, r.pixels().clone()));
    byte[] px = r.pixels().clone();
    px[5] ^= 1;
    assertNotEquals(r, new OutputRecord(77, 12, true, "op", 2, 3, 1, px));
    assertNotEquals(r, "op");
  }

  @Test
  void constructorChecks() {
    assertEquals("pixels: 5 bytes for 2x3x1", assertThrows(IllegalArgumentException.class,
        () -> new OutputRecord(0, 0, false, "", 2, 3, 1, new byte[5])).getMessage());
    assertEquals("ops", assertThrows(NullPointerException.class,
        () -> new OutputRecord(0, 0, false, null, 1, 1, 1, new byte[1])).getMessage());
    assertEquals("pixels", assertThrows(NullPointerException.class,
        () -> new OutputRecord(0, 0, false, "", 1, 1, 1, null)).getMessage());
  }

  @Test
  void dimensionsTheByteFormatCannotHoldAreRefused() {
    // toBytes stores height and width in 16 bits and channels in 8: a record outside that range
    // would come back with other dimensions (or fail), so it is refused up front.
    assertEquals("dimensions 65536x1x1 outside height, width in [0, 65535] and channels in"
            + " [1, 255]", assertThrows(IllegalArgumentException.class,
        () -> new OutputRecord(0, 0, false, "", 65536, 1, 1, new byte[65536])).getMessage());
    assertEquals("dimensions 1x1x256 outside height, width in [0, 65535] and channels in"
            + " [1, 255]", assertThrows(IllegalArgumentException.class,
        () -> new OutputRecord(0, 0, false, "", 1, 1, 256, new byte[256])).getMessage());
    assertEquals("dimensions -1x-1x1 outside height, width in [0, 65535] and channels in"
            + " [1, 255]", assertThrows(IllegalArgumentException.class,
        () -> new OutputRecord(0, 0, false, "", -1, -1, 1, new byte[1])).getMessage());
    assertEquals("dimensions 2x2x0 outside height, width in [0, 65535] and channels in"
            + " [1, 255]", assertThrows(IllegalArgumentException.class,
        () -> new OutputRecord(0, 0, false, "", 2, 2, 0, new byte[0])).getMessage());
  }

  @Test
  void opsTooLongForTheByteFormat() {
    OutputRecord r = rec("\u6f22".repeat(30_000)); // 90,000 bytes of UTF-8: over 16 bits
    assertEquals("value 90000 does not fit 16 bits",
        assertThrows(IllegalArgumentException.class, r::toBytes).getMessage());
  }
}
