package dev.preaug.core.etl;

import dev.preaug.core.image.GrayImage;
import java.util.Objects;

/**
 * One decoded sample.
 *
 * @param file the data file's path as listed
 * @param recordNumber 0-based position in the file, counting a dummy record 0 (so the byte offset
 *     is {@code recordNumber * recordLength})
 * @param serial the record's serial data number, or -1 for 8B and 9B, which have none
 * @param sheet the record's serial sheet number, or -1 for K, which has none
 * @param rawCode the label code as stored: JIS X 0201 byte, 12-bit CO-59 code {@code (a << 6) |
 *     b}, or 16-bit JIS X 0208 code
 * @param label the decoded, width-folded character
 * @param pixels uint8 pixels at the target size, as the reference pipeline would feed them
 */
public record EtlRecord(
    String file, long recordNumber, long serial, long sheet, int rawCode, String label,
    GrayImage pixels) {

  public EtlRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(pixels, "pixels");
  }

  /** A stable key for the sample: {@code path#recordNumber}. */
  public String key() {
    return file + "#" + recordNumber;
  }
}
