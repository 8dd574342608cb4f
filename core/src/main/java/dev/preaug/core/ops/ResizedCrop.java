package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.List;

/**
 * torchvision's {@code F.resized_crop(img, top, left, h, w, [out_h, out_w], interpolation)} on a
 * PIL image: {@code img.crop((left, top, left + w, top + h))} (0 where the box leaves the image),
 * then {@code img.resize((out_w, out_h), resample)} with Pillow's nearest, bilinear or bicubic
 * filter (the crop itself when it already has the output size). RandomResizedCrop is this op with
 * drawn parameters. Spec: {@code resized_crop(top,left,h,w,out_h,out_w,interpolation)}.
 */
public final class ResizedCrop implements Op, Interleaved {
  static final String NAME = "resized_crop";
  /** Interpolation words, in choice-index order. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  private static final Resample[] FILTERS = {Resample.NEAREST, Resample.BILINEAR,
      Resample.BICUBIC};
  /** {@code resized_crop(top,left,h,w,out_h,out_w,interpolation)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.resized_crop(img, top, left, h, w, [out_h, out_w], interpolation) = "
          + "img.crop((left, top, left + w, top + h)).resize((out_w, out_h), resample)",
      a -> new ResizedCrop((int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4],
          (int) a[5], INTERPOLATIONS.get((int) a[6])),
      OpKind.Param.integer("top", -65535, 65535, null),
      OpKind.Param.integer("left", -65535, 65535, null),
      OpKind.Param.integer("h", 1, 65535, ">= 1"), OpKind.Param.integer("w", 1, 65535, ">= 1"),
      OpKind.Param.integer("out_h", 1, 65535, ">= 1"),
      OpKind.Param.integer("out_w", 1, 65535, ">= 1"),
      OpKind.Param.choice("interpolation", INTERPOLATIONS));

  private final PadCrop crop;
  private final int top;
  private final int left;
  private final int h;
  private final int w;
  private final int outH;
  private final int outW;
  private final int filter;

  /**
   * @throws IllegalArgumentException for sizes below 1 or an interpolation other than nearest,
   *     bilinear or bicubic
   */
  public ResizedCrop(int top, int left, int h, int w, int outH, int outW, String interpolation) {
    this.filter = INTERPOLATIONS.indexOf(interpolation);
    if (filter < 0) {
      throw new IllegalArgumentException(NAME + " interpolation must be one of "
          + String.join(", ", INTERPOLATIONS) + ", got '" + interpolation + "'");
    }
    this.top = top;
    this.left = left;
    this.h = Params.atLeastOne(NAME, "h", h);
    this.w = Params.atLeastOne(NAME, "w", w);
    this.outH = Params.atLeastOne(NAME, "out_h", outH);
    this.outW = Params.atLeastOne(NAME, "out_w", outW);
    this.crop = new PadCrop(0, 0, 0, 0, "constant", top, left, h, w, 0);
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return ResizePaste.resize(crop.apply(in), outW, outH, FILTERS[filter]);
  }

  /** The crop and the resize on the interleaved pixels, each band getting its gray result. */
  @Override
  public Image apply(Image in) {
    return ResizePaste.resize(crop.apply(in), outW, outH, FILTERS[filter]);
  }

  @Override
  public String spec() {
    return NAME + "(" + top + "," + left + "," + h + "," + w + "," + outH + "," + outW + ","
        + INTERPOLATIONS.get(filter) + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ResizedCrop)) {
      return false;
    }
    ResizedCrop x = (ResizedCrop) o;
    return top == x.top && left == x.left && h == x.h && w == x.w && outH == x.outH
        && outW == x.outW && filter == x.filter;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(top, left, h, w, outH, outW, filter);
  }

  @Override
  public String toString() {
    return spec();
  }
}
