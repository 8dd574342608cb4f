package dev.preaug.core.tfrecord;

import dev.preaug.core.BadInputException;
import dev.preaug.core.io.LittleEndian;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads TFRecord framing and checks both CRCs of every record. A record longer than
 * {@code maxRecordBytes} is refused before anything is allocated, so a corrupt length field
 * cannot exhaust memory. Errors name the file, the record number and its byte offset.
 */
public final class TfRecordReader implements Closeable {
  public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;
  private final InputStream in;
  private final String file;
  private final int maxRecordBytes;
  private final byte[] header = new byte[TfRecordFraming.HEADER_BYTES];
  private final byte[] footer = new byte[TfRecordFraming.FOOTER_BYTES];
  private long offset;
  private long record;

  public TfRecordReader(InputStream in, String file) {
    this(in, file, DEFAULT_MAX_RECORD_BYTES);
  }

  public TfRecordReader(InputStream in, String file, int maxRecordBytes) {
    this.in = in;
    this.file = file;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next record's data, or null at a clean end of file. */
  public byte[] next() throws IOException {
    int got = readUpTo(header, 0, header.length);
    if (got == 0) {
      return null;
    }
    if (got < header.length) {
      throw bad("file ends inside the 12-byte record header (truncated)");
    }
    int lenCrc = LittleEndian.getInt(header, 8);
    if (lenCrc != TfRecordFraming.maskedCrc(header, 0, 8)) {
      throw bad("length CRC mismatch (corrupt record header)");
    }
    long len = LittleEndian.getLong(header, 0);
    if (len < 0 || len > maxRecordBytes) {
      throw bad("record length " + Long.toUnsignedString(len) + " exceeds the limit of "
          + maxRecordBytes + " bytes");
    }
    byte[] data = new byte[(int) len];
    if (readUpTo(data, 0, data.length) < data.length) {
      throw bad("file ends inside the " + len + "-byte record data (truncated)");
    }
    if (readUpTo(footer, 0, footer.length) < footer.length) {
      throw bad("file ends inside the data CRC (truncated)");
    }
    if (LittleEndian.getInt(footer, 0) != TfRecordFraming.maskedCrc(data, 0, data.length)) {
      throw bad("data CRC mismatch (corrupt record data)");
    }
    offset += header.length + len + footer.length;
    record++;
    return data;
  }

  /** Records read so far. */
  public long records() {
    return record;
  }

  /** Byte offset of the next record. */
  public long offset() {
    return offset;
  }

  private BadInputException bad(String rule) {
    return new BadInputException(file, "record " + record + " (byte " + offset + ")", rule);
  }

  private int readUpTo(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int r = in.read(b, off + done, len - done);
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
