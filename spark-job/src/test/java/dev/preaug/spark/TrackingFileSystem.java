package dev.preaug.spark;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The local filesystem under the test scheme {@code trackfs://}, counting the input streams
 * that are open right now (by path), so a test can tell whether a failed task closed what it
 * opened. Register with {@code fs.trackfs.impl}.
 */
public class TrackingFileSystem extends SchemeLocalFileSystem {
  public static final String SCHEME = "trackfs";
  private static final Map<String, Integer> OPEN = new ConcurrentHashMap<>();

  public TrackingFileSystem() {
    super(SCHEME);
  }

  public static String uri(java.nio.file.Path local) {
    return uri(SCHEME, local);
  }

  /** Paths with streams open now, and how many each. */
  public static Map<String, Integer> open() {
    return Map.copyOf(OPEN);
  }



  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    FSDataInputStream in = super.open(f, bufferSize);
    String key = f.toUri().getPath();
    OPEN.merge(key, 1, Integer::sum);
    return new FSDataInputStream(new FSInputStream() {
      private boolean closed;

      @Override
      public void seek(long pos) throws IOException {
        in.seek(pos);
      }

      @Override
      public long getPos() throws IOException {
        return in.getPos();
      }

      @Override
      public boolean seekToNewSource(long targetPos) {
        return false;
      }

      @Override
      public int read() throws IOException {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
      }

      @Override
      public int read(long position, byte[] b, int off, int len) throws IOException {
        return in.read(position, b, off, len);
      }

      @Override
      public synchronized void close() throws IOException {
        if (!closed) {
          closed = true;
          OPEN.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        }
        in.close();
      }
    });
  }
}
