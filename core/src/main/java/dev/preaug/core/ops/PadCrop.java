package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.List;

/**
 * torchvision's {@code F.crop(F.pad(img, [left, top, right, bottom], fill=fill,
 * padding_mode=mode), top, left, h, w)} on a PIL image: the padding {@code RandomCrop(size,
 * padding)} applies, then its crop. Under it: {@code ImageOps.expand(img, border, fill)} for
 * {@code constant}, numpy's {@code np.pad(array, pads, mode)} for {@code edge}, {@code reflect}
 * and {@code symmetric}, then Pillow's {@code img.crop((left, top, left + w, top + h))}, which
 * fills whatever falls outside the padded image with 0 whatever the mode. Spec: {@code
 * pad_crop(pl,pt,pr,pb,mode,top,left,h,w,fill)}; torchvision's one- and two-number paddings are
 * {@code [p, p, p, p]} and {@code [a, b, a, b]}. {@code fill} matters only for {@code constant}:
 * {@code 200} for every band, or {@code 255:0:128} per band ({@link Fill}).
 */
public final class PadCrop implements Op, Interleaved {
  static final String NAME = "pad_crop";
  private static final OpKind.Axis X = OpKind.Axis.X;
  private static final OpKind.Axis Y = OpKind.Axis.Y;
  /** The padding modes, in the order of their indices. */
  public static final List<String> MODES = List.of("constant", "edge", "reflect", "symmetric");
  /** {@code pad_crop(pl,pt,pr,pb,mode,top,left,h,w,fill)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.crop(F.pad(img, pad, fill, padding_mode), top, left, h, w)"
          + " = ImageOps.expand or np.pad, then img.crop",
      a -> new PadCrop((int) a[0], (int) a[1], (int) a[2], (int) a[3], MODES.get((int) a[4]),
          (int) a[5], (int) a[6], (int) a[7], (int) a[8], Fill.decode(NAME, a[9])),
      pad("pl", X), pad("pt", Y), pad("pr", X), pad("pb", Y), OpKind.Param.choice("mode", MODES),
      OpKind.Param.integer("top", -65535, 65535, null).along(Y),
      OpKind.Param.integer("left", -65535, 65535, null).along(X),
      OpKind.Param.integer("h", 1, 65535, ">= 1").along(Y),
      OpKind.Param.integer("w", 1, 65535, ">= 1").along(X),
      OpKind.Param.fill("fill"))
      .outputSize("w", "h")
      // torchvision's RandomCrop only picks windows inside the padded image; one reaching past
      // it means the recipe was written for larger images.
      .needs(Y, List.of("top", "h"), List.of("pt", "pb"),
          "for the crop to end inside the padded image")
      .needs(X, List.of("left", "w"), List.of("pl", "pr"),
          "for the crop to end inside the padded image");

  private final int pl;
  private final int pt;
  private final int pr;
  private final int pb;
  private final String mode;
  private final int top;
  private final int left;
  private final int h;
  private final int w;
  private final Fill fill;

  private static OpKind.Param pad(String name, OpKind.Axis axis) {
    return OpKind.Param.integer(name, 0, 65535, ">= 0").along(axis);
  }

  /** @throws IllegalArgumentException naming the parameter and the rule it breaks */
  public PadCrop(int pl, int pt, int pr, int pb, String mode, int top, int left, int h, int w,
      int fill) {
    this(pl, pt, pr, pb, mode, top, left, h, w, checkedFill(fill));
  }

  private static Fill checkedFill(int fill) {
    if (fill < 0 || fill > 255) {
      throw new IllegalArgumentException(NAME + " fill must be an integer in [0, 255], got "
          + fill);
    }
    return Fill.of(fill);
  }

