package dev.preaug.spark;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Closes what a task opens when the task ends, whether it finished, failed or was killed: a
 * stream left open by a failed task would otherwise hold a file handle (and on HDFS a DataNode
 * connection) until the executor's JVM exits. Readers still close early when they run out; the
 * second close is skipped. Outside a Spark task (the driver's preview) the caller closes.
 */
public final class TaskStreams {
  private TaskStreams() {}

  /**
   * Registers {@code c} to be closed at the end of the current task; the returned handle closes
   * it (once) when the reader is done with it earlier.
   */
  public static <T extends Closeable> Once closeAtTaskEnd(T c) {
    Once once = new Once(c);
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      TaskCompletionListener close = ctx -> once.closeQuietly();
      tc.addTaskCompletionListener(close);
    }
    return once;
  }

  /** A closeable that closes its target at most once. */
  public static final class Once implements Closeable {
    private final Closeable target;
    private final AtomicBoolean closed = new AtomicBoolean();

    Once(Closeable target) {
      this.target = target;
    }

    @Override
    public void close() throws IOException {
      if (closed.compareAndSet(false, true)) {
        target.close();
      }
    }

    void closeQuietly() {
      try {
        close();
      } catch (IOException | RuntimeException e) {
        // The task is over; its own outcome is what matters, not a close error after it.
      }
    }
  }
}
