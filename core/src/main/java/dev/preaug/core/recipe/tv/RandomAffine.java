package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.Fill;
import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's {@code transforms.RandomAffine(degrees, translate, scale, shear, interpolation,
 * fill, center)}: {@code F.affine(img, angle, (tx, ty), scale, (shx, shy), interpolation, fill,
 * center)} with drawn parameters, which on a PIL image is Pillow's {@code img.transform(size,
 * AFFINE, inverse matrix, resample, fillcolor=fill)}. The op is {@code affine} ({@link Affine}).
 *
 * <p>Draws as {@code RandomAffine.get_params} does, each a {@code torch.empty(1).uniform_(lo,
 * hi)} ({@link Rng#uniformFloat}, float32) passed on as a Python float, in this order: the angle;
 * when {@code translate} is given, {@code tx = round(uniform(-max_dx, max_dx))} with {@code max_dx
 * = translate[0] * W} and then {@code ty} likewise with {@code translate[1] * H} (Python's
 * half-to-even {@code round}); when {@code scale} is given, the scale; when {@code shear} is
 * given, {@code shx} from its first pair and, only for four values, {@code shy} from the second.
 * Parameters not given are 0 (scale 1) and draw nothing.
 */
public final class RandomAffine implements Stage {
  /** The interpolations {@link Affine} computes, Pillow's transform filters. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  /** The largest shear {@code affine}'s spec takes, in degrees. */
  static final double MAX_SHEAR = 89;

  private final double[] degrees;
  private final double[] translate;
  private final double[] scale;
  private final double[] shear;
  private final String interpolation;
  private final Fill fill;
  private final double[] center;

  /**
   * torchvision's {@code RandomAffine} with its arguments as {@code get_params} receives them:
   * {@code degrees} a pair, {@code translate} null or a pair of fractions in [0, 1], {@code scale}
   * null or a pair of positive numbers, {@code shear} null or a pair or four values (degrees),
   * {@code center} null (the image centre) or {@code (cx, cy)} in pixels from the top-left.
   *
   * @throws IllegalArgumentException naming the argument whose values torchvision would refuse,
   *     or that {@code affine}'s spec cannot carry (shears beyond 89 degrees, angles beyond 1e6)
   */
  public RandomAffine(double[] degrees, double[] translate, double[] scale, double[] shear,
      String interpolation, Fill fill, double[] center) {
    this.degrees = range("degrees", degrees, -1e6, 1e6);
    if (translate != null) {
      for (int i = 0; i < translate.length; i++) {
        if (translate.length != 2 || !(translate[i] >= 0 && translate[i] <= 1)) {
          throw new IllegalArgumentException("RandomAffine translate must be a pair of fractions"
              + " in [0, 1], got " + show(translate));
        }
      }
    }
    this.translate = translate == null ? null : translate.clone();
    this.scale = scale == null ? null : range("scale", scale, 1e-6, 1e6);
    if (shear != null) {
      if (shear.length != 2 && shear.length != 4) {
        throw new IllegalArgumentException("RandomAffine shear must have 2 or 4 values, got "
            + show(shear));
      }
      range("shear", new double[] {shear[0], shear[1]}, -MAX_SHEAR, MAX_SHEAR);
      if (shear.length == 4) {
        range("shear", new double[] {shear[2], shear[3]}, -MAX_SHEAR, MAX_SHEAR);
      }
    }
    this.shear = shear == null ? null : shear.clone();
    if (!INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException("RandomAffine interpolation must be one of "
          + TorchvisionPipeline.modes(INTERPOLATIONS) + ", got " + interpolation);
    }
    this.interpolation = interpolation;
    this.fill = Objects.requireNonNull(fill, "RandomAffine fill");
    if (center != null && (center.length != 2 || !(Math.abs(center[0]) <= 1e6)
        || !(Math.abs(center[1]) <= 1e6))) {
      throw new IllegalArgumentException("RandomAffine center must be a pair (x, y) within 1e6,"
          + " got " + show(center));
    }
    this.center = center == null ? null : center.clone();
  }

  /** {@code RandomAffine(degrees)}: a rotation in {@code [-degrees, degrees]}, NEAREST, fill 0. */
  public RandomAffine(double degrees) {
    this(new double[] {-degrees, degrees}, null, null, null, "nearest", Fill.BLACK, null);
  }

  /**
   * Checks a (min, max) pair: ordered, and inside what {@link Affine}'s spec can carry (angles
   * within 1e6, scales in [1e-6, 1e6], shears in [-89, 89] degrees), so every drawn op replays.
   */
  private static double[] range(String name, double[] r, double min, double max) {
    if (r.length != 2 || !(r[0] <= r[1]) || !(r[0] >= min) || !(r[1] <= max)) {
      String rule = name.equals("degrees") ? "a number >= 0 or a pair (min, max) with min <= max,"
          + " within 1e6" : name.equals("scale") ? "a pair (min, max) with 1e-6 <= min <= max <="
          + " 1e6" : "a number >= 0 or a pair (min, max) per axis with -89 <= min <= max <= 89"
          + " (degrees; Pillow's affine needs a finite tangent)";
      throw new IllegalArgumentException("RandomAffine " + name + " must be " + rule + ", got "
          + show(r));
    }
    return r.clone();
  }

  private static String show(double[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? ", " : "").append(PyLiteral.repr(v[i]));
    }
    return sb.append(v.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    double angle = rng.uniformFloat((float) degrees[0], (float) degrees[1]);
    double tx = 0;
    double ty = 0;
    if (translate != null) {
      // get_params receives img_size = [width, height]; max_dx is a Python float, rounded to
      // float32 by uniform_.
      double maxDx = translate[0] * width;
      double maxDy = translate[1] * height;
      // Python's int(round(x)) has no negative zero; + 0.0 drops the one rint leaves.
      tx = Math.rint(rng.uniformFloat((float) -maxDx, (float) maxDx)) + 0.0;
      ty = Math.rint(rng.uniformFloat((float) -maxDy, (float) maxDy)) + 0.0;
    }
    double s = scale == null ? 1.0 : rng.uniformFloat((float) scale[0], (float) scale[1]);
    double shx = 0;
    double shy = 0;
    if (shear != null) {
      shx = rng.uniformFloat((float) shear[0], (float) shear[1]);
      if (shear.length == 4) {
        shy = rng.uniformFloat((float) shear[2], (float) shear[3]);
      }
    }
    out.add(center == null ? new Affine(angle, tx, ty, s, shx, shy, interpolation, fill)
        : new Affine(angle, tx, ty, s, shx, shy, interpolation, fill, center[0], center[1]));
  }

  /** Also refuses a fill with a value per band on mode L images. */
  @Override
  public String unfit(int width, int height, int channels) {
    String why = unfit(width, height);
    return why != null ? why : TvArgs.fillUnfit("RandomAffine", fill, channels);
  }

  /** Always null: affine keeps the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /**
   * {@code RandomAffine(degrees=(-10.0, 10.0), translate=(0.1, 0.1))}: degrees always, the others
   * when given or not torchvision's defaults.
   */
  @Override
  public String spec() {
    StringBuilder sb = new StringBuilder("RandomAffine(degrees=")
        .append(PyLiteral.pair(degrees[0], degrees[1]));
    if (translate != null) {
      sb.append(", translate=").append(show(translate));
    }
    if (scale != null) {
      sb.append(", scale=").append(show(scale));
    }
    if (shear != null) {
      sb.append(", shear=").append(show(shear));
    }
    if (!interpolation.equals("nearest")) {
      sb.append(", interpolation=").append(TvArgs.modeText(interpolation));
    }
    if (!fill.equals(Fill.BLACK)) {
      sb.append(", fill=").append(TvArgs.fillText(fill));
    }
    if (center != null) {
      sb.append(", center=").append(show(center));
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomAffine && ((RandomAffine) o).spec().equals(spec());
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
