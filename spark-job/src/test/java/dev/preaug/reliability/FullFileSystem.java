package dev.preaug.reliability;

import dev.preaug.spark.SchemeLocalFileSystem;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local filesystem under the test scheme {@code fullfs://}, with a byte budget per
 * directory tree: once the files written under a limited root total more than its budget, every
 * further write fails with {@code IOException("No space left on device")}, as a full disk or an
 * exhausted HDFS quota would. The fallback where a real size-limited mount (tmpfs) is not
 * available; register it with {@link #register}. Deleting files does not refund the budget.
 */
public class FullFileSystem extends SchemeLocalFileSystem {
  public static final String SCHEME = "fullfs";
  private static final Map<String, AtomicLong> LEFT = new ConcurrentHashMap<>();

  /** Makes {@code fullfs://} resolvable through {@code conf}. */
  public static void register(Configuration conf) {
    conf.set("fs." + SCHEME + ".impl", FullFileSystem.class.getName());
  }

  /** Allows {@code bytes} more bytes to be written under the local directory {@code root}. */
  public static void limit(java.nio.file.Path root, long bytes) {
    LEFT.put(root.toAbsolutePath().toString() + "/", new AtomicLong(bytes));
  }

  /** The {@code fullfs://} URI of a local path. */
  public FullFileSystem() {
    super(SCHEME);
  }

  public static String uri(java.nio.file.Path local) {
    return uri(SCHEME, local);
  }



  @Override
  protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
    return limited(f, super.createOutputStream(f, append));
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append,
      FsPermission permission) throws IOException {
    return limited(f, super.createOutputStreamWithMode(f, append, permission));
  }

  private OutputStream limited(Path f, OutputStream out) {
    String file = pathToFile(f).getAbsolutePath();
    AtomicLong left = null;
    for (Map.Entry<String, AtomicLong> e : LEFT.entrySet()) {
      if (file.startsWith(e.getKey())) {
        left = e.getValue();
      }
    }
    if (left == null) {
      return out;
    }
    AtomicLong budget = left;
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        take(1);
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        take(len);
        out.write(b, off, len);
      }

      private void take(long n) throws IOException {
        if (budget.addAndGet(-n) < 0) {
          budget.addAndGet(n);
          throw new IOException("No space left on device");
        }
      }
    };
  }
}
