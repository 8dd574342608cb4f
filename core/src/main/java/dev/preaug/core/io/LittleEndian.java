package dev.preaug.core.io;

/**
 * Little-endian integers in byte arrays: the byte order of NPY data and header lengths, of
 * TFRecord framing and of float16 bits. One place, so that every writer and reader agrees.
 */
public final class LittleEndian {
  private LittleEndian() {}

  public static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  public static void putInt(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  /** The two bytes at {@code off} as an unsigned value in [0, 65535]. */
  public static int getUnsignedShort(byte[] b, int off) {
    return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
  }

  public static int getInt(byte[] b, int off) {
    return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16)
        | ((b[off + 3] & 0xFF) << 24);
  }

  /** The four bytes at {@code off} as an unsigned value in [0, 2^32). */
  public static long getUnsignedInt(byte[] b, int off) {
    return getInt(b, off) & 0xFFFF_FFFFL;
  }

  public static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }

  /** Every value of {@code values}, 4 bytes each (an NPY {@code <i4} body). */
  public static byte[] ints(int[] values) {
    byte[] out = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      putInt(out, 4 * i, values[i]);
    }
    return out;
  }

  /** Every value of {@code values}, 8 bytes each (an NPY {@code <i8} body). */
  public static byte[] longs(long[] values) {
    byte[] out = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      putLong(out, 8 * i, values[i]);
    }
    return out;
  }
}
