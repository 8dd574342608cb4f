package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.invert(img)} on a PIL image, which is Pillow's {@code
 * ImageOps.invert(img)}. Every value {@code v} becomes {@code 255 - v}. Spec: {@code invert}.
 * Stateless: every instance equals every other.
 */
public final class Invert extends NoParamOp implements Interleaved {
  static final String NAME = "invert";
  /** The shared instance; {@code new Invert()} is equivalent. */
  public static final Invert INSTANCE = new Invert();
  /** {@code invert}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.invert(img) = "
          + "ImageOps.invert(img)",
      a -> INSTANCE);

  public Invert() {
    super(NAME);
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

  private static int[] table() {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = 255 - i;
    }
    return lut;
  }
}
