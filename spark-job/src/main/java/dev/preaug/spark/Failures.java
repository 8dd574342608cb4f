package dev.preaug.spark;

import dev.preaug.core.BadInputException;

/** How task failures reach the caller. */
public final class Failures {
  private Failures() {}

  /**
   * The bad-input error behind a failed Spark job, if a task threw one: the job's caller gets
   * the task's own one-line message instead of Spark's "Job aborted" wrapper.
   */
  public static BadInputException badInput(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BadInputException) {
        return (BadInputException) c;
      }
    }
    return null;
  }

  /** The output write failure behind a failed job or commit, if any: it names the file. */
  public static OutputWriteException outputWrite(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof OutputWriteException) {
        return (OutputWriteException) c;
      }
    }
    return null;
  }
}
