package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.List;

/**
 * torchvision's {@code F.affine(img, angle, [tx, ty], scale, [shx, shy], interpolation, fill,
 * center)} on a PIL image: the inverse matrix of {@code _get_inverse_affine_matrix(center, ...)},
 * then Pillow's {@code img.transform(img.size, AFFINE, matrix, NEAREST | BILINEAR | BICUBIC,
 * fillcolor=fill)} ({@link AffineNearest}'s engines for nearest, {@link AffineFilter}'s for the
 * others). The centre is the image's {@code (W * 0.5, H * 0.5)} unless given; torchvision's PIL
 * path takes a given centre as pixel coordinates from the top-left corner, unchanged. Pixels whose
 * source falls outside keep {@code fill}: one value for every band, or one per band ({@link
 * Fill}). RandAugment's and AutoAugment's ShearX/Y ({@code center=[0, 0]}), TranslateX/Y and
 * Rotate are this op. Spec: {@code affine(angle,tx,ty,scale,shx,shy,interpolation,fill[,cx,cy])},
 * angles and shears in degrees, {@code fill} as {@code 200} or {@code 250:120:10}.
 *
 * <p>The matrix is evaluated in doubles in torchvision's order, with correctly rounded sines,
 * cosines and tangents ({@link Trig}): what glibc returns on the machines torchvision runs on,
 * and the same on every JVM.
 */
public final class Affine implements Op, Interleaved {
  static final String NAME = "affine";
  /** Interpolation words, in choice-index order. */
  static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear", "bicubic");
  /** {@code affine(angle,tx,ty,scale,shx,shy,interpolation,fill[,cx,cy])}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.affine(img, angle, [tx, ty], scale, [shx, shy], interpolation, fill, center) = "
          + "img.transform(img.size, AFFINE, inverse matrix, resample, fillcolor=fill)",
      a -> new Affine(a[0], a[1], a[2], a[3], a[4], a[5], INTERPOLATIONS.get((int) a[6]),
          Fill.decode(NAME, a[7]), a.length == 10, a.length == 10 ? a[8] : 0.0,
          a.length == 10 ? a[9] : 0.0),
      OpKind.Param.real("angle", -1e6, 1e6), OpKind.Param.real("tx", -1e6, 1e6),
      OpKind.Param.real("ty", -1e6, 1e6), OpKind.Param.real("scale", 1e-6, 1e6),
      OpKind.Param.real("shx", -89, 89), OpKind.Param.real("shy", -89, 89),
      OpKind.Param.choice("interpolation", INTERPOLATIONS),
      OpKind.Param.fill("fill"), OpKind.Param.real("cx", -1e6, 1e6), OpKind.Param.real("cy", -1e6, 1e6)).optional("cx");

  private final double angle;
  private final double tx;
  private final double ty;
  private final double scale;
  private final double shx;
  private final double shy;
  /** Index into {@link #INTERPOLATIONS}. */
  private final int interpolation;
  private final Fill fill;
  /** Whether the centre was given; otherwise it is the image's, known only when applied. */
  private final boolean centred;
  private final double cx;
  private final double cy;
  /** The rotation/shear/scale part of the inverse matrix, which does not depend on the size. */
  private final double m0;
  private final double m1;
  private final double m3;
  private final double m4;

  /**
   * About the image centre {@code (W * 0.5, H * 0.5)}, as torchvision's {@code center=None}.
   *
   * @throws IllegalArgumentException for non-finite values, a scale that is not positive, a
   *     shear of 90 degrees or more, or a fill outside 0..255
   */
  public Affine(double angle, double tx, double ty, double scale, double shx, double shy,
      int fill) {
    this(angle, tx, ty, scale, shx, shy, "nearest", fill(fill), false, 0.0, 0.0);
  }

  /**
   * About the centre {@code (cx, cy)} in pixel coordinates from the top-left corner, as
   * torchvision's {@code center=[cx, cy]} (RandAugment's shears use {@code [0, 0]}).
   *
   * @throws IllegalArgumentException as the image-centre constructor, or for a centre that is
   *     not finite or beyond 1e6
   */
  public Affine(double angle, double tx, double ty, double scale, double shx, double shy,
      int fill, double cx, double cy) {
    this(angle, tx, ty, scale, shx, shy, "nearest", fill(fill), true, cx, cy);
  }

  /**
   * Any interpolation ({@code nearest}, {@code bilinear} or {@code bicubic}) and fill, about the
   * image centre.
   *
   * @throws IllegalArgumentException as the other constructors, or for another interpolation
   */
  public Affine(double angle, double tx, double ty, double scale, double shx, double shy,
      String interpolation, Fill fill) {
    this(angle, tx, ty, scale, shx, shy, interpolation, fill, false, 0.0, 0.0);
  }

  /** As {@link #Affine(double, double, double, double, double, double, String, Fill)}, about
   * {@code (cx, cy)}. */
  public Affine(double angle, double tx, double ty, double scale, double shx, double shy,
      String interpolation, Fill fill, double cx, double cy) {
    this(angle, tx, ty, scale, shx, shy, interpolation, fill, true, cx, cy);
  }

