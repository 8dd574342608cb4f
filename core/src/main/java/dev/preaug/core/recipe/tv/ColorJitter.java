package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Brightness;
import dev.preaug.core.ops.Contrast;
import dev.preaug.core.ops.Hue;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.Saturation;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.ColorJitter(brightness, contrast, saturation, hue)}: the four
 * adjustments in a random order, each with a uniformly drawn factor, each left out when its range
 * is off. The ops are {@code brightness}, {@code contrast}, {@code saturation} ({@code
 * F.adjust_brightness/contrast/saturation}, Pillow's ImageEnhance) and {@code hue}
 * ({@code F.adjust_hue}).
 *
 * <p>Ranges are torchvision's {@code _check_input}: a number {@code v} means {@code [max(0, 1 -
 * v), 1 + v]} for the first three and {@code [-v, v]} for hue; a pair is taken as given; a range
 * of exactly {@code [1, 1]} ({@code [0, 0]} for hue) is off.
 *
 * <p>Draws as {@code ColorJitter.get_params} does: the order first, {@code torch.randperm(4)}
 * (torch's CPU shuffle: for {@code i} = 0, 1, 2 swap element {@code i} with element {@code i +
 * randint(4 - i)}, here {@code rng.nextLong(4 - i)}), even when every range is off; then one
 * {@code torch.empty(1).uniform_(lo, hi)} ({@link Rng#uniformFloat}, float32) for each range that
 * is on, in the order brightness, contrast, saturation, hue. The ops are appended in the drawn
 * order.
 */
public final class ColorJitter implements Stage {
  private static final String[] NAMES = {"brightness", "contrast", "saturation", "hue"};
  /** Per adjustment {lo, hi}, or null when off. */
  private final double[][] ranges;
  private final float[][] bounds;

  /**
   * From the ranges as {@code _check_input} leaves them: per adjustment {@code {lo, hi}}, or null
   * for off.
   *
   * @throws IllegalArgumentException for a range that is not an ordered pair within torchvision's
   *     bounds: [0, inf) for brightness, contrast and saturation, [-0.5, 0.5] for hue
   */
  public ColorJitter(double[] brightness, double[] contrast, double[] saturation, double[] hue) {
    double[][] given = {brightness, contrast, saturation, hue};
    this.ranges = new double[4][];
    this.bounds = new float[4][];
    for (int i = 0; i < 4; i++) {
      double[] r = given[i];
      if (r == null) {
        continue;
      }
      double lo = i == 3 ? -0.5 : 0.0;
      double hi = i == 3 ? 0.5 : Double.MAX_VALUE;
      if (r.length != 2 || !(lo <= r[0] && r[0] <= r[1] && r[1] <= hi)) {
        throw new IllegalArgumentException("ColorJitter " + NAMES[i] + " must be a number >= 0"
            + (i == 3 ? " and <= 0.5" : "") + " or a pair (min, max) with " + (i == 3
            ? "-0.5 <= min <= max <= 0.5" : "0 <= min <= max") + ", got " + show(r));
      }
      double centre = i == 3 ? 0.0 : 1.0;
      if (r[0] == centre && r[1] == centre) {
        continue; // torchvision's None: nothing drawn, nothing applied
      }
      ranges[i] = r.clone();
      bounds[i] = new float[] {(float) r[0], (float) r[1]};
    }
  }

  /**
   * torchvision's number form: {@code ColorJitter(brightness=b, contrast=c, saturation=s,
   * hue=h)}, each {@code >= 0}, hue {@code <= 0.5}.
   */
  public static ColorJitter of(double brightness, double contrast, double saturation,
      double hue) {
    double[] v = {brightness, contrast, saturation, hue};
    double[][] r = new double[4][];
    for (int i = 0; i < 4; i++) {
      if (!(v[i] >= 0) || Double.isInfinite(v[i]) || (i == 3 && v[i] > 0.5)) {
        throw new IllegalArgumentException("ColorJitter " + NAMES[i] + " must be a number >= 0"
            + (i == 3 ? " and <= 0.5" : "") + " or a pair (min, max), got "
            + PyLiteral.repr(v[i]));
      }
      r[i] = i == 3 ? new double[] {-v[i], v[i]}
          : new double[] {Math.max(1 - v[i], 0.0), 1 + v[i]};
    }
    return new ColorJitter(r[0], r[1], r[2], r[3]);
  }

  private static String show(double[] r) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < r.length; i++) {
      sb.append(i > 0 ? ", " : "").append(PyLiteral.repr(r[i]));
    }
    return sb.append(')').toString();
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    int[] order = {0, 1, 2, 3};
    for (int i = 0; i < 3; i++) {
      int j = i + (int) rng.nextLong(4 - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double[] factor = new double[4];
    for (int k = 0; k < 4; k++) {
      if (bounds[k] != null) {
        factor[k] = rng.uniformFloat(bounds[k][0], bounds[k][1]);
      }
    }
    for (int k : order) {
      if (bounds[k] != null) {
        out.add(op(k, factor[k]));
      }
    }
  }

  private static Op op(int k, double factor) {
    switch (k) {
      case 0:
        return new Brightness(factor);
      case 1:
        return new Contrast(factor);
      case 2:
        return new Saturation(factor);
      default:
        return new Hue(factor);
    }
  }

  /** Always null: the adjustments keep the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /**
   * {@code ColorJitter(brightness=(0.6, 1.4), hue=(-0.1, 0.1))}: each range that is on, as the
   * pair it is; {@code ColorJitter()} when all are off.
   */
  @Override
  public String spec() {
    StringBuilder sb = new StringBuilder("ColorJitter(");
    boolean first = true;
    for (int i = 0; i < 4; i++) {
      if (ranges[i] != null) {
        sb.append(first ? "" : ", ").append(NAMES[i]).append('=')
            .append(PyLiteral.pair(ranges[i][0], ranges[i][1]));
        first = false;
      }
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColorJitter && ((ColorJitter) o).spec().equals(spec());
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
