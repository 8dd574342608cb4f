package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomOrder(transforms)}: all of {@code transforms} in a random
 * order. The order is Python's {@code random.shuffle(list(range(n)))} (not torch's generator):
 * for {@code i} from {@code n - 1} down to 1, swap element {@code i} with element {@code
 * randbelow(i + 1)}, here {@code rng.nextLong(i + 1)}; then the transforms draw in that order.
 */
public final class RandomOrder implements Stage {
  private final List<Stage> stages;

  /** @throws IllegalArgumentException for no transforms */
  public RandomOrder(List<Stage> stages) {
    this.stages = Combined.check("RandomOrder", stages);
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    int n = stages.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) rng.nextLong(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int i : order) {
      stages.get(i).sample(rng, width, height, out);
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

  /** {@code RandomOrder(transforms=[...])}. */
  @Override
  public String spec() {
    return "RandomOrder(transforms=" + Combined.list(stages) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomOrder && ((RandomOrder) o).spec().equals(spec());
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
