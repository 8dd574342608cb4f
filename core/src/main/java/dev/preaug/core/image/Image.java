package dev.preaug.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 8-bit image with one band (Pillow mode {@code L}) or three (mode {@code RGB}),
 * stored as the shards store it: row-major, bands interleaved (HWC), so pixel {@code (x, y)} of
 * band {@code c} is {@code array()[(y * width + x) * channels + c] & 0xFF}. This is the type that
 * travels through the whole path (input, record plan, shards, preview, parity).
 *
 * <p>The kernels work on one band at a time ({@link GrayImage}): Pillow runs every op of this
 * project on each band of an RGB image with the same arithmetic as on mode L, so {@link #band}
 * and {@link #merge} are how an op meets a colour image. A one-band image and its band share
 * their array (both are read-only), so mode L pays no copy.
 */
public final class Image {
  private final int width;
  private final int height;
  private final int channels;
  private final byte[] pixels;

  private Image(int width, int height, int channels, byte[] pixels) {
    checkChannels(channels);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size " + width + "x" + height + ": width and height must be positive");
    }
    if (pixels.length != (long) width * height * channels) {
      throw new IllegalArgumentException("image " + width + "x" + height + "x" + channels
          + " needs " + ((long) width * height * channels) + " bytes, got " + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = pixels;
  }

  /**
   * @throws IllegalArgumentException unless {@code channels} is 1 (mode L) or 3 (mode RGB)
   */
  public static int checkChannels(int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels " + channels
          + ": an image has 1 (mode L) or 3 (mode RGB) channels");
    }
    return channels;
  }

  /** A copy of {@code pixels} (row-major HWC, length {@code width*height*channels}). */
  public static Image of(int width, int height, int channels, byte[] pixels) {
    Objects.requireNonNull(pixels, "pixels");
    return new Image(width, height, channels, pixels.clone());
  }

  /**
   * Takes ownership of {@code pixels} (row-major HWC) without copying; the caller must never write
   * to the array afterwards.
   */
  public static Image wrap(int width, int height, int channels, byte[] pixels) {
    Objects.requireNonNull(pixels, "pixels");
    return new Image(width, height, channels, pixels);
  }

  /** A mode L image holding {@code gray}'s pixels (shared, both being read-only). */
  public static Image of(GrayImage gray) {
    return new Image(gray.width(), gray.height(), 1, gray.array());
  }

  /**
   * The image whose bands are {@code bands}, in order (one band: mode L, three: R, G, B). A single
   * band's array is shared, not copied.
   */
  public static Image merge(GrayImage... bands) {
    checkChannels(bands.length);
    GrayImage first = bands[0];
    if (bands.length == 1) {
      return of(first);
    }
    int w = first.width();
    int h = first.height();
    for (GrayImage b : bands) {
      if (b.width() != w || b.height() != h) {
        throw new IllegalArgumentException("bands of " + w + "x" + h + " and " + b.width() + "x"
            + b.height() + ": all bands of an image have one size");
      }
    }
    byte[] r = bands[0].array();
    byte[] g = bands[1].array();
    byte[] b = bands[2].array();
    byte[] out = new byte[w * h * 3];
    // One pass writing the output in order: three strided passes over it cost about three times
    // as much, which for a cheap op was as much as the op itself (docs/benchmarks.md, Colour).
    for (int i = 0, o = 0; i < r.length; i++, o += 3) {
      out[o] = r[i];
      out[o + 1] = g[i];
      out[o + 2] = b[i];
    }
    return new Image(w, h, 3, out);
  }

  /** Band {@code c} as a mode L image (a view, not a copy, when there is one band). */
  public GrayImage band(int c) {
    if (c < 0 || c >= channels) {
      throw new IndexOutOfBoundsException("band " + c + " of a " + mode() + " image");
    }
    if (channels == 1) {
      return GrayImage.wrap(width, height, pixels);
    }
    byte[] out = new byte[width * height];
    for (int i = 0, s = c; i < out.length; i++, s += channels) {
      out[i] = pixels[s];
    }
    return GrayImage.wrap(width, height, out);
  }

  /** All bands, in order. */
  public GrayImage[] bands() {
    if (channels == 1) {
      return new GrayImage[] {band(0)};
    }
    int n = width * height;
    byte[] r = new byte[n];
    byte[] g = new byte[n];
    byte[] b = new byte[n];
    // One pass reading the pixels in order, as merge writes them.
    for (int i = 0, s = 0; i < n; i++, s += 3) {
      r[i] = pixels[s];
      g[i] = pixels[s + 1];
      b[i] = pixels[s + 2];
    }
    return new GrayImage[] {GrayImage.wrap(width, height, r), GrayImage.wrap(width, height, g),
        GrayImage.wrap(width, height, b)};
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** 1 (mode L) or 3 (mode RGB). */
  public int channels() {
    return channels;
  }

  /** Pillow's mode name: {@code L} or {@code RGB}. */
  public String mode() {
    return modeOf(channels);
  }

  /** Pillow's mode name for a channel count: {@code L} or {@code RGB}. */
  public static String modeOf(int channels) {
    return checkChannels(channels) == 1 ? "L" : "RGB";
  }

  /** Band {@code c} of pixel {@code (x, y)}, as 0..255. */
  public int get(int x, int y, int c) {
    if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c >= channels) {
      throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") band " + c + " outside "
          + width + "x" + height + "x" + channels);
    }
    return pixels[(y * width + x) * channels + c] & 0xFF;
  }

  /** The backing array, row-major HWC. Read-only by contract. */
  public byte[] array() {
    return pixels;
  }

  /** A fresh copy of the pixels, row-major HWC. */
  public byte[] toArray() {
    return pixels.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Image)) {
      return false;
    }
    Image other = (Image) o;
    return width == other.width && height == other.height && channels == other.channels
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * width + height) + channels) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "Image[" + width + "x" + height + " " + mode() + "]";
  }
}
