package dev.preaug.core.preview;

import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.plan.RecordPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The augmented copies of one sample, drawn by the same {@link RecordPlan} the job uses: the
 * augmented copies are numbered after the {@code copies.original} unaugmented ones. So
 * variant {@code k} here is the record {@code run} writes as augmented copy {@code k} of that
 * sample with the same recipe, seed and epoch (for {@code k < copies.augmented}; further variants
 * are what more copies would get). Gray and RGB samples alike: the ops run through
 * {@link dev.preaug.core.ops.Op#apply(Image)}, as the job applies them.
 */
public final class RecipeVariants {
  private RecipeVariants() {}

  /** One augmented copy: its copy number, the ops drawn and the image they produce. */
  public static final class Variant {
    private final int copy;
    private final OpChain ops;
    private final Image image;

    Variant(int copy, OpChain ops, Image image) {
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

    public Image image() {
      return image;
    }
  }

  /** The first {@code count} augmented copies of sample {@code index} under {@code plan}. */
  public static List<Variant> draw(RecordPlan plan, long index, Image image, int count) {
    List<Variant> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int copy = plan.copiesOriginal() + k;
      OpChain ops = plan.ops(index, copy);
      out.add(new Variant(copy, ops, ops.apply(image)));
    }
    return out;
  }
}
