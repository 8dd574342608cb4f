package dev.preaug.core.etl;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Positioned reads from one ETL file. The shape matches Hadoop's {@code
 * PositionedReadable.readFully(long, byte[], int, int)}, so an engine adapts an {@code
 * FSDataInputStream} in three lines; core stays free of Hadoop.
 *
 * <p>The reader asks for increasing offsets only, which is what lets {@link #forward} serve a
 * plain {@link InputStream}.
 */
public interface EtlSource {

  /** Length of the file in bytes. */
  long length() throws IOException;

  /**
   * Reads exactly {@code len} bytes at {@code position} into {@code buf[off..off+len)}.
   *
   * @throws EOFException if the file ends first
   */
  void readFully(long position, byte[] buf, int off, int len) throws IOException;

  /** A source over bytes in memory. */
  static EtlSource of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new EtlSource() {
      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        if (position < 0 || position + len > bytes.length) {
          throw new EOFException(
              "read of " + len + " bytes at " + position + " past end " + bytes.length);
        }
        System.arraycopy(bytes, (int) position, buf, off, len);
      }
    };
  }

  /** A source over a local file; close it when done. */
  static FileSource open(Path path) throws IOException {
    return new FileSource(FileChannel.open(path, StandardOpenOption.READ));
  }

  /**
   * A forward-only source over a stream of known length: reads must come at non-decreasing
   * offsets (the reader's order); gaps are skipped. The stream is not closed.
   */
  static EtlSource forward(InputStream in, long length) {
    Objects.requireNonNull(in, "in");
    return new EtlSource() {
      private long at;

      @Override
      public long length() {
        return length;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        if (position < at) {
          throw new IOException(
              "forward-only source: read at " + position + " after reading up to " + at);
        }
        in.skipNBytes(position - at);
        at = position;
        int n = in.readNBytes(buf, off, len);
        at += n;
        if (n < len) {
          throw new EOFException("stream ended at " + at + ", " + (len - n) + " bytes short");
        }
      }
    };
  }

  /** A local file through positional channel reads. */
  final class FileSource implements EtlSource, Closeable {
    private final FileChannel channel;

    private FileSource(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public long length() throws IOException {
      return channel.size();
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
      long p = position;
      while (bb.hasRemaining()) {
        int n = channel.read(bb, p);
        if (n < 0) {
          throw new EOFException("file ended at " + p + ", " + bb.remaining() + " bytes short");
        }
        p += n;
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
