package dev.preaug.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LittleEndianTest {

  @Test
  void spelledOut() {
    byte[] b = new byte[8];
    LittleEndian.putLong(b, 0, 0x0102030405060708L);
    assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, b);
    assertEquals(0x0102030405060708L, LittleEndian.getLong(b, 0));
    LittleEndian.putInt(b, 2, 0xCAFEBABE);
    assertArrayEquals(new byte[] {8, 7, (byte) 0xBE, (byte) 0xBA, (byte) 0xFE, (byte) 0xCA, 2, 1},
        b);
    assertEquals(0xCAFEBABE, LittleEndian.getInt(b, 2));
    assertEquals(0xCAFEBABEL, LittleEndian.getUnsignedInt(b, 2));
    LittleEndian.putShort(b, 6, 0xFFEE);
    assertEquals(0xFFEE, LittleEndian.getUnsignedShort(b, 6));
    LittleEndian.putLong(b, 0, -1L);
    assertEquals(-1L, LittleEndian.getLong(b, 0));
  }

  /** Agrees with java.nio's little-endian buffers on random values and offsets. */
  @Test
  void agreesWithByteBuffer() {
    SplittableRandom r = new SplittableRandom(5);
    byte[] b = new byte[24];
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < 10_000; k++) {
      int off = r.nextInt(16);
      long v = r.nextLong();
      LittleEndian.putLong(b, off, v);
      assertEquals(v, bb.getLong(off));
      int w = r.nextInt();
      bb.putInt(off, w);
      assertEquals(w, LittleEndian.getInt(b, off));
      bb.putShort(off, (short) w);
      assertEquals(w & 0xFFFF, LittleEndian.getUnsignedShort(b, off));
    }
    int[] ints = {0, -1, 7, Integer.MIN_VALUE};
    byte[] packed = LittleEndian.ints(ints);
    for (int i = 0; i < ints.length; i++) {
      assertEquals(ints[i], ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * i));
    }
    long[] longs = {0, -1, 1L << 40, Long.MIN_VALUE};
    packed = LittleEndian.longs(longs);
    for (int i = 0; i < longs.length; i++) {
      assertEquals(longs[i],
          ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).getLong(8 * i));
    }
  }
}
