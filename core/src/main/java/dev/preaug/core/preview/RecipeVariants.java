package dev.preaug.core.preview;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The augmented copies of one sample, drawn exactly as the job draws them: copy {@code c} of
 * sample {@code i} in epoch {@code e} gets {@code recipe.sample(Rng.forRecord(seed, e, i, c))},
 * and the augmented copies are numbered after the {@code copies.original} unaugmented ones. So
 * variant {@code k} here is the record {@code run} writes as augmented copy {@code k} of that
 * sample with the same recipe, seed and epoch (for {@code k < copies.augmented}; further variants
 * are what more copies would get).
 */
public final class RecipeVariants {
  private RecipeVariants() {}

  /** One augmented copy: its copy number, the ops drawn and the image they produce. */
  public static final class Variant {
    private final int copy;
    private final OpChain ops;
    private final GrayImage image;

    Variant(int copy, OpChain ops, GrayImage image) {
      this.copy = copy;
      this.ops = ops;
      this.image = image;
    }

    /** The copy number {@code c} the record would have in the job. */
    public int copy() {
      return copy;
    }

    public OpChain ops() {
      return ops;
    }

    public GrayImage image() {
      return image;
    }
  }

  /**
   * The first {@code count} augmented copies of sample {@code index} in epoch {@code epoch}.
   *
   * @param copiesOriginal the config's {@code copies.original}: augmented copies are numbered
   *     from it
   */
  public static List<Variant> draw(Recipe recipe, long seed, long epoch, int copiesOriginal,
      long index, GrayImage image, int count) {
    Objects.requireNonNull(recipe, "recipe");
    List<Variant> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int copy = copiesOriginal + k;
      OpChain ops = recipe.sample(Rng.forRecord(seed, epoch, index, copy), image.width(),
          image.height());
      out.add(new Variant(copy, ops, ops.apply(image)));
    }
    return out;
  }
}
