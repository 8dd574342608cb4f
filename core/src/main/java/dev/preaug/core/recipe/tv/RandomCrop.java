package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Fill;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.PadCrop;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's {@code transforms.RandomCrop(size, padding, pad_if_needed, fill, padding_mode)}:
 * {@code F.pad(img, padding, fill, padding_mode)}, then a {@code size} window at a uniformly
 * drawn position of the padded image ({@code F.crop}). The result is one {@code pad_crop} op
 * ({@link PadCrop}, the same pixels as the pad then the crop).
 *
 * <p>Draws as {@code RandomCrop.get_params} does: none when the padded image already has the
 * crop's size (the window is the whole image, and no op is appended when there is no padding
 * either); otherwise the top row {@code torch.randint(0, h - th + 1)} and then the left column
 * {@code torch.randint(0, w - tw + 1)}, each {@link Rng#randrange}.
 *
 * <p>A recipe's stages keep the image size, so {@code size} must be the input's (what CIFAR's
 * {@code RandomCrop(32, padding=4)} is); {@link #unfit} says so otherwise. With that size the
 * padded image is never smaller than the crop, so {@code pad_if_needed} never pads: it is
 * accepted and kept in the spec only as written.
 */
public final class RandomCrop implements Stage {
  private final int cropH;
  private final int cropW;
  /** Left, top, right, bottom. */
  private final int[] pad;
  private final boolean padIfNeeded;
  private final Fill fill;
  private final String mode;

  /**
   * torchvision's {@code RandomCrop(size=(cropH, cropW), padding=[left, top, right, bottom],
   * pad_if_needed, fill, padding_mode)}; {@code padding=None} is four zeros.
   *
   * @throws IllegalArgumentException for a size below 1, a negative padding, a mode other than
   *     constant, edge, reflect, symmetric, or a null fill
   */
  public RandomCrop(int cropH, int cropW, int[] padding, boolean padIfNeeded, Fill fill,
      String mode) {
    if (cropH < 1 || cropW < 1) {
      throw new IllegalArgumentException("RandomCrop size must be >= 1, got " + sizeText(cropH,
          cropW));
    }
    if (padding.length != 4) {
      throw new IllegalArgumentException("RandomCrop padding must have 4 values (left, top,"
          + " right, bottom), got " + padding.length);
    }
    for (int p : padding) {
      if (p < 0) {
        throw new IllegalArgumentException("RandomCrop padding must be >= 0, got "
            + Arrays.toString(padding));
      }
    }
    if (!PadCrop.MODES.contains(mode)) {
      throw new IllegalArgumentException("RandomCrop padding_mode must be one of "
          + TorchvisionPipeline.quoted(PadCrop.MODES) + ", got '" + mode + "'");
    }
    this.cropH = cropH;
    this.cropW = cropW;
    this.pad = padding.clone();
    this.padIfNeeded = padIfNeeded;
    this.fill = Objects.requireNonNull(fill, "RandomCrop fill");
    this.mode = mode;
  }

  /** {@code RandomCrop(size, padding=padding)} with torchvision's other defaults. */
  public RandomCrop(int size, int padding) {
    this(size, size, new int[] {padding, padding, padding, padding}, false, Fill.BLACK,
        "constant");
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    int h = height + pad[1] + pad[3];
    int w = width + pad[0] + pad[2];
    int top = 0;
    int left = 0;
    if (h != cropH || w != cropW) {
      top = (int) rng.randrange(0, h - cropH + 1);
      left = (int) rng.randrange(0, w - cropW + 1);
    }
    if (top == 0 && left == 0 && padding() == 0 && cropH == height && cropW == width) {
      return; // the crop is the image itself
    }
    out.add(new PadCrop(pad[0], pad[1], pad[2], pad[3], mode, top, left, cropH, cropW, fill));
  }

  private int padding() {
    return pad[0] + pad[1] + pad[2] + pad[3];
  }

  /** Also refuses a fill with a value per band on mode L images. */
  @Override
  public String unfit(int width, int height, int channels) {
    String why = unfit(width, height);
    return why != null ? why : TvArgs.fillUnfit("RandomCrop", fill, channels);
  }

  /** The crop must have the input's size, since every record of an epoch has the input's. */
  @Override
  public String unfit(int width, int height) {
    if (cropH == height && cropW == width) {
      return null;
    }
    return "RandomCrop size=" + sizeText(cropH, cropW) + " makes " + cropH + "x" + cropW
        + " (HxW) crops, but the input is " + height + "x" + width + " (HxW) and a pipeline's"
        + " transforms keep the image size: use size=" + sizeText(height, width);
  }

  static String sizeText(int h, int w) {
    return h == w ? Integer.toString(h) : "(" + h + ", " + w + ")";
  }

  /**
   * {@code RandomCrop(size=32, padding=4)}: size and padding always (padding as one number, a
   * pair or four, the shortest that says it, or {@code None}), the other arguments when not
   * torchvision's defaults.
   */
  @Override
  public String spec() {
    StringBuilder sb = new StringBuilder("RandomCrop(size=").append(sizeText(cropH, cropW))
        .append(", padding=");
    if (padding() == 0) {
      sb.append("None");
    } else if (pad[0] == pad[1] && pad[1] == pad[2] && pad[2] == pad[3]) {
      sb.append(pad[0]);
    } else if (pad[0] == pad[2] && pad[1] == pad[3]) {
      sb.append('(').append(pad[0]).append(", ").append(pad[1]).append(')');
    } else {
      sb.append('(').append(pad[0]).append(", ").append(pad[1]).append(", ").append(pad[2])
          .append(", ").append(pad[3]).append(')');
    }
    if (padIfNeeded) {
      sb.append(", pad_if_needed=True");
    }
    if (!fill.equals(Fill.BLACK)) {
      sb.append(", fill=").append(TvArgs.fillText(fill));
    }
    if (!mode.equals("constant")) {
      sb.append(", padding_mode='").append(mode).append('\'');
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomCrop && ((RandomCrop) o).spec().equals(spec());
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
