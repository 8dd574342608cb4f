package dev.preaug.core.ops;

import java.util.Locale;

/**
 * The resampling filters of Pillow's {@code Image.resize((w, h), resample)} that preaug
 * reproduces bit for bit. {@link #BICUBIC} is Pillow's default since 7.0 (and what the seed's
 * {@code img.resize((w, h))} uses); {@link #BILINEAR} runs the same two-pass fixed-point
 * convolution with a triangle kernel; {@link #NEAREST} is Pillow's affine nearest-neighbour scale.
 */
public enum Resample {
  NEAREST(0.0),
  BILINEAR(1.0),
  BICUBIC(2.0);

  private final double support;

  Resample(double support) {
    this.support = support;
  }

  /** Half-width of the kernel at scale 1 (Pillow's {@code filter->support}); 0 for nearest. */
  double support() {
    return support;
  }

  /** The kernel weight at distance {@code x}, as Pillow's C computes it. */
  double kernel(double x) {
    switch (this) {
      case BICUBIC:
        return BicubicCoefficients.kernel(x);
      case BILINEAR:
        if (x < 0.0) {
          x = -x;
        }
        return x < 1.0 ? 1.0 - x : 0.0;
      default:
        throw new IllegalStateException("nearest has no convolution kernel");
    }
  }

  /** The lower-case name used in config values ({@code bicubic}). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The filter a config value names (any case).
   *
   * @throws IllegalArgumentException naming the value and the allowed names
   */
  public static Resample parse(String value) {
    for (Resample r : values()) {
      if (r.configName().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("'" + value + "': must be bicubic, bilinear or nearest");
  }
}
