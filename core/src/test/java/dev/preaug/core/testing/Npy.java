package dev.preaug.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader for the NPY files of the golden set (test use only): format version 1.0, a
 * C-ordered 2-D array of {@code |u1} or {@code <u2}. Anything else is rejected loudly, so a
 * changed golden file cannot be misread silently.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  private static final Pattern HEADER = Pattern.compile(
      "\\{'descr': '(\\|u1|<u2)', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\} *\n");

  /** dtype {@code |u1} or {@code <u2}; {@code rows x cols}; raw little-endian data. */
  public final String dtype;
  public final int rows;
  public final int cols;
  public final byte[] data;

  private Npy(String dtype, int rows, int cols, byte[] data) {
    this.dtype = dtype;
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  public static Npy read(byte[] file, String what) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (file.length < 10 || file[i] != MAGIC[i]) {
        throw new IllegalArgumentException(what + ": not an NPY v1.0 file");
      }
    }
    int headerLength = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
    if ((10 + headerLength) % 16 != 0 || file.length < 10 + headerLength) {
      throw new IllegalArgumentException(what + ": bad header length " + headerLength);
    }
    String header = new String(file, 10, headerLength, StandardCharsets.US_ASCII);
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IllegalArgumentException(what + ": unexpected header " + header.strip());
    }
    int rows = Integer.parseInt(m.group(2));
    int cols = Integer.parseInt(m.group(3));
    int itemSize = m.group(1).equals("|u1") ? 1 : 2;
    int size = rows * cols * itemSize;
    if (file.length != 10 + headerLength + size) {
      throw new IllegalArgumentException(what + ": expected " + size + " data bytes, got "
          + (file.length - 10 - headerLength));
    }
    byte[] data = new byte[size];
    System.arraycopy(file, 10 + headerLength, data, 0, size);
    return new Npy(m.group(1), rows, cols, data);
  }

  /** Reads a classpath resource, e.g. {@code golden/in/glyph_grid.npy}. */
  public static Npy resource(String path) {
    try (InputStream in = Npy.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return read(in.readAllBytes(), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code <u2} element at (row, col). */
  public int u2(int row, int col) {
    int i = (row * cols + col) * 2;
    return (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8;
  }
}
