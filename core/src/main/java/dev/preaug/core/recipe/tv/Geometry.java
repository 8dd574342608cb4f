package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Fill;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A policy's {@code interpolation} and {@code fill}, which torchvision's {@code _apply_op} hands
 * to {@code F.affine} (ShearX/Y, TranslateX/Y) and {@code F.rotate} (Rotate) and to nothing else.
 * The default is torchvision's: NEAREST and {@code fill=None}, which its PIL path turns into 0 in
 * every band.
 */
final class Geometry {
  /** The interpolations torchvision's PIL path can use for affine and rotate (Pillow's). */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  static final Geometry DEFAULT = new Geometry("nearest", null);

  /** One of {@link #INTERPOLATIONS}. */
  final String interpolation;
  /** torchvision's {@code fill}; null for {@code None}. */
  private final Fill fill;

  private Geometry(String interpolation, Fill fill) {
    this.interpolation = interpolation;
    this.fill = fill;
  }

  /**
   * Checks {@code interpolation} for the policy {@code who}.
   *
   * @throws IllegalArgumentException naming the policy, the argument and the choices
   */
  static Geometry of(String who, String interpolation, Fill fill) {
    if (interpolation == null || !INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException(who + " interpolation must be one of "
          + String.join(", ", INTERPOLATIONS) + " (what Pillow's affine and rotate take), got "
          + (interpolation == null ? "null" : "'" + interpolation + "'"));
    }
    return new Geometry(interpolation, fill);
  }

  /** The fill the ops get: {@code None} is black. */
  Fill opFill() {
    return fill == null ? Fill.BLACK : fill;
  }

  /**
   * The spec's extra arguments in torchvision's words, empty for the defaults: {@code ,
   * interpolation=InterpolationMode.BILINEAR, fill=[250, 120, 10]}.
   */
  String spec() {
    StringBuilder sb = new StringBuilder();
    if (!interpolation.equals("nearest")) {
      sb.append(", interpolation=InterpolationMode.")
          .append(interpolation.toUpperCase(Locale.ROOT));
    }
    if (fill != null) {
      sb.append(", fill=").append(fill.uniform() ? Integer.toString(fill.band(0))
          : "[" + fill.band(0) + ", " + fill.band(1) + ", " + fill.band(2) + "]");
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Geometry && ((Geometry) o).interpolation.equals(interpolation)
        && Objects.equals(((Geometry) o).fill, fill);
  }

  @Override
  public int hashCode() {
    return Objects.hash(interpolation, fill);
  }
}
