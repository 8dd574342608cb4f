package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.List;

/**
 * Mirrors Pillow's {@code img.rotate(angle, resample, expand=0, center=None, fillcolor=fill)}:
 * rotation about the image centre, no expansion (pillow-ops.md section 1). With its defaults
 * (NEAREST, black fill) it is the seed's {@code img.rotate(angle)}; with an interpolation and a
 * fill it is torchvision's {@code F.rotate(img, angle, interpolation, expand=False, center=None,
 * fill)} on a PIL image, which calls exactly that. A positive angle turns the picture
 * counter-clockwise as displayed. Spec: {@code rotate(angle[,interpolation,fill])}, angle in
 * degrees, interpolation {@code nearest}, {@code bilinear} or {@code bicubic}, fill {@code 200} or
 * {@code 250:120:10} ({@link Fill}); the canonical spec of nearest with fill 0 is {@code
 * rotate(angle)}.
 */
public final class Rotate implements Op, Interleaved {
  static final String NAME = "rotate";
  /** Interpolation words, in choice-index order. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  /** {@code rotate(angle[,interpolation,fill])}, angle in degrees. */
  public static final OpKind KIND = OpKind.of(NAME,
      "img.rotate(angle[, resample, fillcolor=fill]) = F.rotate(img, angle, interpolation,"
          + " fill=fill)",
      a -> a.length == 1 ? new Rotate(a[0])
          : new Rotate(a[0], INTERPOLATIONS.get((int) a[1]), Fill.decode(NAME, a[2])),
      OpKind.Param.real("angle", -1e6, 1e6),
      OpKind.Param.choice("interpolation", INTERPOLATIONS), OpKind.Param.fill("fill"))
      .optional("interpolation");

  private final double angle;
  /** Index into {@link #INTERPOLATIONS}. */
  private final int interpolation;
  private final Fill fill;
  /** The angle as Python's {@code angle % 360.0} leaves it, in [0, 360]. */
  private final double turned;
  private final double cos;
  private final double sin;
  private final double negSin;

  /** @throws IllegalArgumentException if {@code angle} is NaN or infinite */
  public Rotate(double angle) {
    this(angle, "nearest", Fill.BLACK);
  }

  /**
   * torchvision's {@code F.rotate(img, angle, interpolation, fill=fill)}.
   *
   * @throws IllegalArgumentException if {@code angle} is NaN or infinite or the interpolation is
   *     not nearest, bilinear or bicubic
   */
  public Rotate(double angle, String interpolation, Fill fill) {
    this.angle = Params.finite(NAME, "angle", angle);
    this.interpolation = INTERPOLATIONS.indexOf(interpolation);
    if (this.interpolation < 0) {
      throw new IllegalArgumentException(NAME + " interpolation must be one of "
          + String.join(", ", INTERPOLATIONS) + ", got '" + interpolation + "'");
    }
    this.fill = java.util.Objects.requireNonNull(fill, "fill");
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
    fill.checkBands(NAME, 1);
    double[] a = matrix(in.width(), in.height());
    if (interpolation == 0 && fill.band(0) == 0) {
      return AffineNearest.transform(in, a[0], a[1], a[2], a[3], a[4], a[5]);
    }
    return transform(Image.of(in), a).band(0);
  }

  /** A per-band fill gives each band its own value, so the bands are not the same op. */
  @Override
  public boolean perBand() {
    return fill.uniform();
  }

  /**
   * A colour image in one pass over its interleaved pixels (every band reads the same source
   * pixel), not band by band; the transposed angles go band by band.
   */
  @Override
  public Image apply(Image in) {
    fill.checkBands(NAME, in.channels());
    if (in.channels() == 1 || turned == 0.0 || turned == 180.0
        || (in.width() == in.height() && (turned == 90.0 || turned == 270.0))) {
      return Op.super.apply(in);
    }
    return transform(in, matrix(in.width(), in.height()));
  }

  /** Pillow's transform with this op's filter and fill (no fast path). */
  private Image transform(Image in, double[] a) {
    return interpolation == 0 ? AffineNearest.transform(in, a, fill)
        : AffineFilter.transform(in, a, interpolation == 2, fill);
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

  /** {@code rotate(angle)} for the defaults, else {@code rotate(angle,interpolation,fill)}. */
  @Override
  public String spec() {
    if (interpolation == 0 && fill.equals(Fill.BLACK)) {
      return NAME + "(" + OpSpecs.format(angle) + ")";
    }
    return NAME + "(" + OpSpecs.format(angle) + "," + INTERPOLATIONS.get(interpolation) + ","
        + fill.spec() + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Rotate)) {
      return false;
    }
    Rotate r = (Rotate) o;
    return Params.sameBits(angle, r.angle) && interpolation == r.interpolation
        && fill.equals(r.fill);
  }

  @Override
  public int hashCode() {
    // The seed's rotate(angle) keeps the hash it always had.
    int h = Double.hashCode(angle) * 31 + 1;
    return interpolation == 0 && fill.equals(Fill.BLACK) ? h
        : h * 31 + interpolation * 7 + fill.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
