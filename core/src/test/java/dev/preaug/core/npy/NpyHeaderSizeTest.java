package dev.preaug.core.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Declared sizes at the edge of 2^63: refused when the header is read, with the right rule. */
class NpyHeaderSizeTest {
  private static byte[] header(String shape) {
    String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
    byte[] d = (dict + " ".repeat(63 - (dict.length() + 10) % 64) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[10 + d.length];
    out[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
    out[6] = 1;
    out[8] = (byte) d.length;
    out[9] = (byte) (d.length >>> 8);
    System.arraycopy(d, 0, out, 10, d.length);
    return out;
  }

  @Test
  void dataThatFitsButNotWithTheHeaderIsRefusedAsOverflow() {
    // 64 x (2^57 - 1) = 2^63 - 64 data bytes fit in a long; adding the header does not.
    byte[] h = header("(64, 144115188075855871)");
    BadInputException e = assertThrows(BadInputException.class,
        () -> NpyHeader.read(new ByteArrayInputStream(h), "big.npy"));
    assertTrue(e.getMessage().contains("overflows 2^63 bytes"), e.getMessage());
  }

  @Test
  void aProductThatOverflowsIsRefused() {
    byte[] h = header("(4294967296, 4294967296)");
    BadInputException e = assertThrows(BadInputException.class,
        () -> NpyHeader.read(new ByteArrayInputStream(h), "big.npy"));
    assertTrue(e.getMessage().contains("big.npy: byte 10: shape (4294967296, 4294967296) of |u1"
        + " overflows 2^63 bytes"), e.getMessage());
  }
}
