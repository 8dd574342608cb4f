package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;

/** Checks and conversions shared by the readers of published NPY shards (verify, preview). */
public final class ShardArrays {
  private static final int[] BYTE_OF_HALF = new int[1 << 16];

  static {
    Arrays.fill(BYTE_OF_HALF, -1);
    for (int c = 0; c < 256; c++) {
      BYTE_OF_HALF[HalfBits.fromDouble(c / 255.0)] = c;
    }
  }

  private ShardArrays() {}

  /** The uint8 pixels of a float16 images row written as v/255; other values are an error. */
  public static byte[] fromHalf(byte[] buf, int pixels, Path p, int row) {
    byte[] px = new byte[pixels];
    for (int j = 0; j < pixels; j++) {
      int bits = (buf[2 * j] & 0xFF) | ((buf[2 * j + 1] & 0xFF) << 8);
      int v = BYTE_OF_HALF[bits];
      if (v < 0) {
        throw new BadInputException(p.toString(), "row " + row + ", pixel " + j,
            "float16 bits 0x" + Integer.toHexString(bits) + " are not v/255 for any byte v");
      }
      px[j] = (byte) v;
    }
    return px;
  }

  /** Fails unless the header has exactly this dtype and shape. */
  public static void expect(NpyHeader h, NpyDtype type, Path p, long... shape) {
    if (h.dtype() != type || !Arrays.equals(h.shape(), shape)) {
      throw new BadInputException(p.toString(), "header", "is " + h.dtype().descr() + " "
          + h.shapeString() + ", expected " + type.descr() + " "
          + Arrays.toString(shape).replace('[', '(').replace(']', ')'));
    }
  }
}
