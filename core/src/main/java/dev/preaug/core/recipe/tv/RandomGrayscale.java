package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Grayscale;
import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomGrayscale(p=0.1)}: with probability {@code p}
 * {@code F.rgb_to_grayscale(img, num_output_channels=bands)}, which turns the image gray (an
 * RGB image keeps three equal bands; a mode L one is unchanged); otherwise nothing. Draws, as
 * its {@code forward} does, one {@code torch.rand(1)} ({@link Rng#nextFloat}), applying when it is below {@code p}
 * compared in float32. Appends {@code Grayscale.INSTANCE} (spec {@code grayscale}) or nothing.
 */
public final class RandomGrayscale implements Stage {
  private final double p;
  private final float threshold;

  /**
   * torchvision's {@code RandomGrayscale(p)}; its default is 0.1.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  public RandomGrayscale(double p) {
    this.threshold = Probability.of("RandomGrayscale", p);
    this.p = p;
  }

  public double p() {
    return p;
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    if (rng.nextFloat() < threshold) {
      out.add(Grayscale.INSTANCE);
    }
  }

  /** Always null: grayscale keeps the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code RandomGrayscale(p=0.1)}. */
  @Override
  public String spec() {
    return "RandomGrayscale(p=" + PyLiteral.repr(p) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomGrayscale
        && Double.compare(((RandomGrayscale) o).p, p) == 0;
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
