package dev.preaug.core.folder;

import dev.preaug.core.BadInputException;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Resample;
import dev.preaug.core.ops.ResizePaste;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One image file of an image-folder input, as Pillow gives it: {@code Image.open(f).convert(mode)}
 * for mode {@code L} or {@code RGB}, then {@code .resize((w, h), resample)} when the size differs.
 * The file is decoded by the JDK's {@code javax.imageio}; the conversion is done here on the raw
 * samples with Pillow's rules (Pillow's {@code Convert.c} and PNG modes), not with the JDK's colour
 * management, which would apply a gamma curve to gray images:
 *
 * <ul>
 *   <li>to L from colour: {@code L = (19595 R + 38470 G + 7471 B + 2^15) >> 16};
 *   <li>alpha (RGBA, LA) is dropped, never composited; a palette's transparent index is ignored;
 *   <li>palette images look up the palette (then the formula above for L);
 *   <li>gray to RGB copies the value into the three bands;
 *   <li>16-bit PNGs: colour and gray+alpha keep the high byte (Pillow's {@code RGB;16B},
 *       {@code LA;16B}); gray without alpha is Pillow's mode I, which {@code convert} clips to
 *       0..255 (so 256..65535 become 255).
 * </ul>
 *
 * <p>Other sample layouts (BMP's 5- and 6-bit fields) go through the JDK's own conversion to
 * 8-bit sRGB, which the golden tests do not cover.
 */
public final class FolderImages {
  private FolderImages() {}

  /**
   * The Pillow mode a config value names: 1 channel for {@code L}, 3 for {@code RGB} (any case).
   *
   * @throws IllegalArgumentException naming the value and the allowed modes
   */
  public static int channelsOf(String mode) {
    switch (mode.strip().toUpperCase(Locale.ROOT)) {
      case "L":
        return 1;
      case "RGB":
        return 3;
      default:
        throw new IllegalArgumentException("'" + mode + "': must be L or RGB");
    }
  }

  /**
   * Decodes {@code in}, converts it to {@code channels} bands and brings it to
   * {@code width x height} with {@code resample}.
   *
   * @param name the file, for error messages
   * @throws BadInputException naming the file when it cannot be decoded
   */
  public static Image read(InputStream in, String name, int channels, int width, int height,
      Resample resample) {
    return resize(convert(decode(in, name), channels), width, height, resample);
  }

  /** The JDK's decoding of one PNG, JPEG, BMP or GIF (first frame). */
  public static BufferedImage decode(InputStream in, String name) {
    BufferedImage img;
    try {
      img = ImageIO.read(in);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(name, "", "cannot decode image: " + oneLine(e));
    }
    if (img == null) {
      throw new BadInputException(name, "", "not a readable PNG, JPEG, BMP or GIF image");
    }
    return img;
  }

  /** Pillow's {@code img.resize((w, h), resample)}, each band as mode L; itself at that size. */
  public static Image resize(Image img, int width, int height, Resample resample) {
    if (img.width() == width && img.height() == height) {
      return img;
    }
    GrayImage[] bands = img.bands();
    for (int c = 0; c < bands.length; c++) {
      bands[c] = ResizePaste.resize(bands[c], width, height, resample);
    }
    return Image.merge(bands);
  }

  /** Pillow's {@code convert('L')} (channels 1) or {@code convert('RGB')} (channels 3). */
  public static Image convert(BufferedImage img, int channels) {
    Image.checkChannels(channels);
    int w = img.getWidth();
    int h = img.getHeight();
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    byte[] out = new byte[w * h * channels];
    if (cm instanceof IndexColorModel) {
      IndexColorModel icm = (IndexColorModel) cm;
      int n = icm.getMapSize();
      int[] rgb = new int[n];
      icm.getRGBs(rgb);
      int[] idx = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, idx);
        for (int x = 0; x < w; x++) {
          // An index past the palette is black, as in Pillow's zero-padded palette.
          int p = idx[x] < n ? rgb[idx[x]] : 0;
          put(out, (y * w + x) * channels, channels, (p >>> 16) & 0xFF, (p >>> 8) & 0xFF,
              p & 0xFF);
        }
      }
      return Image.wrap(w, h, channels, out);
    }
    int bands = raster.getNumBands();
    int type = cm.getColorSpace().getType();
    int bits = raster.getSampleModel().getSampleSize(0);
    boolean sameBits = true;
    for (int b = 1; b < bands; b++) {
      sameBits &= raster.getSampleModel().getSampleSize(b) == bits;
    }
    boolean gray = type == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2);
    boolean rgb = type == ColorSpace.TYPE_RGB && (bands == 3 || bands == 4);
    if (sameBits && (bits == 8 || bits == 16) && (gray || rgb)) {
      // 16-bit gray without alpha is Pillow's mode I, which convert() clips; every other
      // 16-bit layout keeps the high byte.
      boolean clip = gray && bands == 1 && bits == 16;
      int shift = bits == 16 && !clip ? 8 : 0;
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0, s = 0; x < w; x++, s += bands) {
          int o = (y * w + x) * channels;
          if (gray) {
            int v = clip ? Math.min(row[s], 255) : row[s] >>> shift;
            put(out, o, channels, v, v, v);
          } else {
            put(out, o, channels, row[s] >>> shift, row[s + 1] >>> shift, row[s + 2] >>> shift);
          }
        }
      }
      return Image.wrap(w, h, channels, out);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      put(out, i * channels, channels, (p >>> 16) & 0xFF, (p >>> 8) & 0xFF, p & 0xFF);
    }
    return Image.wrap(w, h, channels, out);
  }

  /**
   * One pixel from its R, G, B values: the three bands, or Pillow's L formula. A gray source
   * passes R = G = B = v, for which the formula gives v back exactly (the weights sum to 2^16).
   */
  private static void put(byte[] out, int o, int channels, int r, int g, int b) {
    if (channels == 3) {
      out[o] = (byte) r;
      out[o + 1] = (byte) g;
      out[o + 2] = (byte) b;
    } else {
      out[o] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16);
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    return s.replaceAll("\\s+", " ").strip();
  }
}
