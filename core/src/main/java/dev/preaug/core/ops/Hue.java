package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.adjust_hue(img, factor)} on a PIL image: {@code img.convert("HSV")},
 * the hue band shifted by {@code np.uint8(factor * 255)} with uint8 wrap-around, then {@code
 * Image.merge("HSV", ...).convert("RGB")}. Mode L images come back unchanged (torchvision returns
 * them as they are). The two conversions are Pillow's (Convert.c {@code rgb2hsv_row} and {@code
 * hsv2rgb}), with their mix of single- and double-precision steps kept, since the truncations
 * depend on them. Spec: {@code hue(factor)}, factor in [-0.5, 0.5].
 */
public final class Hue implements Op {
  static final String NAME = "hue";
  /** {@code hue(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_hue(img, factor): convert('HSV'), h += np.uint8(factor * 255), convert back",
      a -> new Hue(a[0]), OpKind.Param.real("factor", -0.5, 0.5));

  private final double factor;

  /** @throws IllegalArgumentException if {@code factor} is outside [-0.5, 0.5] or NaN */
  public Hue(double factor) {
    this.factor = Params.finite(NAME, "factor", factor);
    if (factor < -0.5 || factor > 0.5) {
      throw new IllegalArgumentException(NAME + " factor must be in [-0.5, 0.5], got "
          + Params.show(factor));
    }
  }

  public double factor() {
    return factor;
  }

  /** A gray image has no hue: torchvision returns it unchanged. */
  @Override
  public GrayImage apply(GrayImage in) {
    return GrayImage.of(in.width(), in.height(), in.array());
  }

  @Override
  public boolean perBand() {
    return false;
  }

  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    // np.uint8 of a negative float wraps as C's truncating cast does: -25.5 -> -25 -> 231.
    int shift = ((int) (factor * 255)) & 0xFF;
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    for (int i = 0; i < src.length; i += 3) {
      int r = src[i] & 0xFF;
      int g = src[i + 1] & 0xFF;
      int b = src[i + 2] & 0xFF;
      int max = Math.max(r, Math.max(g, b));
      int min = Math.min(r, Math.min(g, b));
      int h;
      int s;
      if (min == max) {
        h = 0;
        s = 0;
      } else {
        float cr = max - min;
        float sf = cr / (float) max;
        float rc = (max - r) / cr;
        float gc = (max - g) / cr;
        float bc = (max - b) / cr;
        float hf;
        if (r == max) {
          hf = bc - gc;
        } else if (g == max) {
          hf = (float) (2.0 + rc - bc);
        } else {
          hf = (float) (4.0 + gc - rc);
        }
        hf = (float) unitFraction(hf / 6.0 + 1.0);
        h = clip8((int) (hf * 255.0));
        s = clip8((int) (sf * 255.0));
      }
      hsvToRgb((h + shift) & 0xFF, s, max, out, i);
    }
    return Image.wrap(in.width(), in.height(), 3, out);
  }

  private static void hsvToRgb(int h, int s, int v, byte[] out, int o) {
    if (s == 0) {
      out[o] = (byte) v;
      out[o + 1] = (byte) v;
      out[o + 2] = (byte) v;
      return;
    }
    int i = (int) Math.floor((float) h * 6.0 / 255.0);
    float f = (float) ((float) h * 6.0 / 255.0 - (float) i);
    float fs = (float) ((float) s / 255.0);
    int p = clip8((int) roundHalfAway((float) v * (1.0 - fs)));
    int q = clip8((int) roundHalfAway((float) v * (1.0 - fs * f)));
    int t = clip8((int) roundHalfAway((float) v * (1.0 - fs * (1.0 - f))));
    int r;
    int g;
    int b;
    switch (i % 6) {
      case 0: r = v; g = t; b = p; break;
      case 1: r = q; g = v; b = p; break;
      case 2: r = p; g = v; b = t; break;
      case 3: r = p; g = q; b = v; break;
      case 4: r = t; g = p; b = v; break;
      default: r = v; g = p; b = q; break;
    }
    out[o] = (byte) r;
    out[o + 1] = (byte) g;
    out[o + 2] = (byte) b;
  }

  /**
   * Pillow's {@code fmod(x, 1.0)} for the {@code x} in [5/6, 11/6] the hue formula gives:
   * {@code x} below 1, else {@code x - 1}, which is exact there (Sterbenz), so it equals {@code
   * x % 1.0} bit for bit; Java's floating {@code %} costs tens of nanoseconds per pixel.
   */
  static double unitFraction(double x) {
    return x >= 1.0 ? x - 1.0 : x;
  }

  /** C's {@code round}: halves away from zero. */
  private static double roundHalfAway(double x) {
    return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
  }

  private static int clip8(int v) {
    return v < 0 ? 0 : v > 255 ? 255 : v;
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hue && Params.sameBits(factor, ((Hue) o).factor);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(factor) * 31 + NAME.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
