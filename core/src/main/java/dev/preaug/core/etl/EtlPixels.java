package dev.preaug.core.etl;

import dev.preaug.core.image.GrayImage;

/**
 * Raw levels to the seed's uint8 pixels: nearest resize with the reference's index rule, then the
 * reference's normalisation.
 *
 * <p>The reference resizes a palette-mode image, for which Pillow always samples the nearest
 * pixel whatever filter is asked for: output index {@code i} reads source index {@code floor((i +
 * 0.5) * src / out)}, per axis. Computed here in integers as {@code (2i + 1) * src / (2 * out)}, so
 * no rounding can creep in.
 */
public final class EtlPixels {
  private EtlPixels() {}

  /**
   * What the seed's {@code np.uint8(float16(v / 63) * 255)} gives for each 6-bit level v: the
   * division is rounded to float16, the product is rounded to float16 again, then truncated. Not
   * always {@code floor(v * 255 / 63)} (level 41 gives 166): the test recomputes every entry in
   * exact arithmetic.
   */
  static final int[] SIX_BIT_REFERENCE = {
    0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60,
    64, 68, 72, 76, 80, 85, 89, 93, 97, 101, 105, 109, 113, 117, 121, 125,
    129, 133, 137, 141, 145, 149, 153, 157, 161, 166, 170, 174, 178, 182, 186, 190,
    194, 198, 202, 206, 210, 214, 218, 222, 226, 230, 234, 238, 242, 246, 250, 255
  };

  /** Source index for each of {@code out} output indices, by the reference's nearest rule. */
  public static int[] nearestIndices(int src, int out) {
    if (src <= 0 || out <= 0) {
      throw new IllegalArgumentException("sizes must be positive: src " + src + ", out " + out);
    }
    int[] idx = new int[out];
    for (int i = 0; i < out; i++) {
      idx[i] = (int) ((2L * i + 1) * src / (2L * out));
    }
    return idx;
  }

  /** uint8 value for each raw level of a {@code depth}-bit image. */
  public static byte[] levelTable(int depth, EtlOptions.Normalization normalization) {
    int levels = 1 << depth;
    int max = levels - 1;
    byte[] lut = new byte[levels];
    for (int v = 0; v < levels; v++) {
      int u;
      if (normalization == EtlOptions.Normalization.FULL_RANGE || depth == 1) {
        // depth 1: the reference keeps 0/1 and the seed's x*255 makes 0/255, the same as this.
        u = (v * 255 + max / 2) / max;
      } else if (depth == 4) {
        u = v * 17; // float16(v/15)*255 rounds back to exactly v*17 for all 16 levels
      } else if (depth == 6) {
        u = SIX_BIT_REFERENCE[v];
      } else {
        throw new IllegalArgumentException("no reference normalisation for depth " + depth);
      }
      lut[v] = (byte) u;
    }
    return lut;
  }

  /**
   * Samples one format's records at one output size. Every ETL format starts its image and each
   * image row on a byte boundary, so a pixel's byte is the row's byte plus the column's byte: the
   * plan is two short arrays (rows, columns) that stay in L1 cache, not one entry per pixel.
   */
  static final class Sampler {
    private final int depth;
    private final int mask;
    private final byte[] lut;
    private final int width;
    private final int height;
    private final int[] rowByte;
    private final int[] colByte;
    private final int[] colShift;
    private final boolean[] spans; // pixel crosses a byte boundary (6-bit only)
    private final boolean anySpan;

    Sampler(EtlFormat f, int outWidth, int outHeight, byte[] lut) {
      if (f.imageBitOffset() % 8 != 0 || (f.width() * f.depth()) % 8 != 0) {
        throw new IllegalArgumentException(f + ": image rows are not byte-aligned");
      }
      this.depth = f.depth();
      this.mask = (1 << depth) - 1;
      this.lut = lut;
      this.width = outWidth;
      this.height = outHeight;
      int rowBytes = f.width() * depth / 8;
      int[] ys = nearestIndices(f.height(), outHeight);
      rowByte = new int[outHeight];
      for (int y = 0; y < outHeight; y++) {
        rowByte[y] = f.imageBitOffset() / 8 + ys[y] * rowBytes;
      }
      int[] xs = nearestIndices(f.width(), outWidth);
      colByte = new int[outWidth];
      colShift = new int[outWidth];
      spans = new boolean[outWidth];
      boolean any = false;
      for (int x = 0; x < outWidth; x++) {
        int bit = xs[x] * depth;
        colByte[x] = bit >>> 3;
        int inByte = bit & 7;
        spans[x] = inByte + depth > 8;
        colShift[x] = spans[x] ? 16 - inByte - depth : 8 - inByte - depth;
        any |= spans[x];
      }
      this.anySpan = any;
    }

    /** The output image of the record starting at {@code buf[base]}. */
    GrayImage sample(byte[] buf, int base) {
      byte[] out = new byte[width * height];
      int k = 0;
      for (int y = 0; y < height; y++) {
        int row = base + rowByte[y];
        if (!anySpan) {
          for (int x = 0; x < width; x++) {
            out[k++] = lut[((buf[row + colByte[x]] & 0xFF) >>> colShift[x]) & mask];
          }
        } else {
          for (int x = 0; x < width; x++) {
            int at = row + colByte[x];
            int v = spans[x]
                ? (((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF)) >>> colShift[x]
                : (buf[at] & 0xFF) >>> colShift[x];
            out[k++] = lut[v & mask];
          }
        }
      }
      return GrayImage.wrap(width, height, out);
    }
  }
}
