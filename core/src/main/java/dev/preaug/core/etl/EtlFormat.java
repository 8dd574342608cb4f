package dev.preaug.core.etl;

import java.util.Locale;

/**
 * The seven ETL record layouts. Every ETL file is a run of fixed-length records with no
 * separators; ETL2–5 (types K and C) store 6-bit units, so their fields are addressed here in bits
 * of one big-endian bit stream, as are all the others for uniformity. Pixels are packed MSB first,
 * row-major, as raw levels {@code 0..2^depth-1}.
 *
 * <p>Offsets come from the official format pages (form_m, form_k, form_c, form_e8b, form_e8g,
 * form_e9b, form_e9g); {@code docs/inputs.md} has the table.
 */
public enum EtlFormat {
  /** ETL1, ETL6, ETL7: 2052 bytes, 64x63 4-bit, JIS X 0201 byte at byte 6. */
  M("M", 2052, 64, 63, 4, 32 * 8, false, LabelEncoding.JIS_X_0201, 6 * 8, 8, 12 * 8, 32, 4 * 8, 16),
  /** ETL2: 3660 six-bit units, 60x60 6-bit, CO-59 code in units 29–30. */
  K("K", 2745, 60, 60, 6, 60 * 6, false, LabelEncoding.CO59, 28 * 6, 12, 0, 36, -1, 0),
  /**
   * ETL3–5: 3936 six-bit units, 72x76 4-bit, JIS X 0201 in the left 8 bits of units 13–18 and a
   * 4-character T56 code in units 25–28.
   */
  C("C", 2952, 72, 76, 4, 288 * 6, false, LabelEncoding.JIS_X_0201_T56, 12 * 6, 8, 0, 36, 6 * 6, 36),
  /** ETL8B: 512 bytes, 64x63 1-bit, JIS X 0208 at bytes 2–3; record 0 of each file is a dummy. */
  B8("8B", 512, 64, 63, 1, 8 * 8, true, LabelEncoding.JIS_X_0208, 2 * 8, 16, -1, 0, 0, 16),
  /** ETL8G: 8199 bytes, 128x127 4-bit from byte 60, JIS X 0208 at bytes 2–3. */
  G8("8G", 8199, 128, 127, 4, 60 * 8, false, LabelEncoding.JIS_X_0208, 2 * 8, 16, 12 * 8, 32, 0, 16),
  /** ETL9B: 576 bytes, 64x63 1-bit, as 8B plus 64 trailing bytes; record 0 is a dummy. */
  B9("9B", 576, 64, 63, 1, 8 * 8, true, LabelEncoding.JIS_X_0208, 2 * 8, 16, -1, 0, 0, 16),
  /** ETL9G: 8199 bytes, 128x127 4-bit from byte 64, JIS X 0208 at bytes 2–3. */
  G9("9G", 8199, 128, 127, 4, 64 * 8, false, LabelEncoding.JIS_X_0208, 2 * 8, 16, 12 * 8, 32, 0, 16);

  /** How a format stores the character a record shows. */
  public enum LabelEncoding {
    /** One JIS X 0201 byte (ASCII-like roman set plus half-width katakana). */
    JIS_X_0201,
    /** A JIS X 0201 byte qualified by a T56 4-character code ('H' hiragana, 'K' katakana). */
    JIS_X_0201_T56,
    /** Two 6-bit units looked up in the user-supplied {@code euc_co59.dat} table. */
    CO59,
    /** Two bytes of JIS X 0208 (row and cell, 0x21..0x7E each). */
    JIS_X_0208
  }

  /** Bit offset of the T56 4-character code in C records (units 25–28). */
  static final int C_T56_BIT_OFFSET = 24 * 6;

  private final String code;
  private final int recordLength;
  private final int width;
  private final int height;
  private final int depth;
  private final int imageBitOffset;
  private final boolean dummyFirstRecord;
  private final LabelEncoding labelEncoding;
  private final int labelBitOffset;
  private final int labelBits;
  private final int serialBitOffset;
  private final int serialBits;
  private final int sheetBitOffset;
  private final int sheetBits;

