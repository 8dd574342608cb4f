package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.ResizedCrop;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomResizedCrop(size, scale, ratio, interpolation)}: a crop
 * of random area and aspect ratio, resized to {@code size} ({@code F.resized_crop}, Pillow's
 * {@code img.crop(box).resize(size, resample)}). The result is one {@code resized_crop} op
 * ({@link ResizedCrop}).
 *
 * <p>Draws as {@code RandomResizedCrop.get_params} does, up to 10 tries of: the area fraction
 * {@code torch.empty(1).uniform_(scale[0], scale[1])} and the log aspect ratio {@code
 * uniform_(log(ratio[0]), log(ratio[1]))} ({@link Rng#uniformFloat}, float32; the logs are float32
 * as {@code torch.log(torch.tensor(ratio))} computes them), then {@code w = round(sqrt(area *
 * fraction * ratio))} and {@code h = round(sqrt(area * fraction / ratio))} in doubles with
 * Python's half-to-even {@code round} (the ratio is {@code torch.exp} of the draw, see
 * {@link TorchFloat#exp}); the first try whose crop fits ({@code 0 < w <= W}, {@code 0 < h <= H})
 * draws its top row {@code torch.randint(0, H - h + 1)} and left column {@code
 * torch.randint(0, W - w + 1)} ({@link Rng#randrange}). When no try fits, the fallback is the
 * centred crop of the whole image clamped to the ratio range, with no further draws.
 *
 * <p>A recipe's stages keep the image size, so {@code size} must be the input's; {@link #unfit}
 * says so otherwise. torchvision's {@code antialias} does nothing on PIL images and is not kept.
 */
public final class RandomResizedCrop implements Stage {
  /** torchvision's defaults: {@code scale=(0.08, 1.0)}, {@code ratio=(3.0 / 4.0, 4.0 / 3.0)}. */
  static final double[] SCALE = {0.08, 1.0};
  static final double[] RATIO = {3.0 / 4.0, 4.0 / 3.0};
  /** The interpolations {@link ResizedCrop} computes, Pillow's resize filters. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  private static final int TRIES = 10;

  private final int outH;
  private final int outW;
  private final double[] scale;
  private final double[] ratio;
  private final String interpolation;
  private final float scaleLo;
  private final float scaleHi;
  private final float logRatioLo;
  private final float logRatioHi;

  /**
   * torchvision's {@code RandomResizedCrop(size=(outH, outW), scale, ratio, interpolation)}.
   *
   * @throws IllegalArgumentException for a size below 1, scale or ratio bounds that are not
   *     ordered pairs (torch's {@code uniform_} refuses {@code from > to}), a negative scale or a
   *     ratio that is not positive (their square root and log are undefined), or an interpolation
   *     other than nearest, bilinear, bicubic
   */
  public RandomResizedCrop(int outH, int outW, double[] scale, double[] ratio,
      String interpolation) {
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException("RandomResizedCrop size must be >= 1, got "
          + RandomCrop.sizeText(outH, outW));
    }
    if (scale.length != 2 || !(scale[0] >= 0 && scale[0] <= scale[1])
        || Double.isInfinite(scale[1])) {
      throw new IllegalArgumentException("RandomResizedCrop scale must be (min, max) with 0 <="
          + " min <= max, got " + show(scale));
    }
    if (ratio.length != 2 || !(ratio[0] > 0 && ratio[0] <= ratio[1])
        || Double.isInfinite(ratio[1])) {
      throw new IllegalArgumentException("RandomResizedCrop ratio must be (min, max) with 0 <"
          + " min <= max, got " + show(ratio));
    }
    if (!INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException("RandomResizedCrop interpolation must be one of "
          + TorchvisionPipeline.modes(INTERPOLATIONS) + ", got " + interpolation);
    }
    this.outH = outH;
    this.outW = outW;
    this.scale = scale.clone();
    this.ratio = ratio.clone();
    this.interpolation = interpolation;
    // torch.tensor(ratio) rounds the Python floats to float32 before the log; uniform_ rounds
    // its bounds to float32 too.
    this.scaleLo = (float) scale[0];
    this.scaleHi = (float) scale[1];
    this.logRatioLo = TorchFloat.log((float) ratio[0]);
    this.logRatioHi = TorchFloat.log((float) ratio[1]);
  }

  /** {@code RandomResizedCrop(size)} with torchvision's defaults (bilinear). */
  public RandomResizedCrop(int size) {
    this(size, size, SCALE, RATIO, "bilinear");
  }

  private static String show(double[] pair) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < pair.length; i++) {
      sb.append(i > 0 ? ", " : "").append(PyLiteral.repr(pair[i]));
    }
    return sb.append(pair.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    double area = (double) height * width;
    for (int t = 0; t < TRIES; t++) {
      double target = area * rng.uniformFloat(scaleLo, scaleHi);
      double aspect = TorchFloat.exp(rng.uniformFloat(logRatioLo, logRatioHi));
      int w = (int) Math.rint(Math.sqrt(target * aspect));
      int h = (int) Math.rint(Math.sqrt(target / aspect));
      if (0 < w && w <= width && 0 < h && h <= height) {
        int top = (int) rng.randrange(0, height - h + 1);
        int left = (int) rng.randrange(0, width - w + 1);
        out.add(new ResizedCrop(top, left, h, w, outH, outW, interpolation));
        return;
      }
    }
    out.add(fallback(width, height));
  }

  /** torchvision's central crop after 10 failed tries, clamped to the ratio range. */
  ResizedCrop fallback(int width, int height) {
    double inRatio = (double) width / (double) height;
    double min = Math.min(ratio[0], ratio[1]);
    double max = Math.max(ratio[0], ratio[1]);
    int w;
    int h;
    if (inRatio < min) {
      w = width;
      h = (int) Math.rint(w / min);
    } else if (inRatio > max) {
      h = height;
      w = (int) Math.rint(h * max);
    } else {
      w = width;
      h = height;
    }
    return new ResizedCrop(Math.floorDiv(height - h, 2), Math.floorDiv(width - w, 2), h, w, outH,
        outW, interpolation);
  }

  /** The output must have the input's size, since every record of an epoch has the input's. */
  @Override
  public String unfit(int width, int height) {
    if (outH == height && outW == width) {
      return null;
    }
    return "RandomResizedCrop size=" + RandomCrop.sizeText(outH, outW) + " makes " + outH + "x"
        + outW + " (HxW) images, but the input is " + height + "x" + width + " (HxW) and a"
        + " pipeline's transforms keep the image size: use size=" + RandomCrop.sizeText(height,
        width);
  }

  /**
   * {@code RandomResizedCrop(size=224, scale=(0.08, 1.0), ratio=(0.75, 1.3333333333333333),
   * interpolation=InterpolationMode.BILINEAR)}: every argument, ratio as the floats it is.
   */
  @Override
  public String spec() {
    return "RandomResizedCrop(size=" + RandomCrop.sizeText(outH, outW) + ", scale="
        + show(scale) + ", ratio=" + show(ratio) + ", interpolation="
        + TvArgs.modeText(interpolation) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomResizedCrop && ((RandomResizedCrop) o).spec().equals(spec());
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
