package dev.preaug.core.etl;

/** Big-endian, MSB-first bit reads from a record: the one bit order every ETL part uses. */
final class Bits {
  private Bits() {}

  /**
   * The unsigned value of {@code nBits} (at most 63) bits starting {@code bitOffset} bits after
   * byte {@code base} of {@code buf}.
   */
  static long read(byte[] buf, int base, long bitOffset, int nBits) {
    long value = 0;
    long pos = bitOffset;
    int left = nBits;
    while (left > 0) {
      int b = buf[base + (int) (pos >>> 3)] & 0xFF;
      int used = (int) (pos & 7);
      int take = Math.min(8 - used, left);
      int chunk = (b >>> (8 - used - take)) & ((1 << take) - 1);
      value = (value << take) | chunk;
      pos += take;
      left -= take;
    }
    return value;
  }
}
