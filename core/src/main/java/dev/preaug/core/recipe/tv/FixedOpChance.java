package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * What torchvision's flips and {@code RandomGrayscale} share: with probability {@code p} one
 * fixed op, otherwise nothing. Their {@code forward} draws one {@code torch.rand(1)}
 * ({@link Rng#nextFloat}) and compares it with {@code p} as a float32 tensor comparison, so the
 * threshold is {@code (float) p} (unlike {@link RandomPixelOp}, which compares in double). Each
 * subclass names the transform and its op; the op keeps the image size.
 */
abstract class FixedOpChance implements Stage {
  private final String transform;
  private final Op op;
  private final double p;
  private final float threshold;

  FixedOpChance(String transform, Op op, double p) {
    this.threshold = Probability.of(transform, p);
    this.transform = transform;
    this.op = op;
    this.p = p;
  }

  public double p() {
    return p;
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    if (rng.nextFloat() < threshold) {
      out.add(op);
    }
  }

  /** Always null: the op keeps the image size. */
  @Override
  public String unfit(int width, int height) {
    return null;
  }

  /** {@code RandomHorizontalFlip(p=0.5)}. */
  @Override
  public String spec() {
    return transform + "(p=" + PyLiteral.repr(p) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && Double.compare(((FixedOpChance) o).p, p) == 0;
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
