package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Op;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.List;

/**
 * torchvision's {@code transforms.RandomChoice(transforms, p)}: one of {@code transforms}, picked
 * by Python's {@code random.choices(transforms, weights=p)} (not torch's generator), then drawing
 * as it does alone. With {@code p=None}: {@code floor(random() * n)}; with weights: the first
 * index whose running sum of weights exceeds {@code random() * total} (bisect on the cumulative
 * sums, Python's float additions). {@code random()} is {@link Rng#nextDouble}, 53 bits as
 * Python's.
 */
public final class RandomChoice implements Stage {
  private final List<Stage> stages;
  /** The weights, or null for torchvision's {@code p=None}. */
  private final double[] weights;
  private final double[] cumulative;

  /**
   * torchvision's {@code RandomChoice(transforms, p)}.
   *
   * @throws IllegalArgumentException for no transforms, a weight count other than the
   *     transforms', a negative or non-finite weight, or weights summing to 0
   */
  public RandomChoice(List<Stage> stages, double[] weights) {
    this.stages = Combined.check("RandomChoice", stages);
    if (weights != null) {
      if (weights.length != stages.size()) {
        throw new IllegalArgumentException("RandomChoice p must have one weight per transform ("
            + stages.size() + "), got " + weights.length);
      }
      double sum = 0;
      this.cumulative = new double[weights.length];
      for (int i = 0; i < weights.length; i++) {
        if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
          throw new IllegalArgumentException("RandomChoice p must be finite weights >= 0, got "
              + PyLiteral.repr(weights[i]));
        }
        sum += weights[i];
        cumulative[i] = sum;
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException("RandomChoice p must not sum to 0");
      }
      this.weights = weights.clone();
    } else {
      this.weights = null;
      this.cumulative = null;
    }
  }

  @Override
  public void sample(Rng rng, int width, int height, List<Op> out) {
    int n = stages.size();
    int pick;
    if (weights == null) {
      pick = (int) Math.floor(rng.nextDouble() * n);
    } else {
      double x = rng.nextDouble() * cumulative[n - 1];
      // bisect_right(cum_weights, x, 0, n - 1): the first index whose sum exceeds x.
      pick = 0;
      while (pick < n - 1 && cumulative[pick] <= x) {
        pick++;
      }
    }
    stages.get(pick).sample(rng, width, height, out);
  }

  @Override
  public String unfit(int width, int height) {
    return Combined.unfit(stages, width, height, 0);
  }

  @Override
  public String unfit(int width, int height, int channels) {
    return Combined.unfit(stages, width, height, channels);
  }

  /** {@code RandomChoice(transforms=[...], p=None)} or with the weights as floats. */
  @Override
  public String spec() {
    StringBuilder sb = new StringBuilder("RandomChoice(transforms=")
        .append(Combined.list(stages)).append(", p=");
    if (weights == null) {
      sb.append("None");
    } else {
      sb.append('[');
      for (int i = 0; i < weights.length; i++) {
        sb.append(i > 0 ? ", " : "").append(PyLiteral.repr(weights[i]));
      }
      sb.append(']');
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomChoice && ((RandomChoice) o).spec().equals(spec());
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
