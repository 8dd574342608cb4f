package dev.preaug.core.preview;

import dev.preaug.core.format.Png;
import dev.preaug.core.image.GrayImage;

/**
 * A gray drawing surface for the contact sheet: filled rectangles, frames, images zoomed by an
 * integer factor (nearest neighbour, so every source pixel stays a crisp square), and text in the
 * built-in {@link BitmapFont}. Drawing outside the surface is clipped.
 *
 * <p>Unlike the rest of preaug's values this one is mutable: it is the canvas a sheet is drawn on
 * and lives only inside {@link ContactSheet#render}.
 */
public final class Raster {
  private final int width;
  private final int height;
  private final byte[] pixels;

  public Raster(int width, int height, int background) {
    if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("raster " + width + "x" + height + " is empty or too"
          + " large");
    }
    this.width = width;
    this.height = height;
    this.pixels = new byte[width * height];
    java.util.Arrays.fill(pixels, (byte) background);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The value at {@code (x, y)}, 0..255. */
  public int get(int x, int y) {
    return pixels[y * width + x] & 0xFF;
  }

  public void fill(int x, int y, int w, int h, int value) {
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + w);
    for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
      for (int xx = x0; xx < x1; xx++) {
        pixels[yy * width + xx] = (byte) value;
      }
    }
  }

  /** A one-pixel outline just outside the rectangle {@code (x, y, w, h)}. */
  public void frame(int x, int y, int w, int h, int value) {
    fill(x - 1, y - 1, w + 2, 1, value);
    fill(x - 1, y + h, w + 2, 1, value);
    fill(x - 1, y, 1, h, value);
    fill(x + w, y, 1, h, value);
  }

  /** Draws {@code img} with its top-left corner at {@code (x, y)}, each pixel as a scale² block. */
  public void image(GrayImage img, int x, int y, int scale) {
    byte[] src = img.array();
    for (int sy = 0; sy < img.height(); sy++) {
      for (int sx = 0; sx < img.width(); sx++) {
        fill(x + sx * scale, y + sy * scale, scale, scale, src[sy * img.width() + sx] & 0xFF);
      }
    }
  }

  /**
   * Draws one line of text with its glyph cells' top-left corner at {@code (x, y)}, each font
   * pixel a textScale² block; returns the width drawn.
   */
  public int text(String s, int x, int y, int textScale, int value) {
    BitmapFont font = BitmapFont.builtIn();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int cx = x + i * BitmapFont.ADVANCE * textScale;
      for (int gy = 0; gy < BitmapFont.GLYPH_HEIGHT; gy++) {
        for (int gx = 0; gx < BitmapFont.GLYPH_WIDTH; gx++) {
          if (font.ink(c, gx, gy)) {
            fill(cx + gx * textScale, y + gy * textScale, textScale, textScale, value);
          }
        }
      }
    }
    return s.length() * BitmapFont.ADVANCE * textScale;
  }

  /** A copy of the pixels, row-major. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /** The surface as an 8-bit gray PNG. */
  public byte[] png() {
    return Png.encodeGray(width, height, pixels);
  }
}
