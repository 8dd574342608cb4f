package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.posterize(img, bits)} on a PIL image, which is Pillow's {@code
 * ImageOps.posterize(img, bits)}. Keeps the {@code bits} high bits of every value. Spec: {@code
 * posterize(bits)}.
 */
public final class Posterize implements Op, Interleaved {
  static final String NAME = "posterize";
  /** {@code posterize(bits)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.posterize(img, bits) = "
          + "ImageOps.posterize(img, bits)",
      a -> new Posterize((int) a[0]), OpKind.Param.integer("bits", 0, 8, "in [0, 8]"));

  private final int bits;

  /** @throws IllegalArgumentException if {@code bits} is outside [0, 8] */
  public Posterize(int bits) {
    if (bits < 0 || bits > 8) {
      throw new IllegalArgumentException(NAME + " bits must be an integer in [0, 8], got " + bits);
    }
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return PixelMaps.lut(in, table());
  }

  /** Every band through the same table, on the interleaved samples. */
  @Override
  public Image apply(Image in) {
    return PixelMaps.lut(in, table());
  }

  private int[] table() {
    int mask = ~((1 << (8 - bits)) - 1);
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i & mask;
    }
    return lut;
  }

  @Override
  public String spec() {
    return NAME + "(" + bits + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Posterize && bits == ((Posterize) o).bits;
  }

  @Override
  public int hashCode() {
    return bits * 31 + 26;
  }

  @Override
  public String toString() {
    return spec();
  }
}
