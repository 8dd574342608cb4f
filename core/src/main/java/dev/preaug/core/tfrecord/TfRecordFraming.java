package dev.preaug.core.tfrecord;

import java.util.zip.CRC32C;

/**
 * TFRecord framing facts: each record is {@code uint64 length (LE)}, {@code uint32
 * masked_crc32c(length bytes)}, the data, {@code uint32 masked_crc32c(data)}.
 */
public final class TfRecordFraming {
  /** Rotation-plus-constant mask TensorFlow applies to every stored CRC32C. */
  private static final int MASK_DELTA = 0xa282ead8;
  public static final int HEADER_BYTES = 12;
  public static final int FOOTER_BYTES = 4;

  private TfRecordFraming() {}

  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  public static int maskedCrc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return mask((int) c.getValue());
  }

  static void putLongLe(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static void putIntLe(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  static long getLongLe(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }

  static int getIntLe(byte[] b, int off) {
    return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16)
        | ((b[off + 3] & 0xFF) << 24);
  }
}