  EtlFormat(
      String code,
      int recordLength,
      int width,
      int height,
      int depth,
      int imageBitOffset,
      boolean dummyFirstRecord,
      LabelEncoding labelEncoding,
      int labelBitOffset,
      int labelBits,
      int serialBitOffset,
      int serialBits,
      int sheetBitOffset,
      int sheetBits) {
    this.code = code;
    this.recordLength = recordLength;
    this.width = width;
    this.height = height;
    this.depth = depth;
    this.imageBitOffset = imageBitOffset;
    this.dummyFirstRecord = dummyFirstRecord;
    this.labelEncoding = labelEncoding;
    this.labelBitOffset = labelBitOffset;
    this.labelBits = labelBits;
    this.serialBitOffset = serialBitOffset;
    this.serialBits = serialBits;
    this.sheetBitOffset = sheetBitOffset;
    this.sheetBits = sheetBits;
  }

  /** The record-type code of the format pages: {@code M K C 8B 8G 9B 9G}. */
  public String code() {
    return code;
  }

  /** Bytes per record. */
  public int recordLength() {
    return recordLength;
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** Bits per pixel: 1, 4 or 6. */
  public int depth() {
    return depth;
  }

  /** Where the packed image starts, in bits from the start of the record. */
  public int imageBitOffset() {
    return imageBitOffset;
  }

  /** Whether record 0 of every file is a dummy that carries no sample (8B, 9B). */
  public boolean hasDummyFirstRecord() {
    return dummyFirstRecord;
  }

  /** How the label is stored. */
  public LabelEncoding labelEncoding() {
    return labelEncoding;
  }

  /** Bit offset of the label code. */
  public int labelBitOffset() {
    return labelBitOffset;
  }

  /** Width of the label code in bits (8, 12 or 16). */
  public int labelBits() {
    return labelBits;
  }

  /** Whether the record has a serial data number (all but 8B and 9B). */
  public boolean hasSerial() {
    return serialBitOffset >= 0;
  }

  /** Whether the record has a serial sheet number (all but K). */
  public boolean hasSheet() {
    return sheetBitOffset >= 0;
  }

  /** The format for a code such as {@code 9G} or {@code m} (case-insensitive). */
  public static EtlFormat forCode(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    for (EtlFormat f : values()) {
      if (f.code.equals(c)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown ETL record type '" + code + "'; expected one of M, K, C, 8B, 8G, 9B, 9G");
  }

  /** The raw label code of the record at {@code base}: JIS byte, CO-59 12 bits, or JIS X 0208 16 bits. */
  public int rawLabelCode(byte[] buf, int base) {
    return (int) Bits.read(buf, base, labelBitOffset, labelBits);
  }

  /** The serial data number of the record at {@code base}, or -1 if the format has none. */
  public long serial(byte[] buf, int base) {
    return hasSerial() ? Bits.read(buf, base, serialBitOffset, serialBits) : -1;
  }

  /** The serial sheet number of the record at {@code base}, or -1 if the format has none. */
  public long sheet(byte[] buf, int base) {
    return hasSheet() ? Bits.read(buf, base, sheetBitOffset, sheetBits) : -1;
  }

  /**
   * All raw pixel levels ({@code 0..2^depth-1}) of the record at {@code base}, row-major, {@code
   * width*height} bytes. The reader samples only the pixels a resize keeps; this full decode is
   * for callers that want the original image.
   */
  public byte[] decodeLevels(byte[] buf, int base) {
    byte[] out = new byte[width * height];
    long bit = imageBitOffset;
    for (int i = 0; i < out.length; i++, bit += depth) {
      out[i] = (byte) Bits.read(buf, base, bit, depth);
    }
    return out;
  }

  @Override
  public String toString() {
    return code;
  }
}
