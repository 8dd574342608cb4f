package dev.preaug.core;

/**
 * Input that breaks a rule preaug checks: a corrupt header, a truncated file, a label out of
 * range, a bad config value. The message is one line naming the source (a file, or a config key),
 * where in it (byte offset, record, line), and the rule that was broken, so a user can fix the
 * input without reading a stack trace.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String where;
  private final String rule;

  public BadInputException(String source, String where, String rule) {
    super(format(source, where, rule));
    this.source = source;
    this.where = where;
    this.rule = rule;
  }

  public BadInputException(String source, String where, String rule, Throwable cause) {
    super(format(source, where, rule), cause);
    this.source = source;
    this.where = where;
    this.rule = rule;
  }

  /**
   * Wraps a codec's own one-line error (which already names the file, the record and the rule)
   * so the CLI reports it like any other bad input.
   */
  public static BadInputException wrap(RuntimeException e) {
    return new BadInputException(e.getMessage(), e);
  }

  private BadInputException(String message, Throwable cause) {
    super(message, cause);
    this.source = message;
    this.where = "";
    this.rule = message;
  }

  private static String format(String source, String where, String rule) {
    StringBuilder sb = new StringBuilder(source);
    if (where != null && !where.isEmpty()) {
      sb.append(": ").append(where);
    }
    return sb.append(": ").append(rule.replace('\n', ' ')).toString();
  }

  /** The file, URI or config key at fault. */
  public String source() {
    return source;
  }

  /** Where in the source ("byte 8", "record 17", "line 3"), or empty. */
  public String where() {
    return where;
  }

  /** The rule that was broken. */
  public String rule() {
    return rule;
  }
}
