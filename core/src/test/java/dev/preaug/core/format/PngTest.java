package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngTest {
  private static byte[] pixels(int w, int h, long seed) {
    byte[] px = new byte[w * h];
    new SplittableRandom(seed).nextBytes(px);
    return px;
  }

  @Test
  void decodesWhatItEncodes() {
    int[][] sizes = {{1, 1}, {64, 64}, {3, 7}, {7, 3}, {1, 100}, {100, 1}, {255, 2}};
    for (int[] s : sizes) {
      byte[] px = pixels(s[0], s[1], s[0] * 1000L + s[1]);
      assertArrayEquals(px, Png.decodeGray(Png.encodeGray(s[0], s[1], px), s[0], s[1]),
          s[0] + "x" + s[1]);
    }
    byte[] flat = new byte[64 * 64];
    assertArrayEquals(flat, Png.decodeGray(Png.encodeGray(64, 64, flat), 64, 64));
  }

  @Test
  void imageIoReadsTheSameGrayPixels() throws IOException {
    byte[] px = pixels(64, 48, 9);
    px[0] = 0;
    px[1] = (byte) 255;
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Png.encodeGray(64, 48, px)));
    assertNotNull(img, "ImageIO recognises the PNG");
    assertEquals(64, img.getWidth());
    assertEquals(48, img.getHeight());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    Raster raster = img.getRaster();
    assertEquals(1, raster.getNumBands());
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        assertEquals(px[y * 64 + x] & 0xFF, raster.getSample(x, y, 0), x + "," + y);
      }
    }
  }

  @Test
  void rgbIsColourTypeTwoAndImageIoReadsTheSameBands() throws IOException {
    int w = 37;
    int h = 21;
    byte[] px = pixels(w * 3, h, 11);
    byte[] png = Png.encode(w, h, 3, px);
    assertEquals(2, png[8 + 8 + 9], "IHDR colour type");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(img, "ImageIO recognises the PNG");
    Raster raster = img.getRaster();
    assertEquals(3, raster.getNumBands());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(px[(y * w + x) * 3 + c] & 0xFF, raster.getSample(x, y, c),
              x + "," + y + " band " + c);
        }
      }
    }
    assertArrayEquals(px, Png.decode(png, w, h, 3));
    assertEquals("PNG is not 37x21 8-bit gray", assertThrows(IllegalArgumentException.class,
        () -> Png.decode(png, w, h, 1)).getMessage());
    assertEquals("PNG: 11 bytes for 2x2 RGB", assertThrows(IllegalArgumentException.class,
        () -> Png.encode(2, 2, 3, new byte[11])).getMessage());
  }

  @Test
  void fileStructure() {
    byte[] png = Png.encodeGray(5, 4, pixels(5, 4, 1));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        Arrays.copyOf(png, 8));
    ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
    String[] expectedTypes = {"IHDR", "IDAT", "IEND"};
    for (String type : expectedTypes) {
      int len = b.getInt();
      byte[] t = new byte[4];
      b.get(t);
      assertEquals(type, new String(t, StandardCharsets.US_ASCII));
      byte[] data = new byte[len];
      b.get(data);
      CRC32 crc = new CRC32();
      crc.update(t);
      crc.update(data);
      assertEquals((int) crc.getValue(), b.getInt(), type + " CRC");
      if (type.equals("IHDR")) {
        assertArrayEquals(new byte[] {0, 0, 0, 5, 0, 0, 0, 4, 8, 0, 0, 0, 0}, data,
            "5x4, 8-bit gray, deflate, filter 0, no interlace");
      }
      if (type.equals("IEND")) {
        assertEquals(0, len);
      }
    }
    assertEquals(0, b.remaining());
  }

  @Test
  void deterministic() {
    byte[] px = pixels(64, 64, 3);
    assertArrayEquals(Png.encodeGray(64, 64, px), Png.encodeGray(64, 64, px.clone()));
  }

  @Test
  void rejectsWrongSizes() {
    assertEquals("PNG: 8 bytes for 3x3 gray", assertThrows(IllegalArgumentException.class,
        () -> Png.encodeGray(3, 3, new byte[8])).getMessage());
    byte[] png = Png.encodeGray(4, 3, new byte[12]);
    assertEquals("PNG is not 3x4 8-bit gray", assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(png, 3, 4)).getMessage());
    assertEquals("PNG is not 4x4 8-bit gray", assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(png, 4, 4)).getMessage());
  }

  @Test
  void rejectsCorruptData() {
    byte[] png = Png.encodeGray(8, 8, pixels(8, 8, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(Arrays.copyOf(png, png.length - 20), 8, 8));
    assertTrue(e.getMessage().startsWith("corrupt PNG"), e.getMessage());
  }

  /** A PNG of 2x1 gray whose one row uses filter type {@code filter} (Sub = 1, as others write). */
  private static byte[] pngWithFilter(int filter) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(Arrays.copyOf(Png.encodeGray(1, 1, new byte[1]), 8));
    chunk(out, "IHDR", new byte[] {0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0});
    java.util.zip.Deflater d = new java.util.zip.Deflater();
    d.setInput(new byte[] {(byte) filter, 10, 5});
    d.finish();
    byte[] z = new byte[100];
    int n = d.deflate(z);
    chunk(out, "IDAT", Arrays.copyOf(z, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(t);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void filteredRowsAreRefusedNotMisread() throws IOException {
    assertArrayEquals(new byte[] {10, 5}, Png.decodeGray(pngWithFilter(0), 2, 1));
    // With the Sub filter the pixels would be 10, 15; the decoder must not return 10, 5.
    assertEquals(15, ImageIO.read(new ByteArrayInputStream(pngWithFilter(1))).getRaster()
        .getSample(1, 0, 0));
    assertEquals("PNG row filter 1 not supported", assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(pngWithFilter(1), 2, 1)).getMessage());
  }

  @Test
  void rejectsNonPngInput() {
    byte[] png = Png.encodeGray(8, 8, pixels(8, 8, 5));
    byte[] wrongSignature = png.clone();
    wrongSignature[1] = 'Q';
    assertEquals("corrupt PNG: bad signature", assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(wrongSignature, 8, 8)).getMessage());
    assertEquals("corrupt PNG: bad signature", assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray("not a png".getBytes(StandardCharsets.US_ASCII), 8, 8))
        .getMessage());
  }

  @Test
  void chunkLengthsBeyondTheDataAreRefusedWithoutAllocating() {
    byte[] png = Png.encodeGray(8, 8, pixels(8, 8, 6));
    for (int len : new int[] {-1, Integer.MAX_VALUE, png.length}) {
      byte[] bad = png.clone();
      ByteBuffer.wrap(bad).putInt(8, len); // IHDR length
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Png.decodeGray(bad, 8, 8));
      assertEquals("corrupt PNG: chunk length " + Integer.toUnsignedString(len) + " at byte 8"
          + " exceeds the " + (png.length - 16) + " bytes left", e.getMessage());
    }
  }
}
