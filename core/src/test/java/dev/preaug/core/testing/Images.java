package dev.preaug.core.testing;

import dev.preaug.core.image.GrayImage;
import java.util.SplittableRandom;

/** Test images and comparisons. */
public final class Images {
  private Images() {}

  /** A golden {@code |u1} array as an image (width = columns). */
  public static GrayImage fromNpy(Npy npy) {
    if (!npy.dtype.equals("|u1")) {
      throw new IllegalArgumentException("expected uint8 image, got " + npy.dtype);
    }
    return GrayImage.of(npy.cols, npy.rows, npy.data);
  }

  /** Fails with {@link #difference}, prefixed by {@code context}, unless the images are equal. */
  public static void assertPixelsEqual(GrayImage expected, GrayImage actual,
      java.util.function.Supplier<String> context) {
    String diff = difference(expected, actual);
    if (diff != null) {
      org.junit.jupiter.api.Assertions.fail(context.get() + ": " + diff);
    }
  }

  /**
   * Null when equal, otherwise a description: sizes, or the first differing pixel in row-major
   * order (x, y, expected, actual) and how many pixels differ.
   */
  public static String difference(GrayImage expected, GrayImage actual) {
    if (expected.width() != actual.width() || expected.height() != actual.height()) {
      return "size " + actual.width() + "x" + actual.height() + ", expected "
          + expected.width() + "x" + expected.height();
    }
    byte[] e = expected.array();
    byte[] a = actual.array();
    int first = -1;
    int count = 0;
    for (int i = 0; i < e.length; i++) {
      if (e[i] != a[i]) {
        count++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (count == 0) {
      return null;
    }
    int w = expected.width();
    return count + " of " + e.length + " pixels differ; first at (x=" + (first % w) + ", y="
        + (first / w) + "): expected " + (e[first] & 0xFF) + ", actual " + (a[first] & 0xFF);
  }

  /**
   * A random test image of one of several kinds: uniform noise, sparse binary noise, smooth
   * gradients, and glyph-like strokes on black (what the pipeline really sees).
   */
  public static GrayImage random(SplittableRandom rnd, int w, int h) {
    byte[] p = new byte[w * h];
    switch (rnd.nextInt(4)) {
      case 0:
        for (int i = 0; i < p.length; i++) {
          p[i] = (byte) rnd.nextInt(256);
        }
        break;
      case 1:
        for (int i = 0; i < p.length; i++) {
          p[i] = (byte) (rnd.nextInt(5) == 0 ? 255 : 0);
        }
        break;
      case 2:
        double gx = rnd.nextDouble(-8, 8);
        double gy = rnd.nextDouble(-8, 8);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            p[y * w + x] = (byte) Math.floorMod((int) (128 + gx * x + gy * y), 256);
          }
        }
        break;
      default:
        return strokes(rnd, w, h, 2 + rnd.nextInt(5));
    }
    return GrayImage.wrap(w, h, p);
  }

  /** Thick straight strokes of random grey levels on black, like a kanji glyph. */
  public static GrayImage strokes(SplittableRandom rnd, int w, int h, int n) {
    byte[] p = new byte[w * h];
    for (int s = 0; s < n; s++) {
      double x0 = rnd.nextDouble() * w;
      double y0 = rnd.nextDouble() * h;
      double x1 = rnd.nextDouble() * w;
      double y1 = rnd.nextDouble() * h;
      double thickness = 1.0 + rnd.nextDouble() * Math.max(1.0, Math.min(w, h) / 16.0);
      int level = 160 + rnd.nextInt(96);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (distance(x + 0.5, y + 0.5, x0, y0, x1, y1) <= thickness) {
            p[y * w + x] = (byte) level;
          }
        }
      }
    }
    return GrayImage.wrap(w, h, p);
  }

  private static double distance(double px, double py, double x0, double y0, double x1,
      double y1) {
    double dx = x1 - x0;
    double dy = y1 - y0;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
    double cx = x0 + t * dx - px;
    double cy = y0 + t * dy - py;
    return Math.sqrt(cx * cx + cy * cy);
  }

  /**
   * Raw sample arrays of length {@code n} for comparing a fast kernel with its plain loops:
   * noise, all 0, all 255 and a coarse 0/255 checkerboard (runs of 3 and 7 samples), which
   * drives sharpening filters to both clamps.
   */
  public static java.util.List<byte[]> extremes(SplittableRandom rnd, int n) {
    java.util.List<byte[]> images = new java.util.ArrayList<>();
    byte[] noise = new byte[n];
    rnd.nextBytes(noise);
    images.add(noise);
    images.add(new byte[n]);
    byte[] white = new byte[n];
    java.util.Arrays.fill(white, (byte) 255);
    images.add(white);
    byte[] checker = new byte[n];
    for (int k = 0; k < n; k++) {
      checker[k] = (byte) (((k / 3) + (k / 7)) % 2 == 0 ? 0 : 255);
    }
    images.add(checker);
    return images;
  }
}
