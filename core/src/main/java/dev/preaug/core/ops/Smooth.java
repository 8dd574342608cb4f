package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Mirrors Pillow's {@code img.filter(ImageFilter.SMOOTH)}, a 3x3 filter with the border copied
 * (pillow-ops.md section 6); see {@link Filter3x3} for the exact integer form. Spec: {@code smooth}.
 * Stateless: every instance equals every other.
 */
public final class Smooth implements Op, Interleaved {
  static final String NAME = "smooth";
  /** The shared instance; {@code new Smooth()} is equivalent. */
  public static final Smooth INSTANCE = new Smooth();
  /** {@code smooth}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME, "img.filter(ImageFilter.SMOOTH)",
      a -> INSTANCE);

  @Override
  public GrayImage apply(GrayImage in) {
    return Filter3x3.smooth(in);
  }

  /** A colour image in one pass over its interleaved pixels, not band by band. */
  @Override
  public Image apply(Image in) {
    return in.channels() == 1 ? Op.super.apply(in) : Filter3x3.smooth(in);
  }

  @Override
  public String spec() {
    return NAME;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Smooth;
  }

  @Override
  public int hashCode() {
    return 7;
  }

  @Override
  public String toString() {
    return spec();
  }
}
