package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * The per-pixel machinery under Pillow's point operations and enhancers: lookup tables
 * ({@code image.point(lut)}), histograms ({@code image.histogram()}) and {@code Image.blend}.
 */
final class PixelMaps {
  private PixelMaps() {}

  /** {@code image.point(lut)} for mode L: every pixel through a 256-entry table. */
  static GrayImage lut(GrayImage in, int[] lut) {
    byte[] src = in.array();
    byte[] table = new byte[256];
    for (int i = 0; i < 256; i++) {
      // Pillow stores a point table for an 8-bit image as bytes, clipping each entry to 0..255.
      table[i] = (byte) Math.max(0, Math.min(255, lut[i]));
    }
    byte[] out = new byte[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = table[src[i] & 0xFF];
    }
    return GrayImage.wrap(in.width(), in.height(), out);
  }

  /** {@code image.histogram()} of a mode L image: the count of every value 0..255. */
  static long[] histogram(GrayImage in) {
    long[] h = new long[256];
    for (byte b : in.array()) {
      h[b & 0xFF]++;
    }
    return h;
  }

  /**
   * {@code Image.blend(im1, im2, alpha)} for mode L: {@code im1 + alpha * (im2 - im1)} per pixel.
   * Pillow's C code takes alpha as a C {@code float} and computes in single precision, then
   * truncates to 8 bits; outside [0, 1] (extrapolation) it clips first. Java's float arithmetic
   * is the same IEEE single precision, so the same values come out.
   */
  static GrayImage blend(GrayImage im1, GrayImage im2, double alpha) {
    float a = (float) alpha;
    byte[] p1 = im1.array();
    byte[] p2 = im2.array();
    byte[] out = new byte[p1.length];
    boolean interpolate = a >= 0 && a <= 1.0;
    for (int i = 0; i < out.length; i++) {
      int v1 = p1[i] & 0xFF;
      int v2 = p2[i] & 0xFF;
      float t = v1 + a * (v2 - v1);
      if (interpolate) {
        out[i] = (byte) (int) t;
      } else {
        out[i] = (byte) (t <= 0f ? 0 : t >= 255f ? 255 : (int) t);
      }
    }
    return GrayImage.wrap(im1.width(), im1.height(), out);
  }

  /** An image of one value, {@code Image.new("L", size, value)}. */
  static GrayImage filled(int width, int height, int value) {
    byte[] px = new byte[width * height];
    java.util.Arrays.fill(px, (byte) value);
    return GrayImage.wrap(width, height, px);
  }

  /**
   * {@code img.convert("L")} of an RGB image: ITU-R 601-2 luma in Pillow's fixed point,
   * {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16} (Convert.c's L24).
   */
  static GrayImage luminance(Image rgb) {
    byte[] src = rgb.array();
    byte[] out = new byte[rgb.width() * rgb.height()];
    for (int i = 0, s = 0; i < out.length; i++, s += 3) {
      out[i] = (byte) (((src[s] & 0xFF) * 19595 + (src[s + 1] & 0xFF) * 38470
          + (src[s + 2] & 0xFF) * 7471 + 0x8000) >> 16);
    }
    return GrayImage.wrap(rgb.width(), rgb.height(), out);
  }
}
