package dev.preaug.core.etl;

/**
 * Bad ETL input: a truncated file, a length that is not a whole number of records, an undecodable
 * label code, a count that disagrees with the INFO file, a malformed CO-59 table.
 *
 * <p>Unchecked on purpose: it is thrown from iterators and from code that runs inside engine
 * callbacks, where a checked exception would only be wrapped. It is an {@link
 * IllegalArgumentException} because the input, not the program, is wrong. The message is always
 * one line that starts with the file, then the record number and byte offset where one applies,
 * then the rule that was broken, e.g. {@code ETL9G/ETL9G_01 record 17 (offset 139383): JIS X 0208
 * code 0x7F21 is not a valid character}.
 */
public final class EtlFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long record;
  private final long offset;
  private final String rule;

  private EtlFormatException(String file, long record, long offset, String rule) {
    super(format(file, record, offset, rule));
    this.file = file;
    this.record = record;
    this.offset = offset;
    this.rule = rule;
  }

  /** A problem with a whole file (or table), not one record. */
  public static EtlFormatException file(String file, String rule) {
    return new EtlFormatException(file, -1, -1, rule);
  }

  /** A problem with record {@code record} (0-based, counting a dummy record) at byte {@code offset}. */
  public static EtlFormatException record(String file, long record, long offset, String rule) {
    return new EtlFormatException(file, record, offset, rule);
  }

  private static String format(String file, long record, long offset, String rule) {
    StringBuilder sb = new StringBuilder(file);
    if (record >= 0) {
      sb.append(" record ").append(record);
      if (offset >= 0) {
        sb.append(" (offset ").append(offset).append(')');
      }
    }
    return sb.append(": ").append(rule).toString();
  }

  /** The file (or table) the message names, as the caller spelled it. */
  public String file() {
    return file;
  }

  /** The 0-based record number, or -1 when the problem is not one record's. */
  public long record() {
    return record;
  }

  /** The byte offset of that record in the file, or -1. */
  public long offset() {
    return offset;
  }

  /** The rule that was broken, without the file and record prefix. */
  public String rule() {
    return rule;
  }
}
