package dev.preaug.core;

/**
 * Input that breaks a rule preaug checks: a corrupt header, a truncated file, a label out of
 * range, a bad config value, an output directory in the way. The message is one line naming the
 * source (a file, or a config key), where in it (byte offset, record, line), and the rule that
 * was broken, so a user can fix the input without reading a stack trace.
 *
 * <p>Callers that must tell failures apart (the CLI's exit codes, a test) branch on
 * {@link #kind()}, never on the message text.
 */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 2L;

  /** What kind of rule was broken; the CLI maps each kind to its exit code. */
  public enum Kind {
    /** An input file or record breaks a format rule. */
    INPUT,
    /** A config value, flag or command-line usage is invalid. */
    CONFIG,
    /**
     * The output directory cannot be used as asked: something preaug did not write is in the
     * way, or a file preaug must read there (a manifest) is unreadable.
     */
    OUTPUT,
    /**
     * A published epoch was written from other input or with another config than this run's,
     * and the run was not asked to replace it.
     */
    CHANGED,
    /** Another live run holds the output directory's lock. */
    LOCKED
  }

  private final Kind kind;
  private final String source;
  private final String where;
  private final String rule;

  public BadInputException(String source, String where, String rule) {
    this(Kind.INPUT, source, where, rule, null);
  }

  public BadInputException(String source, String where, String rule, Throwable cause) {
    this(Kind.INPUT, source, where, rule, cause);
  }

  public BadInputException(Kind kind, String source, String where, String rule) {
    this(kind, source, where, rule, null);
  }

  public BadInputException(Kind kind, String source, String where, String rule,
      Throwable cause) {
    super(format(source, where, rule), cause);
    this.kind = kind;
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
    this.kind = Kind.INPUT;
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

  /** The first line of an exception's message (its class name when it has none). */
  public static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  /** Which kind of rule was broken. */
  public Kind kind() {
    return kind;
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
