package dev.preaug.core.epoch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The few file operations that reading published epochs needs, on whatever filesystem holds
 * them. Core stays free of Hadoop: the job implements this over a Hadoop {@code FileSystem}
 * (local, HDFS, S3A with the run's configuration), tests over {@link LocalEpochStore}. Paths
 * are the implementation's own strings; only {@link #resolve} builds new ones.
 */
public interface EpochStore {
  /** One child of a listed directory. */
  record Entry(String name, String path, boolean directory) {}

  /** The children of {@code dir}; {@link java.io.FileNotFoundException} when it is missing. */
  List<Entry> list(String dir) throws IOException;

  boolean exists(String path) throws IOException;

  boolean isDirectory(String path) throws IOException;

  /**
   * Opens a file to read from its start; {@link java.io.FileNotFoundException} when it is
   * missing. The caller closes it.
   */
  InputStream open(String path) throws IOException;

  /** Opens a file for reads at given offsets (one NPY row, one label). */
  Positioned openPositioned(String path) throws IOException;

  /** The path of {@code name} inside directory {@code dir}. */
  String resolve(String dir, String name);

  /** The last component of {@code path}. */
  String name(String path);

  /** A file open for positioned reads. */
  interface Positioned extends Closeable {
    /** Reads exactly {@code len} bytes at {@code position}; EOFException when the file ends. */
    void readFully(long position, byte[] b, int off, int len) throws IOException;

    /**
     * Fills {@code dst} from its position to its limit with the bytes at {@code position};
     * EOFException when the file ends. Stores that can read into a (direct) buffer without a
     * heap copy override this.
     */
    default void readFully(long position, ByteBuffer dst) throws IOException {
      byte[] b = new byte[Math.min(dst.remaining(), 1 << 20)];
      long at = position;
      while (dst.hasRemaining()) {
        int n = Math.min(b.length, dst.remaining());
        readFully(at, b, 0, n);
        dst.put(b, 0, n);
        at += n;
      }
    }
  }
}
