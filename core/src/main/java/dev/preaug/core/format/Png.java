package dev.preaug.core.format;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A minimal PNG codec for 8-bit grayscale images (colour type 0, no interlace, filter 0 on
 * every row). A fixed filter and compression level keep the bytes a pure function of the
 * pixels for a given zlib build.
 */
public final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Png() {}

  public static byte[] encodeGray(int width, int height, byte[] pixels) {
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("PNG: " + pixels.length + " bytes for " + width + "x"
          + height + " gray");
    }
    byte[] raw = new byte[(width + 1) * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(pixels, y * width, raw, y * (width + 1) + 1, width);
    }
    Deflater d = new Deflater(6);
    d.setInput(raw);
    d.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 2 + 64);
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      int n = d.deflate(buf);
      z.write(buf, 0, n);
    }
    d.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8;
    ihdr[9] = 0;
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Decodes a PNG written by {@link #encodeGray} (8-bit gray, filter 0 rows only). */
  public static byte[] decodeGray(byte[] png, int width, int height) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
      if (png.length < SIGNATURE.length
          || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        throw new IllegalArgumentException("corrupt PNG: bad signature");
      }
      in.skipNBytes(SIGNATURE.length);
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      while (true) {
        int at = png.length - in.available();
        int len = in.readInt();
        byte[] type = new byte[4];
        in.readFully(type);
        // Checked before allocating: a corrupt length must not become a huge or negative array.
        if (len < 0 || len > in.available()) {
          throw new IllegalArgumentException("corrupt PNG: chunk length "
              + Integer.toUnsignedString(len) + " at byte " + at + " exceeds the "
              + in.available() + " bytes left");
        }
        byte[] data = new byte[len];
        in.readFully(data);
        in.readInt();
        String t = new String(type, StandardCharsets.US_ASCII);
        if (t.equals("IHDR")) {
          if (getInt(data, 0) != width || getInt(data, 4) != height || data[8] != 8
              || data[9] != 0) {
            throw new IllegalArgumentException("PNG is not " + width + "x" + height + " 8-bit gray");
          }
        } else if (t.equals("IDAT")) {
          idat.writeBytes(data);
        } else if (t.equals("IEND")) {
          break;
        }
      }
      Inflater inf = new Inflater();
      inf.setInput(idat.toByteArray());
      byte[] raw = new byte[(width + 1) * height];
      int n = 0;
      while (n < raw.length && !inf.finished()) {
        int k = inf.inflate(raw, n, raw.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      inf.end();
      if (n != raw.length) {
        throw new IllegalArgumentException("PNG data too short");
      }
      byte[] px = new byte[width * height];
      for (int y = 0; y < height; y++) {
        if (raw[y * (width + 1)] != 0) {
          throw new IllegalArgumentException("PNG row filter " + raw[y * (width + 1)]
              + " not supported");
        }
        System.arraycopy(raw, y * (width + 1) + 1, px, y * width, width);
      }
      return px;
    } catch (IOException | DataFormatException e) {
      throw new IllegalArgumentException("corrupt PNG: " + e.getMessage(), e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
