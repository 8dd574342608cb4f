package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Png#decodeGray} on bytes it did not write (found by the parser fuzzer: a raw image read
 * as PNG made it allocate a chunk length read from pixel bytes, up to 2 GiB).
 */
class PngHostileTest {
  private static final byte[] PIXELS = new byte[6 * 5];

  static {
    for (int i = 0; i < PIXELS.length; i++) {
      PIXELS[i] = (byte) (i * 11);
    }
  }

  @Test
  void roundTripStillExact() {
    assertArrayEquals(PIXELS, Png.decodeGray(Png.encodeGray(6, 5, PIXELS), 6, 5));
  }

  @Test
  void aHugeChunkLengthIsRefusedWithoutAllocatingIt() {
    byte[] png = Png.encodeGray(6, 5, PIXELS);
    // The IDAT chunk's length field follows the signature (8) and IHDR (4+4+13+4 bytes).
    png[33] = 0x7F;
    png[34] = (byte) 0xFF;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(png, 6, 5));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
  }

  @Test
  void bytesThatAreNotAPngAreRefused() {
    byte[] notPng = new byte[64];
    Arrays.fill(notPng, (byte) 0x7F);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(notPng, 8, 8));
    assertTrue(e.getMessage().contains("bad signature"), e.getMessage());
  }

  @Test
  void declaredSizesThatCannotBeAllocatedAreRefused() {
    byte[] png = Png.encodeGray(6, 5, PIXELS);
    assertThrows(IllegalArgumentException.class, () -> Png.decodeGray(png, 1 << 20, 1 << 20));
    assertThrows(IllegalArgumentException.class, () -> Png.decodeGray(png, -6, 5));
    assertThrows(IllegalArgumentException.class, () -> Png.decodeGray(png, 6, 0));
  }

  @Test
  void aLargeDeclaredImageWithLittleDataFailsWithoutAllocatingTheImage() {
    // The caller asks for 40000x40000 (1.6 GB); the IHDR disagrees and there are 30 pixels.
    byte[] png = Png.encodeGray(6, 5, PIXELS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Png.decodeGray(png, 40000, 40000));
    assertTrue(e.getMessage().contains("is not 40000x40000"), e.getMessage());
  }
}
