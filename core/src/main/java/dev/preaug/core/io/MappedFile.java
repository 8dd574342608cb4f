package dev.preaug.core.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local file read by positioned copies out of read-only memory mappings, for the direct
 * exchange's one-sample-at-a-time reads. A positioned {@code read} system call per 4 KiB
 * sample (and another for its 2-byte label) costs more than the copy it does; from a mapping a
 * read is a plain memory copy, and once the pages are mapped (the first epoch of a run), later
 * epochs in the same JVM take no page faults at all, because mappings are shared per file by
 * every task of the process ({@link #open}).
 *
 * <p>A {@link MappedByteBuffer} holds at most 2 GiB, so the file is mapped in windows of
 * {@code WINDOW} bytes, each extended by {@code maxRead} bytes into the next: a read of up to
 * {@code maxRead} bytes then always lies inside the window its first byte falls in.
 *
 * <p>A file truncated while mapped faults on access; the JVM turns the fault into an {@link
 * InternalError}, which {@link #read} reports as an {@link IOException} like a failed read.
 */
public final class MappedFile {
  static final long WINDOW = 1L << 30;
  private static final int CACHED_FILES = 8;
  private static final Map<Key, MappedFile> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, MappedFile> eldest) {
      // An evicted file's windows are unmapped when the collector frees them.
      return size() > CACHED_FILES;
    }
  };

  private record Key(Path path, long size, long modified, Object fileKey, int maxRead,
      long window) {}

  private final Path path;
  private final long size;
  private final long window;
  private final MappedByteBuffer[] windows;

  private MappedFile(Path path, long size, int maxRead, long window) throws IOException {
    this.path = path;
    this.size = size;
    this.window = window;
    int n = (int) Math.max(1, (size + window - 1) / window);
    windows = new MappedByteBuffer[n];
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      for (int k = 0; k < n; k++) {
        long start = k * window;
        long len = Math.min(window + maxRead, size - start);
        windows[k] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, len));
      }
    }
  }

  /**
   * The mapping of {@code path} for reads of at most {@code maxRead} bytes, shared with every
   * caller in this JVM that opens the same file unchanged (same size, modification time and
   * inode): a file replaced or rewritten since is mapped afresh.
   */
  public static MappedFile open(Path path, int maxRead) throws IOException {
    return open(path, maxRead, WINDOW);
  }

  /** As {@link #open(Path, int)} with windows of {@code window} bytes (tests use small ones). */
  static MappedFile open(Path path, int maxRead, long window) throws IOException {
    if (maxRead <= 0 || maxRead > Integer.MAX_VALUE - WINDOW) {
      throw new IllegalArgumentException("maxRead " + maxRead + " is outside [1, 2^30 - 1]");
    }
    Path abs = path.toAbsolutePath().normalize();
    BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
    Key key = new Key(abs, a.size(), a.lastModifiedTime().toMillis(), a.fileKey(), maxRead,
        window);
    synchronized (CACHE) {
      MappedFile f = CACHE.get(key);
      if (f == null) {
        f = new MappedFile(abs, a.size(), maxRead, window);
        CACHE.put(key, f);
      }
      return f;
    }
  }

  public long size() {
    return size;
  }

  /** Copies {@code len} bytes at {@code pos} into {@code dst}; the whole range must exist. */
  public void read(long pos, byte[] dst, int off, int len) throws IOException {
    if (pos < 0 || len < 0 || pos > size - len) {
      throw new java.io.EOFException(path + ": " + len + " bytes at offset " + pos
          + " run past the end of the file (" + size + " bytes)");
    }
    int k = (int) (pos / window);
    try {
      windows[k].get((int) (pos - k * window), dst, off, len);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("read of " + len + " bytes is longer than this"
          + " mapping's maxRead", e);
    } catch (InternalError e) {
      throw new IOException(path + ": the file changed while mapped (was it truncated?): "
          + e.getMessage(), e);
    }
  }
}
