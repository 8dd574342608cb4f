package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.VFlip;
import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomVerticalFlip(p=0.5)}: with probability {@code p}
 * {@code F.vflip(img)}, which flips top to bottom; otherwise nothing. Draws, as its {@code forward}
 * does, one {@code torch.rand(1)} ({@link Rng#nextFloat}), applying when it is below {@code p}
 * compared in float32. Appends {@code VFlip.INSTANCE} (spec {@code vflip}) or nothing.
 */
public final class RandomVerticalFlip implements Stage {
  private final double p;
  private final float threshold;

  /**
   * torchvision's {@code RandomVerticalFlip(p)}; its default is 0.5.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  public RandomVerticalFlip(double p) {
    this.threshold = Probability.of("RandomVerticalFlip", p);
    this.p = p;
  }

  public double p() {
    return p;
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    if (rng.nextFloat() < threshold) {
      out.add(VFlip.INSTANCE);
    }
  }

  /** Always null: vflip keeps the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code RandomVerticalFlip(p=0.5)}. */
  @Override
  public String spec() {
    return "RandomVerticalFlip(p=" + PyLiteral.repr(p) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomVerticalFlip
        && Double.compare(((RandomVerticalFlip) o).p, p) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(p);
  }

  @Override
  public String toString() {
    return spec();
  }
}
