package dev.preaug.core.preview;

import dev.preaug.core.format.Png;
import dev.preaug.core.image.Image;

/**
 * The drawing surface of a contact sheet, gray (one band) or RGB (three, interleaved as
 * {@link Image} stores them): filled rectangles, frames, images zoomed by an integer factor
 * (nearest neighbour, so every source pixel stays a crisp square), and text in the built-in
 * {@link BitmapFont}. Paper, ink and frames are shades of gray, drawn with the same value in
 * every band; a gray image on an RGB surface is drawn the same way, so it looks as on a gray one.
 * Drawing outside the surface is clipped.
 *
 * <p>Unlike the rest of preaug's values this one is mutable: it is the canvas a sheet is drawn on
 * and lives only inside {@link ContactSheet#render}.
 */
public final class Raster {
  private final int width;
  private final int height;
  private final int channels;
  private final byte[] pixels;

  /** A gray surface filled with {@code background}. */
  public Raster(int width, int height, int background) {
    this(width, height, 1, background);
  }

  /**
   * A surface of {@code channels} bands (1: gray, 3: RGB) filled with the gray
   * {@code background}.
   */
  public Raster(int width, int height, int channels, int background) {
    Image.checkChannels(channels);
    if (width < 1 || height < 1 || (long) width * height * channels > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("raster " + width + "x" + height + "x" + channels
          + " is empty or too large");
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.pixels = new byte[width * height * channels];
    java.util.Arrays.fill(pixels, (byte) background);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** 1 (gray) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  /** Band {@code c} at {@code (x, y)}, 0..255. */
  public int get(int x, int y, int c) {
    if (c < 0 || c >= channels) {
      throw new IndexOutOfBoundsException("band " + c + " of a " + channels + "-band raster");
    }
    return pixels[(y * width + x) * channels + c] & 0xFF;
  }

  /**
   * The gray value at {@code (x, y)}, 0..255, or -1 where the bands differ (a colour pixel):
   * what paper, ink and frames are tested by.
   */
  public int gray(int x, int y) {
    int v = get(x, y, 0);
    for (int c = 1; c < channels; c++) {
      if (get(x, y, c) != v) {
        return -1;
      }
    }
    return v;
  }

  /** Fills a rectangle with the gray {@code value} in every band. */
  public void fill(int x, int y, int w, int h, int value) {
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + w);
    byte v = (byte) value;
    for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
      java.util.Arrays.fill(pixels, (yy * width + x0) * channels, (yy * width + x1) * channels,
          v);
    }
  }

  /** A one-pixel outline just outside the rectangle {@code (x, y, w, h)}. */
  public void frame(int x, int y, int w, int h, int value) {
    fill(x - 1, y - 1, w + 2, 1, value);
    fill(x - 1, y + h, w + 2, 1, value);
    fill(x - 1, y, 1, h, value);
    fill(x + w, y, 1, h, value);
  }

  /**
   * Draws {@code img} with its top-left corner at {@code (x, y)}, each pixel as a scale² block.
   * A gray image is drawn with its value in every band.
   *
   * @throws IllegalArgumentException for an RGB image on a gray surface (its colour would be
   *     lost)
   */
  public void image(Image img, int x, int y, int scale) {
    int ic = img.channels();
    if (ic > channels) {
      throw new IllegalArgumentException("an RGB image on a gray raster: draw colour images"
          + " on an RGB raster");
    }
    byte[] src = img.array();
    int iw = img.width();
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + iw * scale);
    for (int yy = Math.max(0, y); yy < Math.min(height, y + img.height() * scale); yy++) {
      int srcRow = (yy - y) / scale * iw;
      for (int xx = x0; xx < x1; xx++) {
        int s = (srcRow + (xx - x) / scale) * ic;
        int d = (yy * width + xx) * channels;
        for (int c = 0; c < channels; c++) {
          pixels[d + c] = src[s + (ic == 1 ? 0 : c)];
        }
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

  /** A copy of the pixels, row-major, bands interleaved. */
  public byte[] pixels() {
    return pixels.clone();
  }

  /** The surface as an 8-bit PNG: gray (colour type 0) or RGB (colour type 2). */
  public byte[] png() {
    return Png.encode(width, height, channels, pixels);
  }
}
