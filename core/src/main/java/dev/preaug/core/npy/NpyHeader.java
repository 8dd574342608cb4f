package dev.preaug.core.npy;

import dev.preaug.core.BadInputException;
import dev.preaug.core.io.LittleEndian;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0), parsed strictly.
 *
 * <p>Only C-order, little-endian arrays of the {@link NpyDtype}s are accepted; anything else is a
 * {@link BadInputException} naming the file, the byte offset and the rule. Header sizes are capped
 * before anything is allocated, so a hostile length field cannot exhaust memory.
 */
public final class NpyHeader {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** Largest header accepted; numpy itself refuses headers over 10,000 bytes by default. */
  public static final int MAX_HEADER_BYTES = 1 << 16;
  private static final int ALIGN = 64;

  private final NpyDtype dtype;
  private final long[] shape;
  private final long dataOffset;

  private NpyHeader(NpyDtype dtype, long[] shape, long dataOffset) {
    this.dtype = dtype;
    this.shape = shape;
    this.dataOffset = dataOffset;
  }

  /** A header to write: version 1.0, C order. */
  public static NpyHeader of(NpyDtype dtype, long... shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
    }
    NpyHeader h = new NpyHeader(dtype, shape.clone(), 0);
    return new NpyHeader(dtype, shape.clone(), h.encode().length);
  }

  public NpyDtype dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int i) {
    return shape[i];
  }

  /** Byte offset of the first data byte. */
  public long dataOffset() {
    return dataOffset;
  }

  /** Number of elements (product of the shape). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Bytes of array data that must follow the header. */
  public long dataBytes() {
    return Math.multiplyExact(elementCount(), (long) dtype.itemSize());
  }

  /** Total file size the header implies. */
  public long fileBytes() {
    return Math.addExact(dataOffset, dataBytes());
  }

  /** The shape as numpy prints it: {@code (3, 64, 64)}, {@code (5,)}, {@code ()}. */
  public String shapeString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    if (shape.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  /**
   * The version 1.0 header bytes: magic, version, length, the dict literal padded with spaces
   * and a newline so the data starts on a 64-byte boundary (what numpy writes, and what lets a
   * reader memory-map the data aligned).
   */
  public byte[] encode() {
    String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
        + shapeString() + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (ALIGN - unpadded % ALIGN) % ALIGN;
    int headerLen = dict.length() + pad + 1;
    if (headerLen > 0xFFFF) {
      throw new IllegalStateException("header too long for NPY 1.0: " + headerLen);
    }
    byte[] out = new byte[MAGIC.length + 4 + headerLen];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = 1;
    out[7] = 0;
    LittleEndian.putShort(out, 8, headerLen);
    byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(d, 0, out, 10, d.length);
    Arrays.fill(out, 10 + d.length, out.length - 1, (byte) ' ');
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * Reads and validates the header at the start of {@code in}, leaving the stream at the first
   * data byte. {@code file} names the source in error messages.
   */
  public static NpyHeader read(InputStream in, String file) throws IOException {
    byte[] pre = new byte[10];
    readFully(in, pre, 0, 8, 0, file, "the 8-byte magic and version");
    for (int i = 0; i < MAGIC.length; i++) {
      if (pre[i] != MAGIC[i]) {
        throw new BadInputException(file, "byte 0",
            "not an NPY file (missing the \\x93NUMPY magic)");
      }
    }
    int major = pre[6] & 0xFF;
    int minor = pre[7] & 0xFF;
    long headerLen;
    int prefix;
    if (major == 1) {
      readFully(in, pre, 8, 2, 8, file, "the header length");
      headerLen = LittleEndian.getUnsignedShort(pre, 8);
      prefix = 10;
    } else if (major == 2 || major == 3) {
      byte[] len = new byte[4];
      readFully(in, len, 0, 4, 8, file, "the header length");
      headerLen = LittleEndian.getUnsignedInt(len, 0);
      prefix = 12;
    } else {
      throw new BadInputException(file, "byte 6",
          "NPY format version " + major + "." + minor + " is not supported (expected 1.0, 2.0 or 3.0)");
    }
    if (minor != 0) {
      throw new BadInputException(file, "byte 7",
          "NPY format version " + major + "." + minor + " is not supported (expected 1.0, 2.0 or 3.0)");
    }
    if (headerLen > MAX_HEADER_BYTES) {
      throw new BadInputException(file, "byte 8",
          "header length " + headerLen + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
    }
    byte[] hdr = new byte[(int) headerLen];
    readFully(in, hdr, 0, hdr.length, prefix, file, "the " + headerLen + "-byte header");
    // Version 3.0 allows UTF-8; the keys and values preaug accepts are ASCII either way.
    String text = new String(hdr, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parseDict(text, file, prefix, prefix + headerLen);
  }

  /** Reads {@code len} bytes into {@code b[off..]}; {@code at} is the file offset of the first. */
  private static void readFully(InputStream in, byte[] b, int off, int len, long at, String file,
      String what) throws IOException {
    int done = 0;
    while (done < len) {
      int r = in.read(b, off + done, len - done);
      if (r < 0) {
        throw new BadInputException(file, "byte " + (at + done),
            "file ends inside " + what + " (truncated NPY header)");
      }
      done += r;
    }
  }

  private static NpyHeader parseDict(String text, String file, int prefix, long dataOffset) {
    DictParser p = new DictParser(text, file, prefix);
    String descr = null;
    Boolean fortran = null;
    long[] shape = null;
    p.skipWs();
    p.expect('{');
    p.skipWs();
    while (!p.peekIs('}')) {
      int keyPos = p.pos;
      String key = p.string();
      p.skipWs();
      p.expect(':');
      p.skipWs();
      switch (key) {
        case "descr":
          if (descr != null) {
            throw p.error(keyPos, "duplicate key 'descr'");
          }
          if (p.peekIs('[')) {
            throw p.error(p.pos, "structured dtypes are not supported");
          }
          descr = p.string();
          break;
        case "fortran_order":
          if (fortran != null) {
            throw p.error(keyPos, "duplicate key 'fortran_order'");
          }
          fortran = p.bool();
          break;
        case "shape":
          if (shape != null) {
            throw p.error(keyPos, "duplicate key 'shape'");
          }
          shape = p.tuple();
          break;
        default:
          throw p.error(keyPos, "unexpected key '" + key
              + "' (an NPY header has exactly descr, fortran_order and shape)");
      }
      p.skipWs();
      if (p.peekIs(',')) {
        p.pos++;
        p.skipWs();
      } else if (!p.peekIs('}')) {
        throw p.error(p.pos, "expected ',' or '}' in the header dict");
      }
    }
    p.pos++;
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error(p.pos, "unexpected text after the header dict");
    }
    if (descr == null || fortran == null || shape == null) {
      throw new BadInputException(file, "byte " + prefix,
          "header dict lacks " + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'"
              : "'shape'"));
    }
    String[] why = new String[1];
    NpyDtype dtype = NpyDtype.parse(descr, why);
    if (dtype == null) {
      throw new BadInputException(file, "byte " + prefix, why[0]);
    }
    if (fortran) {
      throw new BadInputException(file, "byte " + prefix,
          "Fortran-order arrays are not supported (save with np.ascontiguousarray)");
    }
    NpyHeader h = new NpyHeader(dtype, shape, dataOffset);
    try {
      h.fileBytes();
    } catch (ArithmeticException e) {
      throw new BadInputException(file, "byte " + prefix,
          "shape " + h.shapeString() + " of " + descr + " overflows 2^63 bytes");
    }
    return h;
  }

  /** Checks that a file of {@code fileLength} bytes holds exactly the data this header declares. */
  public void checkLength(long fileLength, String file) {
    long expected = fileBytes();
    if (fileLength < expected) {
      throw new BadInputException(file, "byte " + fileLength,
          "truncated: shape " + shapeString() + " of " + dtype.descr() + " needs " + expected
              + " bytes, the file has " + fileLength);
    }
    if (fileLength > expected) {
      throw new BadInputException(file, "byte " + expected,
          (fileLength - expected) + " trailing bytes after the data of shape " + shapeString()
              + " (file has " + fileLength + " bytes, the header implies " + expected + ")");
    }
  }

  @Override
  public String toString() {
    return "NpyHeader[" + dtype.descr() + " " + shapeString() + " @" + dataOffset + "]";
  }

  /** A tiny recursive-descent reader for the subset of Python literals numpy writes. */
  private static final class DictParser {
    final String s;
    final String file;
    final int base;
    int pos;

    DictParser(String s, String file, int base) {
      this.s = s;
      this.file = file;
      this.base = base;
    }

    BadInputException error(int at, String rule) {
      return new BadInputException(file, "byte " + (base + at), "bad NPY header: " + rule);
    }

    void skipWs() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t'
          || s.charAt(pos) == '\n' || s.charAt(pos) == '\r')) {
        pos++;
      }
    }

    boolean peekIs(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    void expect(char c) {
      if (!peekIs(c)) {
        throw error(pos, "expected '" + c + "'" + (pos < s.length()
            ? " but found '" + s.charAt(pos) + "'" : " but the header ended"));
      }
      pos++;
    }

    String string() {
      if (!peekIs('\'') && !peekIs('"')) {
        throw error(pos, "expected a quoted string");
      }
      char q = s.charAt(pos++);
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != q) {
        if (s.charAt(pos) == '\\') {
          throw error(pos, "escape sequences are not allowed in header strings");
        }
        pos++;
      }
      if (pos >= s.length()) {
        throw error(start - 1, "unterminated string");
      }
      return s.substring(start, pos++);
    }

    boolean bool() {
      if (s.startsWith("True", pos)) {
        pos += 4;
        return true;
      }
      if (s.startsWith("False", pos)) {
        pos += 5;
        return false;
      }
      throw error(pos, "fortran_order must be True or False");
    }

    long[] tuple() {
      expect('(');
      List<Long> dims = new ArrayList<>();
      skipWs();
      while (!peekIs(')')) {
        int start = pos;
        if (peekIs('-')) {
          throw error(pos, "negative dimension in shape");
        }
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw error(pos, "expected a non-negative integer dimension in shape");
        }
        if (pos - start > 18) {
          throw error(start, "dimension " + s.substring(start, pos) + " is too large");
        }
        dims.add(Long.parseLong(s.substring(start, pos)));
        if (peekIs('L')) {
          pos++;
        }
        skipWs();
        if (peekIs(',')) {
          pos++;
          skipWs();
        } else if (!peekIs(')')) {
          throw error(pos, "expected ',' or ')' in shape");
        }
        if (dims.size() > 32) {
          throw error(start, "shape has more than 32 dimensions");
        }
      }
      pos++;
      long[] out = new long[dims.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = dims.get(i);
      }
      return out;
    }
  }
}
