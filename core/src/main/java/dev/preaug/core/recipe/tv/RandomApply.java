package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomApply(transforms, p)}: with probability {@code p} all of
 * {@code transforms} in order, otherwise none. Draws one {@code torch.rand(1)} ({@link
 * Rng#nextFloat}) and skips when {@code p < draw}, compared in float32 as torch compares a tensor
 * with a Python float; the inner transforms then draw as they do alone.
 */
public final class RandomApply implements Stage {
  private final List<Stage> stages;
  private final double p;
  private final float threshold;

  /**
   * torchvision's {@code RandomApply(transforms, p)}; its default p is 0.5.
   *
   * @throws IllegalArgumentException for no transforms or p outside [0, 1]
   */
  public RandomApply(List<Stage> stages, double p) {
    this.stages = Combined.check("RandomApply", stages);
    this.threshold = Probability.of("RandomApply", p);
    this.p = p;
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    if (threshold < rng.nextFloat()) {
      return;
    }
    for (Stage s : stages) {
      s.sample(rng, width, height, out);
    }
  }

  @Override
  public String unfit(int width, int height) {
    return Combined.unfit(stages, width, height, 0);
  }

  @Override
  public String unfit(int width, int height, int channels) {
    return Combined.unfit(stages, width, height, channels);
  }

  /** {@code RandomApply(transforms=[ColorJitter(brightness=(0.6, 1.4))], p=0.8)}. */
  @Override
  public String spec() {
    return "RandomApply(transforms=" + Combined.list(stages) + ", p=" + PyLiteral.repr(p) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomApply && ((RandomApply) o).spec().equals(spec());
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
