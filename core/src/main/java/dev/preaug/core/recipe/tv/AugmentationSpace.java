package dev.preaug.core.recipe.tv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A policy's ops in torchvision's order with their magnitude bins and signed flags: what
 * torchvision's {@code _augmentation_space} returns. The order is part of the sampling (an op is
 * drawn by its index), and every magnitude is the float32 value torch computes.
 *
 * <table>
 *   <caption>Magnitude bins (torchvision 0.14); W and H are the image's width and height</caption>
 *   <tr><th>op</th><th>RandAugment, AutoAugment</th><th>TrivialAugmentWide</th><th>signed</th></tr>
 *   <tr><td>ShearX, ShearY</td><td>linspace(0, 0.3)</td><td>linspace(0, 0.99)</td><td>yes</td></tr>
 *   <tr><td>TranslateX</td><td>linspace(0, 150/331 W)</td><td>linspace(0, 32)</td><td>yes</td></tr>
 *   <tr><td>TranslateY</td><td>linspace(0, 150/331 H)</td><td>linspace(0, 32)</td><td>yes</td></tr>
 *   <tr><td>Rotate</td><td>linspace(0, 30)</td><td>linspace(0, 135)</td><td>yes</td></tr>
 *   <tr><td>Brightness, Color, Contrast, Sharpness</td><td>linspace(0, 0.9)</td>
 *       <td>linspace(0, 0.99)</td><td>yes</td></tr>
 *   <tr><td>Posterize</td><td>8 - round(i / ((bins-1)/4))</td><td>8 - round(i / ((bins-1)/6))
 *       </td><td>no</td></tr>
 *   <tr><td>Solarize</td><td>linspace(255, 0)</td><td>linspace(255, 0)</td><td>no</td></tr>
 *   <tr><td>Identity, AutoContrast, Equalize, Invert</td><td>magnitude 0, no bins</td>
 *       <td>magnitude 0, no bins</td><td>no</td></tr>
 * </table>
 * RandAugment and TrivialAugmentWide list Identity first and have no Invert; AutoAugment's
 * space (always 10 bins) has Invert last and no Identity.
 */
final class AugmentationSpace {
  /**
   * One op: its magnitude per bin ({@code null} where torchvision's table holds a single 0, so
   * no bin is drawn), and whether a sign is drawn.
   */
  static final class Entry {
    final PolicyOp op;
    private final float[] magnitudes;
    final boolean signed;

    Entry(PolicyOp op, float[] magnitudes, boolean signed) {
      this.op = op;
      this.magnitudes = magnitudes;
      this.signed = signed;
    }

    /** Whether torchvision's table for this op has bins (its tensor is not 0-dimensional). */
    boolean hasBins() {
      return magnitudes != null;
    }

    /** The number of bins, 0 for an op without. */
    int bins() {
      return magnitudes == null ? 0 : magnitudes.length;
    }

    /** The float32 magnitude of {@code bin}; 0 for an op without bins, as torchvision uses. */
    float magnitude(int bin) {
      return magnitudes == null ? 0f : magnitudes[bin];
    }

    /**
     * The value torchvision passes to {@code _apply_op}: {@code float(magnitudes[bin])} (or 0.0),
     * then {@code magnitude *= -1.0} when {@code negative} and the op is signed.
     */
    double applied(int bin, boolean negative) {
      double m = magnitude(bin);
      return signed && negative ? m * -1.0 : m;
    }
  }

  /** The TrivialAugmentWide translation range, in pixels whatever the image size. */
  static final double WIDE_TRANSLATE = 32.0;
  /** AutoAugment's number of bins: its policies' magnitude ids index a 10-bin space. */
  static final int AUTO_AUGMENT_BINS = 10;

  private final List<Entry> entries;

  private AugmentationSpace(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
  }

  List<Entry> entries() {
    return entries;
  }

  int size() {
    return entries.size();
  }

  Entry get(int i) {
    return entries.get(i);
  }

  /** The entry for {@code op}; throws if the space does not have it. */
  Entry entry(PolicyOp op) {
    for (Entry e : entries) {
      if (e.op == op) {
        return e;
      }
    }
    throw new IllegalArgumentException(op.torchName + " is not in this augmentation space");
  }

