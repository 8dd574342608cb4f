package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.vflip(img)} on a PIL image, which is Pillow's {@code
 * img.transpose(Image.FLIP_TOP_BOTTOM)}. Mirrors the image top to bottom. Spec: {@code vflip}.
 * Stateless: every instance equals every other.
 */
public final class VFlip extends NoParamOp implements Interleaved {
  static final String NAME = "vflip";
  /** The shared instance; {@code new VFlip()} is equivalent. */
  public static final VFlip INSTANCE = new VFlip();
  /** {@code vflip}, no parameters. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.vflip(img) = "
          + "img.transpose(Image.FLIP_TOP_BOTTOM)",
      a -> INSTANCE);

  public VFlip() {
    super(NAME);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    int w = in.width();
    int h = in.height();
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src, (h - 1 - y) * w, out, y * w, w);
    }
    return GrayImage.wrap(w, h, out);
  }

  /** Moves whole rows, all bands together. */
  @Override
  public Image apply(Image in) {
    int w = in.width();
    int h = in.height();
    int row = w * in.channels();
    byte[] src = in.array();
    byte[] out = new byte[src.length];
    for (int y = 0; y < h; y++) {
      System.arraycopy(src, (h - 1 - y) * row, out, y * row, row);
    }
    return Image.wrap(w, h, in.channels(), out);
  }
}
