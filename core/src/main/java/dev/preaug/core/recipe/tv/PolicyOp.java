package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.AutoContrast;
import dev.preaug.core.ops.Brightness;
import dev.preaug.core.ops.Contrast;
import dev.preaug.core.ops.Equalize;
import dev.preaug.core.ops.Invert;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.Posterize;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Saturation;
import dev.preaug.core.ops.Sharpness;
import dev.preaug.core.ops.Solarize;

/**
 * The ops torchvision's policies choose from, named as torchvision names them, and what each
 * becomes in preaug: torchvision's {@code _apply_op(img, name, magnitude, NEAREST, fill=None)} on
 * a PIL image, mapped to the preaug op that computes the same pixels.
 *
 * <table>
 *   <caption>torchvision 0.14's {@code _apply_op} and the op built here</caption>
 *   <tr><th>name</th><th>torchvision call</th><th>preaug op</th></tr>
 *   <tr><td>ShearX</td><td>{@code F.affine(img, 0.0, [0, 0], 1.0, [degrees(atan(m)), 0.0],
 *       center=[0, 0])}</td><td>{@code affine} with shx, about (0, 0)</td></tr>
 *   <tr><td>ShearY</td><td>as ShearX with {@code shear=[0.0, degrees(atan(m))]}</td>
 *       <td>{@code affine} with shy, about (0, 0)</td></tr>
 *   <tr><td>TranslateX</td><td>{@code F.affine(img, 0.0, [int(m), 0], 1.0, [0.0, 0.0])}</td>
 *       <td>{@code affine} with tx</td></tr>
 *   <tr><td>TranslateY</td><td>{@code F.affine(img, 0.0, [0, int(m)], 1.0, [0.0, 0.0])}</td>
 *       <td>{@code affine} with ty</td></tr>
 *   <tr><td>Rotate</td><td>{@code F.rotate(img, m)} = {@code img.rotate(m)}</td>
 *       <td>{@code rotate(m)}</td></tr>
 *   <tr><td>Brightness, Color, Contrast, Sharpness</td><td>{@code F.adjust_brightness /
 *       adjust_saturation / adjust_contrast / adjust_sharpness(img, 1.0 + m)}</td>
 *       <td>{@code brightness / saturation / contrast / sharpness(1 + m)}</td></tr>
 *   <tr><td>Posterize</td><td>{@code F.posterize(img, int(m))}</td><td>{@code posterize}</td></tr>
 *   <tr><td>Solarize</td><td>{@code F.solarize(img, m)}</td><td>{@code solarize(m)}</td></tr>
 *   <tr><td>AutoContrast, Equalize, Invert</td><td>{@code F.autocontrast / equalize / invert}
 *       </td><td>{@code autocontrast / equalize / invert}</td></tr>
 *   <tr><td>Identity</td><td>nothing</td><td>no op</td></tr>
 * </table>
 *
 * <p>Fill is torchvision's default {@code None}, which its PIL path turns into 0, and the
 * interpolation its default NEAREST.
 */
enum PolicyOp {
  IDENTITY("Identity"),
  SHEAR_X("ShearX"),
  SHEAR_Y("ShearY"),
  TRANSLATE_X("TranslateX"),
  TRANSLATE_Y("TranslateY"),
  ROTATE("Rotate"),
  BRIGHTNESS("Brightness"),
  COLOR("Color"),
  CONTRAST("Contrast"),
  SHARPNESS("Sharpness"),
  POSTERIZE("Posterize"),
  SOLARIZE("Solarize"),
  AUTO_CONTRAST("AutoContrast"),
  EQUALIZE("Equalize"),
  INVERT("Invert");

  /** The name torchvision's op tables and {@code _apply_op} use. */
  final String torchName;

  PolicyOp(String torchName) {
    this.torchName = torchName;
  }

  /** The op torchvision spells {@code name}. */
  static PolicyOp named(String name) {
    for (PolicyOp op : values()) {
      if (op.torchName.equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown torchvision policy op '" + name + "'");
  }

  /**
   * The preaug op for {@code _apply_op(img, torchName, magnitude, NEAREST, None)}, or null for
   * Identity. {@code magnitude} is the value torchvision passes: the float32 bin value as a
   * Python float, negated when the sign draw says so. The Python-level steps of
   * {@code _apply_op} happen here: {@code int()} truncates translations and bit counts toward
   * zero, shears become {@code math.degrees(math.atan(m))}, enhancer factors {@code 1.0 + m}.
   */
  Op op(double magnitude) {
    switch (this) {
      case IDENTITY:
        return null;
      case SHEAR_X:
        return shear(TorchMath.shearDegrees(magnitude), 0.0);
      case SHEAR_Y:
        return shear(0.0, TorchMath.shearDegrees(magnitude));
      case TRANSLATE_X:
        return new Affine(0, (int) magnitude, 0, 1, 0, 0, 0);
      case TRANSLATE_Y:
        return new Affine(0, 0, (int) magnitude, 1, 0, 0, 0);
      case ROTATE:
        return new Rotate(magnitude);
      case BRIGHTNESS:
        return new Brightness(1.0 + magnitude);
      case COLOR:
        return new Saturation(1.0 + magnitude);
      case CONTRAST:
        return new Contrast(1.0 + magnitude);
      case SHARPNESS:
        return new Sharpness(1.0 + magnitude);
      case POSTERIZE:
        return new Posterize((int) magnitude);
      case SOLARIZE:
        return new Solarize(magnitude);
      case AUTO_CONTRAST:
        return AutoContrast.INSTANCE;
      case EQUALIZE:
        return Equalize.INSTANCE;
      case INVERT:
        return Invert.INSTANCE;
      default:
        throw new AssertionError(this);
    }
  }

  /** torchvision's shears: {@code F.affine} with only a shear, about the corner (0, 0). */
  private static Op shear(double shx, double shy) {
    return new Affine(0, 0, 0, 1, shx, shy, 0, 0.0, 0.0);
  }
}
