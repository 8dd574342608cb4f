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
 * A minimal PNG codec for 8-bit gray and RGB images (colour types 0 and 2, no interlace, filter 0
 * on every row). A fixed filter and compression level keep the bytes a pure function of the
 * pixels for a given zlib build.
 */
public final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Png() {}

  public static byte[] encodeGray(int width, int height, byte[] pixels) {
    return encode(width, height, 1, pixels);
  }

  /** PNG of {@code channels} = 1 (gray, colour type 0) or 3 (RGB, colour type 2) HWC pixels. */
  public static byte[] encode(int width, int height, int channels, byte[] pixels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("PNG: " + channels + " channels (1 or 3 supported)");
    }
    int row = width * channels;
    if (pixels.length != (long) row * height) {
      throw new IllegalArgumentException("PNG: " + pixels.length + " bytes for " + width + "x"
          + height + " " + kind(channels));
    }
    byte[] raw = new byte[(row + 1) * height];
    for (int y = 0; y < height; y++) {
      System.arraycopy(pixels, y * row, raw, y * (row + 1) + 1, row);
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
    ihdr[9] = (byte) colourType(channels);
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * Decodes a PNG written by {@link #encodeGray} (8-bit gray, filter 0 rows only). Any other
   * bytes are an {@link IllegalArgumentException}. Nothing is allocated from a size the bytes
   * declare: chunk lengths must fit in the bytes present, and the pixel buffer grows only as
   * compressed data actually inflates (a damaged or hostile image cannot exhaust memory).
   */
  public static byte[] decodeGray(byte[] png, int width, int height) {
    return decode(png, width, height, 1);
  }

  /**
   * Decodes a PNG written by {@link #encode} with the same size and channels into HWC pixels;
   * anything else is an {@link IllegalArgumentException}, as for {@link #decodeGray}.
   */
  public static byte[] decode(byte[] png, int width, int height, int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("PNG: " + channels + " channels (1 or 3 supported)");
    }
    long row = (long) width * channels;
    long rawLength = (row + 1L) * height;
    if (width <= 0 || height <= 0 || rawLength > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("PNG size " + width + "x" + height + " is not supported");
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
      if (png.length < SIGNATURE.length
          || !Arrays.equals(png, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        throw new IllegalArgumentException("corrupt PNG: bad signature");
      }
      in.skipNBytes(SIGNATURE.length);
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      boolean header = false;
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
          if (len != 13 || getInt(data, 0) != width || getInt(data, 4) != height
              || data[8] != 8 || data[9] != colourType(channels)) {
            throw new IllegalArgumentException("PNG is not " + width + "x" + height + " 8-bit "
                + kind(channels));
          }
          header = true;
        } else if (t.equals("IDAT")) {
          idat.writeBytes(data);
        } else if (t.equals("IEND")) {
          break;
        }
      }
      if (!header) {
        throw new IllegalArgumentException("PNG has no IHDR chunk");
      }
      byte[] raw = inflate(idat.toByteArray(), (int) rawLength);
      int r = (int) row;
      byte[] px = new byte[r * height];
      for (int y = 0; y < height; y++) {
        if (raw[y * (r + 1)] != 0) {
          throw new IllegalArgumentException("PNG row filter " + raw[y * (r + 1)]
              + " not supported");
        }
        System.arraycopy(raw, y * (r + 1) + 1, px, y * r, r);
      }
      return px;
    } catch (IOException | DataFormatException e) {
      throw new IllegalArgumentException("corrupt PNG: " + e.getMessage(), e);
    }
  }

  /** Exactly {@code length} inflated bytes, or an error if the data holds fewer. */
  private static byte[] inflate(byte[] data, int length) throws DataFormatException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(data);
      byte[] raw = new byte[Math.min(length, 1 << 16)];
      int n = 0;
      while (n < length && !inf.finished()) {
        if (n == raw.length) {
          raw = java.util.Arrays.copyOf(raw, (int) Math.min(length, 2L * raw.length));
        }
        int k = inf.inflate(raw, n, raw.length - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != length) {
        throw new IllegalArgumentException("PNG data too short");
      }
      return raw;
    } finally {
      inf.end();
    }
  }

  private static int colourType(int channels) {
    return channels == 1 ? 0 : 2;
  }

  private static String kind(int channels) {
    return channels == 1 ? "gray" : "RGB";
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
