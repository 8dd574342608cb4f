package dev.preaug.spark.input;

import java.io.Serializable;

/**
 * A contiguous range [from, to) of global sample indices, the unit one read task handles.
 * Sources that span several files (ETL) map the range onto their files themselves.
 */
public final class InputSplit implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long from;
  private final long to;

  public InputSplit(long from, long to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad split [" + from + ", " + to + ")");
    }
    this.from = from;
    this.to = to;
  }

  public long from() {
    return from;
  }

  public long to() {
    return to;
  }

  public long size() {
    return to - from;
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
