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
}
