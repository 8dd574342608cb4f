package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * torchvision's {@code F.hflip(img)} on a PIL image, which is Pillow's {@code
 * img.transpose(Image.FLIP_LEFT_RIGHT)}. Mirrors the image left to right. Spec: {@code hflip}.
 * Stateless: every instance equals every other.
 */
public final class HFlip extends NoParamOp {
  static final String NAME = "hflip";
  /** The shared instance; {@code new HFlip()} is equivalent. */
  public static final HFlip INSTANCE = new HFlip();
  /** {@code hflip}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.hflip(img) = "
          + "img.transpose(Image.FLIP_LEFT_RIGHT)",
      a -> INSTANCE);

  public HFlip() {
    super(NAME);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    int w = in.width();
    int h = in.height();
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = src[y * w + (w - 1 - x)];
      }
    }
    return GrayImage.wrap(w, h, out);
  }
}
