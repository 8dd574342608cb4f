package dev.preaug.core.tfrecord;

import dev.preaug.core.io.LittleEndian;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** Writes TFRecord framing around each record to a stream it owns. */
public final class TfRecordWriter implements Closeable {
  private final OutputStream out;
  private final byte[] header = new byte[TfRecordFraming.HEADER_BYTES];
  private final byte[] footer = new byte[TfRecordFraming.FOOTER_BYTES];
  private long records;

  public TfRecordWriter(OutputStream out) {
    this.out = out;
  }

  public void write(byte[] data) throws IOException {
    write(data, 0, data.length);
  }

  public void write(byte[] data, int off, int len) throws IOException {
    LittleEndian.putLong(header, 0, len);
    LittleEndian.putInt(header, 8, TfRecordFraming.maskedCrc(header, 0, 8));
    LittleEndian.putInt(footer, 0, TfRecordFraming.maskedCrc(data, off, len));
    out.write(header);
    out.write(data, off, len);
    out.write(footer);
    records++;
  }

  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
