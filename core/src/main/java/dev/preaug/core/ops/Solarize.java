package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * torchvision's {@code F.solarize(img, threshold)} on a PIL image, which is Pillow's {@code
 * ImageOps.solarize(img, threshold)}. Inverts every value at or above {@code threshold}. Spec:
 * {@code solarize(threshold)}.
 */
public final class Solarize implements Op, Interleaved {
  static final String NAME = "solarize";
  /** {@code solarize(threshold)}. */
  public static final OpKind KIND = OpKind.of(NAME,
      "F.solarize(img, threshold) = "
          + "ImageOps.solarize(img, threshold)",
      a -> new Solarize(a[0]), OpKind.Param.real("threshold", 0, 256));

  private final double threshold;

  /** @throws IllegalArgumentException if {@code threshold} is NaN or infinite */
  public Solarize(double threshold) {
    this.threshold = Params.finite(NAME, "threshold", threshold);
  }

  public double threshold() {
    return threshold;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    return PixelMaps.lut(in, table());
  }

  /** Every band through the same table, on the interleaved samples. */
  @Override
  public Image apply(Image in) {
    return PixelMaps.lut(in, table());
  }

  private int[] table() {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = i < threshold ? i : 255 - i;
    }
    return lut;
  }

  @Override
  public String spec() {
    return NAME + "(" + OpSpecs.format(threshold) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Solarize && Params.sameBits(threshold, ((Solarize) o).threshold);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(threshold) * 31 + 27;
  }

  @Override
  public String toString() {
    return spec();
  }
}