  /** RandAugment's space ({@code RandAugment._augmentation_space(bins, (H, W))}). */
  static AugmentationSpace randAugment(int bins, int width, int height) {
    List<Entry> e = new ArrayList<>();
    e.add(new Entry(PolicyOp.IDENTITY, null, false));
    addShared(e, bins, width, height);
    return new AugmentationSpace(e);
  }

  /** AutoAugment's space ({@code AutoAugment._augmentation_space(10, (H, W))}). */
  static AugmentationSpace autoAugment(int width, int height) {
    List<Entry> e = new ArrayList<>();
    addShared(e, AUTO_AUGMENT_BINS, width, height);
    e.add(new Entry(PolicyOp.INVERT, null, false));
    return new AugmentationSpace(e);
  }

  /** TrivialAugmentWide's space ({@code TrivialAugmentWide._augmentation_space(bins)}). */
  static AugmentationSpace trivialAugmentWide(int bins) {
    float[] shear = TorchMath.linspace(0.0, 0.99, bins);
    float[] translate = TorchMath.linspace(0.0, WIDE_TRANSLATE, bins);
    float[] enhance = TorchMath.linspace(0.0, 0.99, bins);
    List<Entry> e = new ArrayList<>();
    e.add(new Entry(PolicyOp.IDENTITY, null, false));
    e.add(new Entry(PolicyOp.SHEAR_X, shear, true));
    e.add(new Entry(PolicyOp.SHEAR_Y, shear, true));
    e.add(new Entry(PolicyOp.TRANSLATE_X, translate, true));
    e.add(new Entry(PolicyOp.TRANSLATE_Y, translate, true));
    e.add(new Entry(PolicyOp.ROTATE, TorchMath.linspace(0.0, 135.0, bins), true));
    e.add(new Entry(PolicyOp.BRIGHTNESS, enhance, true));
    e.add(new Entry(PolicyOp.COLOR, enhance, true));
    e.add(new Entry(PolicyOp.CONTRAST, enhance, true));
    e.add(new Entry(PolicyOp.SHARPNESS, enhance, true));
    e.add(new Entry(PolicyOp.POSTERIZE, TorchMath.posterizeBits(bins, 6), false));
    e.add(new Entry(PolicyOp.SOLARIZE, TorchMath.linspace(255.0, 0.0, bins), false));
    e.add(new Entry(PolicyOp.AUTO_CONTRAST, null, false));
    e.add(new Entry(PolicyOp.EQUALIZE, null, false));
    return new AugmentationSpace(e);
  }

  /** The ops RandAugment and AutoAugment share, in their order, Identity and Invert aside. */
  private static void addShared(List<Entry> e, int bins, int width, int height) {
    float[] shear = TorchMath.linspace(0.0, 0.3, bins);
    float[] enhance = TorchMath.linspace(0.0, 0.9, bins);
    e.add(new Entry(PolicyOp.SHEAR_X, shear, true));
    e.add(new Entry(PolicyOp.SHEAR_Y, shear, true));
    // torchvision passes image_size = (H, W): TranslateX reads index 1 (the width), TranslateY
    // index 0 (the height). 150/331 is evaluated in Python doubles before torch rounds the end.
    e.add(new Entry(PolicyOp.TRANSLATE_X,
        TorchMath.linspace(0.0, 150.0 / 331.0 * width, bins), true));
    e.add(new Entry(PolicyOp.TRANSLATE_Y,
        TorchMath.linspace(0.0, 150.0 / 331.0 * height, bins), true));
    e.add(new Entry(PolicyOp.ROTATE, TorchMath.linspace(0.0, 30.0, bins), true));
    e.add(new Entry(PolicyOp.BRIGHTNESS, enhance, true));
    e.add(new Entry(PolicyOp.COLOR, enhance, true));
    e.add(new Entry(PolicyOp.CONTRAST, enhance, true));
    e.add(new Entry(PolicyOp.SHARPNESS, enhance, true));
    e.add(new Entry(PolicyOp.POSTERIZE, TorchMath.posterizeBits(bins, 4), false));
    e.add(new Entry(PolicyOp.SOLARIZE, TorchMath.linspace(255.0, 0.0, bins), false));
    e.add(new Entry(PolicyOp.AUTO_CONTRAST, null, false));
    e.add(new Entry(PolicyOp.EQUALIZE, null, false));
  }
}
