package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * torchvision's {@code transforms.TrivialAugmentWide(num_magnitude_bins)} with its default
 * NEAREST interpolation and fill {@code None}: one of 14 ops uniformly (Identity, ShearX, ShearY,
 * TranslateX, TranslateY, Rotate, Brightness, Color, Contrast, Sharpness, Posterize, Solarize,
 * AutoContrast, Equalize) at a uniformly drawn magnitude bin of the wide space
 * ({@link AugmentationSpace#trivialAugmentWide}), signed ops negated with probability 1/2.
 *
 * <p>Draws, as {@code TrivialAugmentWide.forward} makes them: the op index ({@code
 * torch.randint(14, (1,))}, here {@code rng.nextLong(14)}); then, only for an op with bins, the
 * bin ({@code torch.randint(num_magnitude_bins, (1,))}); then, only for a signed op, the sign
 * ({@code torch.randint(2, (1,))}, negative when 1). Identity appends nothing.
 *
 * <p>The wide space does not depend on the image size (translations reach 32 pixels at any
 * size), so each (op, bin, sign) becomes an op once, the first time it is drawn.
 */
public final class TrivialAugmentWide implements Stage {
  private final int numMagnitudeBins;
  private final AugmentationSpace space;
  /** The op of (index, bin, sign) at {@code (index * bins + bin) * 2 + sign}, built on demand. */
  private final AtomicReferenceArray<Op> ops;

  /**
   * torchvision's {@code TrivialAugmentWide(num_magnitude_bins)}; its default is 31.
   *
   * @throws IllegalArgumentException when {@code numMagnitudeBins} is outside [2, 32768] (torch's
   *     linspace changes how it rounds beyond)
   */
  public TrivialAugmentWide(int numMagnitudeBins) {
    RandAugment.checkBins("TrivialAugmentWide", numMagnitudeBins);
    this.numMagnitudeBins = numMagnitudeBins;
    this.space = AugmentationSpace.trivialAugmentWide(numMagnitudeBins);
    this.ops = new AtomicReferenceArray<>(space.size() * numMagnitudeBins * 2);
  }

  public int numMagnitudeBins() {
    return numMagnitudeBins;
  }

  /** The augmentation space this stage draws from, the same for every image size. */
  AugmentationSpace space() {
    return space;
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    int k = (int) rng.nextLong(space.size());
    AugmentationSpace.Entry e = space.get(k);
    int bin = e.hasBins() ? (int) rng.nextLong(e.bins()) : 0;
    boolean negative = e.signed && rng.nextLong(2) != 0;
    Op op = op(k, bin, negative);
    if (op != null) {
      out.add(op);
    }
  }

  /** The op for entry {@code k} at {@code bin}, built once (Identity stays null: nothing). */
  private Op op(int k, int bin, boolean negative) {
    int slot = (k * numMagnitudeBins + bin) * 2 + (negative ? 1 : 0);
    Op op = ops.get(slot);
    if (op == null) {
      AugmentationSpace.Entry e = space.get(k);
      op = e.op.op(e.applied(bin, negative));
      // Two threads may build the same op; they are equal values, so either may win.
      ops.set(slot, op);
    }
    return op;
  }

  /** Always null: every op keeps the image size, and the space fits every size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code TrivialAugmentWide(num_magnitude_bins=31)}. */
  @Override
  public String spec() {
    return "TrivialAugmentWide(num_magnitude_bins=" + numMagnitudeBins + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrivialAugmentWide
        && ((TrivialAugmentWide) o).numMagnitudeBins == numMagnitudeBins;
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
