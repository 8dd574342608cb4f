package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.adjust_brightness(img, factor)} on a PIL image, which is Pillow's {@code
 * ImageEnhance.Brightness(img).enhance(factor)}. Blends from black: factor 0 is black, 1 the
 * input. Spec: {@code brightness(factor)}.
 */
public final class Brightness implements Op {
  static final String NAME = "brightness";
  /** {@code brightness(factor)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.adjust_brightness(img, factor) = "
          + "ImageEnhance.Brightness(img).enhance(factor)",
      a -> new Brightness(a[0]), OpKind.Param.real("factor", 0, 1000));

  private final double factor;

  /** @throws IllegalArgumentException if {@code factor} is negative, NaN or infinite */
  public Brightness(double factor) {
    this.factor = Params.finite(NAME, "factor", factor);
    if (factor < 0) {
      // torchvision refuses negative factors before Pillow sees them.
      throw new IllegalArgumentException(NAME + " factor must be >= 0, got " + Params.show(factor));
    }
  }

  public double factor() {
    return factor;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // The enhancer blends from an all-black image towards the input.
    return PixelMaps.blend(PixelMaps.filled(in.width(), in.height(), 0), in, factor);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Brightness && Params.sameBits(factor, ((Brightness) o).factor);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(factor) * 31 + 28;
  }

  @Override
  public String toString() {
    return spec();
  }
}
