package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.function.Function;

/**
 * The per-pixel machinery under Pillow's point operations and enhancers: lookup tables
 * ({@code image.point(lut)}), histograms ({@code image.histogram()}) and {@code Image.blend}.
 */
final class PixelMaps {
  /** {@code lut[i] = i}: a band left as it is. */
  static final int[] IDENTITY = identity();
  /** The samples 0..255 in order. */
  private static final byte[] IDENTITY_BYTES = identityBytes();

  private PixelMaps() {}

  private static byte[] identityBytes() {
    byte[] b = new byte[256];
    for (int i = 0; i < 256; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static int[] identity() {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i;
    }
    return lut;
  }

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

  /**
   * {@code image.point(lut)} with the same table for every band, on the interleaved samples of
   * an image of any mode: each band gets exactly what {@link #lut(GrayImage, int[])} gives it.
   */
  static Image lut(Image in, int[] lut) {
    byte[] table = table(lut);
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = table[src[i] & 0xFF];
    }
    return Image.wrap(in.width(), in.height(), in.channels(), out);
  }

  /** A point table as Pillow stores it for 8-bit images: each entry clipped to 0..255. */
  private static byte[] table(int[] lut) {
    byte[] table = new byte[256];
    for (int i = 0; i < 256; i++) {
      table[i] = (byte) Math.max(0, Math.min(255, lut[i]));
    }
    return table;
  }

  /** {@code image.point(lut)} with band {@code c}'s own table {@code luts[c]}, interleaved. */
  static Image lutPerBand(Image in, int[][] luts) {
    int c = in.channels();
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    if (c == 3) { // one pass over the pixels: strided passes per band cost about three times more
      byte[] t0 = table(luts[0]);
      byte[] t1 = table(luts[1]);
      byte[] t2 = table(luts[2]);
      for (int i = 0; i + 2 < src.length; i += 3) {
        out[i] = t0[src[i] & 0xFF];
        out[i + 1] = t1[src[i + 1] & 0xFF];
        out[i + 2] = t2[src[i + 2] & 0xFF];
      }
      return Image.wrap(in.width(), in.height(), c, out);
    }
    for (int b = 0; b < c; b++) {
      byte[] table = table(luts[b]);
      for (int i = b; i < src.length; i += c) {
        out[i] = table[src[i] & 0xFF];
      }
    }
    return Image.wrap(in.width(), in.height(), c, out);
  }

  /**
   * Each band through the table {@code table} makes from that band's own histogram, on the
   * interleaved samples; a band whose table is null (Pillow leaves it as it is) keeps its values.
   * AutoContrast and Equalize differ only in the table.
   */
  static Image lutByHistogram(Image in, Function<long[], int[]> table) {
    long[][] h = histograms(in);
    int[][] luts = new int[h.length][];
    for (int b = 0; b < h.length; b++) {
      luts[b] = table.apply(h[b]);
      if (luts[b] == null) {
        luts[b] = IDENTITY;
      }
    }
    return lutPerBand(in, luts);
  }

  /** {@link #lutByHistogram(Image, Function)} for one gray band. */
  static GrayImage lutByHistogram(GrayImage in, Function<long[], int[]> table) {
    int[] lut = table.apply(histogram(in));
    return lut == null ? in : lut(in, lut);
  }

  /** {@code image.histogram()} split by band: {@code [band][value]} counts, interleaved input. */
  static long[][] histograms(Image in) {
    int c = in.channels();
    long[][] h = new long[c][256];
    byte[] src = in.array();
    if (c == 3) {
      long[] h0 = h[0];
      long[] h1 = h[1];
      long[] h2 = h[2];
      for (int i = 0; i + 2 < src.length; i += 3) {
        h0[src[i] & 0xFF]++;
        h1[src[i + 1] & 0xFF]++;
        h2[src[i + 2] & 0xFF]++;
      }
      return h;
    }
    for (int b = 0; b < c; b++) {
      long[] hb = h[b];
      for (int i = b; i < src.length; i += c) {
        hb[src[i] & 0xFF]++;
      }
    }
    return h;
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
    return GrayImage.wrap(im1.width(), im1.height(), blend(im1.array(), im2.array(), alpha));
  }

  /**
   * {@link #blend(GrayImage, GrayImage, double)} on two sample arrays of the same length: one
   * band, or the interleaved bands of two images of the same mode (Pillow blends every band
   * with the same arithmetic).
   */
  static byte[] blend(byte[] p1, byte[] p2, double alpha) {
    float a = (float) alpha;
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
    return out;
  }

  /**
   * {@link #blend(byte[], byte[], double)} from an image flat at {@code v1} (the enhancers'
   * black or mean grey): the result depends on the other sample alone, so the same arithmetic
   * fills a 256-entry table once and every sample is a lookup, a third of the per-sample float
   * loop's time on a 32x32 RGB image.
   */
  static byte[] blendFrom(int v1, byte[] p2, double alpha) {
    byte[] flat = new byte[256];
    java.util.Arrays.fill(flat, (byte) v1);
    byte[] table = blend(flat, IDENTITY_BYTES, alpha);
    byte[] out = new byte[p2.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = table[p2[i] & 0xFF];
    }
    return out;
  }

  /**
   * {@link #blend(byte[], byte[], double)} of an RGB image's every band from its
   * {@link #luminance} ({@code ImageEnhance.Color}), in one pass: each pixel's luma is computed
   * where it is used instead of in an image of its own that is then repeated per band.
   */
  static byte[] blendFromLuma(Image rgb, double alpha) {
    float a = (float) alpha;
    byte[] src = rgb.array();
    byte[] out = new byte[src.length];
    boolean interpolate = a >= 0 && a <= 1.0;
    for (int s = 0; s + 2 < src.length; s += 3) {
      int v1 = ((src[s] & 0xFF) * 19595 + (src[s + 1] & 0xFF) * 38470
          + (src[s + 2] & 0xFF) * 7471 + 0x8000) >> 16;
      float r = v1 + a * ((src[s] & 0xFF) - v1);
      float g = v1 + a * ((src[s + 1] & 0xFF) - v1);
      float bl = v1 + a * ((src[s + 2] & 0xFF) - v1);
      if (interpolate) {
        out[s] = (byte) (int) r;
        out[s + 1] = (byte) (int) g;
        out[s + 2] = (byte) (int) bl;
      } else {
        out[s] = clipped(r);
        out[s + 1] = clipped(g);
        out[s + 2] = clipped(bl);
      }
    }
    return out;
  }

  /** Pillow's clip of an extrapolated blend value, then the truncation to 8 bits. */
  private static byte clipped(float t) {
    return (byte) (t <= 0f ? 0 : t >= 255f ? 255 : (int) t);
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
