package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.rgb_to_grayscale(img, num_output_channels=C)} on a PIL image with C its
 * own band count (what {@code RandomGrayscale} and {@code Grayscale(3)} on RGB run), which is
 * Pillow's {@code img.convert("L")} ({@code F_pil.to_grayscale}), the luma then stacked into three
 * equal bands by numpy for an RGB image. The luma is Pillow's fixed-point ITU-R 601-2
 * {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}; a mode L image is returned unchanged, as
 * {@code convert("L")} copies it. Spec: {@code grayscale}. Stateless: every instance equals every
 * other.
 */
public final class Grayscale extends NoParamOp {
  static final String NAME = "grayscale";
  /** The shared instance; {@code new Grayscale()} is equivalent. */
  public static final Grayscale INSTANCE = new Grayscale();
  /** {@code grayscale}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.rgb_to_grayscale(img, num_output_channels=bands) = img.convert(\"L\"), "
          + "stacked into 3 bands for RGB",
      a -> INSTANCE);

  public Grayscale() {
    super(NAME);
  }

  /** One band is already gray: {@code convert("L")} of an L image is a copy. */
  @Override
  public GrayImage apply(GrayImage in) {
    return GrayImage.of(in.width(), in.height(), in.array());
  }

  /** The luma mixes the three bands. */
  @Override
  public boolean perBand() {
    return false;
  }

  @Override
  public Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    byte[] luma = PixelMaps.luminance(in).array();
    byte[] out = new byte[luma.length * 3];
    for (int i = 0, o = 0; i < luma.length; i++, o += 3) {
      out[o] = luma[i];
      out[o + 1] = luma[i];
      out[o + 2] = luma[i];
    }
    return Image.wrap(in.width(), in.height(), 3, out);
  }
}
