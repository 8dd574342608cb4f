package dev.preaug.core.recipe;

import dev.preaug.core.ops.Op;
import java.util.List;

/**
 * One stage of a recipe written as a torchvision-style pipeline ({@code RandomCrop(32,
 * padding=4) | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)}): a random
 * transform or policy that draws the concrete ops one record gets. Drawing is kept apart from
 * applying: a stage only chooses parameters from the record's {@link Rng} and appends
 * immutable {@link Op}s, whose specs are the record's provenance and replay with {@code apply}.
 *
 * <p>A stage keeps the image size: every record of an epoch has the input's shape, so a stage
 * whose output size differs from its input's reports that through {@link #unfit}.
 */
public interface Stage {
  /**
   * Draws this stage's ops for one {@code width} x {@code height} image and appends them to
   * {@code out} in the order they apply; appends nothing when the stage draws no op (a flip whose
   * probability draw failed, RandAugment's Identity). Draws happen in torchvision's order.
   */
  void sample(Rng rng, int width, int height, List<Op> out);

  /**
   * Why this stage cannot serve {@code width} x {@code height} images (it would change their
   * size, a crop larger than the padded image...), as one line naming the argument, its value
   * and the size; null when it can.
   */
  String unfit(int width, int height);

  /**
   * As {@link #unfit(int, int)} for images of {@code channels} bands (1 for mode L, 3 for RGB),
   * also saying why the stage cannot serve that many: a fill with a value per band on a mode L
   * image, which the ops would refuse in every task.
   */
  default String unfit(int width, int height, int channels) {
    return unfit(width, height);
  }

  /** Canonical torchvision-style text ({@code RandomHorizontalFlip(p=0.5)}) that parses back. */
  String spec();
}
