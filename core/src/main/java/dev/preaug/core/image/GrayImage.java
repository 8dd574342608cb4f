package dev.preaug.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 8-bit single-channel image (Pillow mode {@code L}), stored row-major:
 * pixel {@code (x, y)} is {@code array()[y * width + x] & 0xFF}.
 *
 * <p>Ops never mutate their input: each returns a new image. For speed the kernels read the
 * backing array directly through {@link #array()}; that array must be treated as read-only by
 * everyone, which is why {@link #of} copies and only {@link #wrap} (for freshly built arrays
 * whose builder gives up ownership) does not.
 */
public final class GrayImage {
  private final int width;
  private final int height;
  private final byte[] pixels;

  private GrayImage(int width, int height, byte[] pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size " + width + "x" + height + ": width and height must be positive");
    }
    if (pixels.length != width * height) {
      throw new IllegalArgumentException(
          "image " + width + "x" + height + " needs " + (width * height) + " bytes, got "
              + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  /** A copy of {@code pixels} (row-major, length {@code width*height}) as an image. */
  public static GrayImage of(int width, int height, byte[] pixels) {
    Objects.requireNonNull(pixels, "pixels");
    return new GrayImage(width, height, pixels.clone());
  }

  /**
   * Takes ownership of {@code pixels} without copying. The caller must never write to the array
   * afterwards; kernels use this for the arrays they have just filled.
   */
  public static GrayImage wrap(int width, int height, byte[] pixels) {
    Objects.requireNonNull(pixels, "pixels");
    return new GrayImage(width, height, pixels);
  }

  /** An all-black image, as Pillow's {@code Image.new('L', (w, h))}. */
  public static GrayImage black(int width, int height) {
    return new GrayImage(width, height, new byte[width * height]);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel at column {@code x}, row {@code y}, as 0..255. */
  public int get(int x, int y) {
    if (x < 0 || x >= width || y < 0 || y >= height) {
      throw new IndexOutOfBoundsException(
          "pixel (" + x + ", " + y + ") outside " + width + "x" + height);
    }
    return pixels[y * width + x] & 0xFF;
  }

  /**
   * The backing array, row-major. Read-only by contract: kernels read it to avoid a copy per op;
   * nobody may write to it.
   */
  public byte[] array() {
    return pixels;
  }

  /** A fresh copy of the pixels, row-major. */
  public byte[] toArray() {
    return pixels.clone();
  }

  /** Copies the pixels into {@code dst} starting at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(pixels, 0, dst, offset, pixels.length);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GrayImage)) {
      return false;
    }
    GrayImage other = (GrayImage) o;
    return width == other.width && height == other.height && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "GrayImage[" + width + "x" + height + "]";
  }
}
