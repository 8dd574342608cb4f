package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * Mirrors Pillow's {@code img.rotate(angle)} with its defaults: NEAREST sampling, no expansion,
 * rotation about the image centre, black fill (pillow-ops.md section 1). A positive angle turns
 * the picture counter-clockwise as displayed. Spec: {@code rotate(angle)}, angle in degrees.
 */
public final class Rotate implements Op, Interleaved {
  static final String NAME = "rotate";
  /** {@code rotate(angle)}, angle in degrees. */
  public static final OpKind KIND = OpKind.of(NAME, "img.rotate(angle)",
      a -> new Rotate(a[0]), OpKind.Param.real("angle", -1e6, 1e6));

  private final double angle;
  /** The angle as Python's {@code angle % 360.0} leaves it, in [0, 360]. */
  private final double turned;
  private final double cos;
  private final double sin;
  private final double negSin;

  /** @throws IllegalArgumentException if {@code angle} is NaN or infinite */
  public Rotate(double angle) {
    this.angle = Params.finite(NAME, "angle", angle);
    this.turned = pythonMod360(angle);
    // Pillow converts the reduced angle, not the original: -15 is evaluated as 345 degrees, whose
    // sine and cosine differ from those of -15 in the last bits. The conversion multiplies by the
    // constant pi/180 as CPython's math.radians does (Math.toRadians has divided first on older
    // JDKs). StrictMath (fdlibm) gives the same doubles on every JVM and CPU, where Math's
    // intrinsics may not; it may differ from glibc by an ulp, which round15 absorbs (section 1.2).
    double rad = -(turned * (Math.PI / 180.0));
    double sine = StrictMath.sin(rad);
    this.cos = Round15.round15(StrictMath.cos(rad));
    this.sin = Round15.round15(sine);
    this.negSin = Round15.round15(-sine);
  }

  public double angle() {
    return angle;
  }

  /**
   * Python's float {@code %}: the sign follows the divisor, so negative angles land in [0, 360).
   * A tiny negative angle gives exactly 360.0, as in Python; that is not a fast path, and the
   * affine engine then produces an identity copy.
   */
  static double pythonMod360(double angle) {
    double m = angle % 360.0;
    if (m != 0.0) {
      if (m < 0.0) {
        m += 360.0;
      }
    } else {
      m = 0.0; // Python returns +0.0 (the divisor's sign) for exact multiples, even of -360
    }
    return m;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    // Pillow's rotate answers these four angles with transposes, before any matrix exists; the
    // quarter turns only for square images, as they would otherwise change the size.
    if (turned == 0.0) {
      return GrayImage.of(in.width(), in.height(), in.array());
    }
    if (turned == 180.0) {
      return Transposes.rotate180(in);
    }
    if (in.width() == in.height()) {
      if (turned == 90.0) {
        return Transposes.rotate90(in);
      }
      if (turned == 270.0) {
        return Transposes.rotate270(in);
      }
    }
    double[] a = matrix(in.width(), in.height());
    return AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  /**
   * A colour image in one pass over its interleaved pixels (every band reads the same source
   * pixel), not band by band; the transposed angles go band by band.
   */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1 || turned == 0.0 || turned == 180.0
        || (in.width() == in.height() && (turned == 90.0 || turned == 270.0))) {
      return Op.super.apply(in);
    }
    double[] a = matrix(in.width(), in.height());
    return AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
  }

  /**
   * The inverse (output to input) matrix Pillow builds for a w x h image. The centre stays a
   * double (w/2.0, not w/2), and the translation is evaluated left to right with the literal
   * "+ 0.0" of Pillow's matrix, so every entry matches to the last bit.
   */
  double[] matrix(int w, int h) {
    double cx = w / 2.0;
    double cy = h / 2.0;
    double a2 = cos * (-cx) + sin * (-cy) + 0.0;
    double a5 = negSin * (-cx) + cos * (-cy) + 0.0;
    a2 += cx;
    a5 += cy;
    return new double[] {cos, sin, a2, negSin, cos, a5};
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(angle) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rotate && Params.sameBits(angle, ((Rotate) o).angle);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(angle) * 31 + 1;
  }

  @Override
  public String toString() {
    return spec();
  }
}