  private static Fill fill(int fill) {
    if (fill < 0 || fill > 255) {
      throw new IllegalArgumentException(NAME + " fill must be an integer in [0, 255], got "
          + fill);
    }
    return Fill.of(fill);
  }

  private Affine(double angle, double tx, double ty, double scale, double shx, double shy,
      String interpolation, Fill fill, boolean centred, double cx, double cy) {
    this.angle = Params.finite(NAME, "angle", angle);
    this.tx = Params.finite(NAME, "tx", tx);
    this.ty = Params.finite(NAME, "ty", ty);
    this.scale = Params.finite(NAME, "scale", scale);
    this.shx = Params.finite(NAME, "shx", shx);
    this.shy = Params.finite(NAME, "shy", shy);
    if (!(scale > 0)) {
      throw new IllegalArgumentException(NAME + " scale must be > 0, got " + Params.show(scale));
    }
    if (Math.abs(shx) >= 89.5 || Math.abs(shy) >= 89.5 || Math.abs(angle) > 1e6) {
      throw new IllegalArgumentException(NAME + " shears must be in (-89.5, 89.5) degrees and"
          + " the angle within 1e6, got angle " + Params.show(angle) + ", shear ["
          + Params.show(shx) + ", " + Params.show(shy) + "]");
    }
    this.interpolation = INTERPOLATIONS.indexOf(interpolation);
    if (this.interpolation < 0) {
      throw new IllegalArgumentException(NAME + " interpolation must be one of "
          + String.join(", ", INTERPOLATIONS) + ", got '" + interpolation + "'");
    }
    this.fill = java.util.Objects.requireNonNull(fill, "fill");
    this.centred = centred;
    this.cx = Params.finite(NAME, "cx", cx);
    this.cy = Params.finite(NAME, "cy", cy);
    if (Math.abs(cx) > 1e6 || Math.abs(cy) > 1e6) {
      throw new IllegalArgumentException(NAME + " center must be within 1e6 of the origin, got ["
          + Params.show(cx) + ", " + Params.show(cy) + "]");
    }
    // math.radians multiplies by the constant pi/180.
    double rot = angle * (Math.PI / 180.0);
    double sx = shx * (Math.PI / 180.0);
    double sy = shy * (Math.PI / 180.0);
    double cosSy = Trig.cosExact(sy);
    double cosRotSy = Trig.cosExact(rot - sy);
    double sinRotSy = Trig.sinExact(rot - sy);
    double tanSx = Trig.tanExact(sx);
    double a = cosRotSy / cosSy;
    double b = -cosRotSy * tanSx / cosSy - Trig.sinExact(rot);
    double c = sinRotSy / cosSy;
    double d = -sinRotSy * tanSx / cosSy + Trig.cosExact(rot);
    // Inverted: [d, -b, 0, -c, a, 0], each divided by the scale.
    this.m0 = d / scale;
    this.m1 = -b / scale;
    this.m3 = -c / scale;
    this.m4 = a / scale;
  }

  /** The inverse (output to input) matrix for a {@code w x h} image, as torchvision builds it. */
  double[] matrix(int w, int h) {
    double cx = centred ? this.cx : w * 0.5;
    double cy = centred ? this.cy : h * 0.5;
    double m2 = 0.0;
    double m5 = 0.0;
    m2 += m0 * (-cx - tx) + m1 * (-cy - ty);
    m5 += m3 * (-cx - tx) + m4 * (-cy - ty);
    m2 += cx;
    m5 += cy;
    return new double[] {m0, m1, m2, m3, m4, m5};
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return apply(Image.of(in)).band(0);
  }

  /** A per-band fill gives each band its own value, so the bands are not the same op. */
  @Override
  public boolean perBand() {
    return fill.uniform();
  }

  /** All bands in one pass over the interleaved pixels: each reads the same source position. */
  @Override
  public Image apply(Image in) {
    fill.checkBands(NAME, in.channels());
    double[] a = matrix(in.width(), in.height());
    return interpolation == 0 ? AffineNearest.transform(in, a, fill)
        : AffineFilter.transform(in, a, interpolation == 2, fill);
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(angle) + "," + OpSpecs.format(tx) + ","
        + OpSpecs.format(ty) + "," + OpSpecs.format(scale) + "," + OpSpecs.format(shx) + ","
        + OpSpecs.format(shy) + "," + INTERPOLATIONS.get(interpolation) + "," + fill.spec()
        + (centred ? "," + OpSpecs.format(cx) + "," + OpSpecs.format(cy) : "") + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Affine)) {
      return false;
    }
    Affine x = (Affine) o;
    return Params.sameBits(angle, x.angle) && Params.sameBits(tx, x.tx)
        && Params.sameBits(ty, x.ty) && Params.sameBits(scale, x.scale)
        && Params.sameBits(shx, x.shx) && Params.sameBits(shy, x.shy)
        && interpolation == x.interpolation && fill.equals(x.fill)
        && centred == x.centred && Params.sameBits(cx, x.cx) && Params.sameBits(cy, x.cy);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(angle, tx, ty, scale, shx, shy, interpolation, fill,
        centred, cx, cy);
  }

  @Override
  public String toString() {
    return spec();
  }
}
