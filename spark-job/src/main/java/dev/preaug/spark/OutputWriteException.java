package dev.preaug.spark;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * Writing an output file failed: a full disk, an exhausted quota, an I/O error. The message is
 * one line naming the file and the filesystem's reason, e.g. {@code
 * /data/out/.epoch-00003.inprogress/_attempts/shard-00002-attempt-7/x.npy: cannot write: No space
 * left on device}; the original exception stays attached as the cause.
 */
public final class OutputWriteException extends IOException {
  private static final long serialVersionUID = 1L;

  public OutputWriteException(Path file, Throwable cause) {
    super(file + ": cannot write: " + reason(cause), cause);
  }

  /**
   * The innermost message: Hadoop's local filesystem wraps the operating system's
   * IOException in an FSError whose own message is the wrapped exception's class and text.
   */
  private static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return FsUtil.oneLine(root);
  }
}