  /** With a fill per band ({@code F.pad(img, pad, fill=[r, g, b])}) or one for all. */
  public PadCrop(int pl, int pt, int pr, int pb, String mode, int top, int left, int h, int w,
      Fill fill) {
    int[] pads = {pl, pt, pr, pb};
    for (int i = 0; i < 4; i++) {
      if (pads[i] < 0) {
        throw new IllegalArgumentException(NAME + " " + List.of("pl", "pt", "pr", "pb").get(i)
            + " must be an integer >= 0, got " + pads[i]);
      }
    }
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException(NAME + " mode must be one of " + String.join(", ", MODES)
          + ", got " + mode);
    }
    this.pl = pl;
    this.pt = pt;
    this.pr = pr;
    this.pb = pb;
    this.mode = mode;
    this.top = top;
    this.left = left;
    this.h = Params.atLeastOne(NAME, "h", h);
    this.w = Params.atLeastOne(NAME, "w", w);
    this.fill = java.util.Objects.requireNonNull(fill, "fill");
  }

  @Override
  public GrayImage apply(GrayImage in) {
    fill.checkBands(NAME, 1);
    return apply(in, fill.band(0));
  }

  /** A per-band fill gives each band its own value, so the bands are not the same op. */
  @Override
  public boolean perBand() {
    return fill.uniform();
  }

  /**
   * Every band's result of its gray kernel with its own fill, computed on the interleaved
   * pixels: each output pixel copies one source pixel (all bands), the fill or 0, as the padded
   * axes' index maps say.
   */
  @Override
  public Image apply(Image in) {
    int c = in.channels();
    fill.checkBands(NAME, c);
    if (c == 1) {
      return Image.of(apply(in.band(0), fill.band(0)));
    }
    int iw = in.width();
    int[] xs = sourceIndex(iw, pl, pr);
    int[] ys = sourceIndex(in.height(), pt, pb);
    byte[] fills = new byte[c];
    for (int b = 0; b < c; b++) {
      fills[b] = (byte) fill.band(b);
    }
    byte[] src = in.array();
    byte[] out = new byte[w * h * c];
    for (int y = 0; y < h; y++) {
      int py = top + y;
      if (py < 0 || py >= ys.length) {
        continue; // Pillow's crop outside the padded image: 0
      }
      int sy = ys[py];
      int row = y * w * c;
      int x = 0;
      while (x < w) {
        int px = left + x;
        if (px < 0 || px >= xs.length) {
          x++;
          continue;
        }
        int o = row + x * c;
        if (sy < 0 || xs[px] < 0) {
          for (int b = 0; b < c; b++) {
            out[o + b] = fills[b];
          }
          x++;
          continue;
        }
        // A run of consecutive source pixels (the whole image width for constant padding) is
        // one copy.
        int end = x + 1;
        while (end < w && left + end < xs.length && xs[left + end] == xs[px] + (end - x)) {
          end++;
        }
        System.arraycopy(src, (sy * iw + xs[px]) * c, out, o, (end - x) * c);
        x = end;
      }
    }
    return Image.wrap(w, h, c, out);
  }

  private GrayImage apply(GrayImage in, int fill) {
    int[] xs = sourceIndex(in.width(), pl, pr);
    int[] ys = sourceIndex(in.height(), pt, pb);
    byte[] src = in.array();
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int py = top + y;
      for (int x = 0; x < w; x++) {
        int px = left + x;
        int v;
        if (py < 0 || py >= ys.length || px < 0 || px >= xs.length) {
          v = 0; // Pillow's crop outside the padded image
        } else if (ys[py] < 0 || xs[px] < 0) {
          v = fill; // constant padding
        } else {
          v = src[ys[py] * in.width() + xs[px]] & 0xFF;
        }
        out[y * w + x] = (byte) v;
      }
    }
    return GrayImage.wrap(w, h, out);
  }

  /**
   * For each position along one padded axis, the source index it copies, or -1 for the constant
   * fill. Padding is separable, so one map per axis describes the whole padded image.
   */
  int[] sourceIndex(int n, int before, int after) {
    int len = before + n + after;
    int[] idx = new int[len];
    for (int i = 0; i < len; i++) {
      int j = i - before;
      idx[i] = j >= 0 && j < n ? j : -1;
    }
    switch (mode) {
      case "constant":
        return idx;
      case "edge":
        for (int i = 0; i < len; i++) {
          idx[i] = Math.max(0, Math.min(n - 1, i - before));
        }
        return idx;
      default:
        if (n == 1) {
          // numpy extends a length-1 axis by repeating it, for reflect as for symmetric.
          java.util.Arrays.fill(idx, 0);
          return idx;
        }
        reflect(idx, before, after, mode.equals("symmetric"));
        return idx;
    }
  }

  /**
   * numpy's reflect/symmetric padding, chunk by chunk as numpy does it: each round copies at most
   * one mirror image of what is already there to each side, alternating left and right. With
   * unequal paddings larger than the axis this differs from a periodic mirror, so it is followed
   * step by step (on indices instead of values).
   */
  private static void reflect(int[] idx, int left, int right, boolean symmetric) {
    int len = idx.length;
    int edgeOffset = symmetric ? 1 : 0;
    while (left > 0 || right > 0) {
      int oldLength = len - right - left - (symmetric ? 0 : 1);
      if (left > 0) {
        int chunk = Math.min(oldLength, left);
        int start = left - edgeOffset + chunk;
        for (int k = 0; k < chunk; k++) {
          idx[left - chunk + k] = idx[start - k];
        }
        left -= chunk;
      }
      if (right > 0) {
        int chunk = Math.min(oldLength, right);
        int start = len - right + edgeOffset - 2;
        int base = len - right;
        for (int k = 0; k < chunk; k++) {
          idx[base + k] = idx[start - k];
        }
        right -= chunk;
      }
    }
  }

  @Override
  public String spec() {
    return NAME + "(" + pl + "," + pt + "," + pr + "," + pb + "," + mode + "," + top + "," + left
        + "," + h + "," + w + "," + fill.spec() + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PadCrop && spec().equals(((PadCrop) o).spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
