package dev.preaug.core.plan;

import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.shuffle.EpochPermutation;
import java.util.Objects;

/**
 * What every record of one epoch is and where it goes: the determinism contract in one place.
 *
 * <p>Sample {@code index} has {@code copies = copies.original + copies.augmented} copies; copy
 * {@code c} is record {@code r = index * copies + c}, and record {@code r} sits at position
 * {@code perm(r)} of the epoch's order ({@link EpochPermutation}, keyed by seed and epoch). Copies
 * {@code c < copies.original} are the input image itself; the others apply the ops drawn from the
 * record's own stream, {@code recipe.sample(Rng.forRecord(seed, epoch, index, c), width,
 * height)}. Both exchanges (records pushed to their positions, or positions pulling their
 * records) and {@code preview} go through this class, which is why they agree byte for byte;
 * nothing here depends on which task runs it or how the input was split.
 *
 * <p>Immutable (recipe sampling keeps no state): the threads of an executor may share one.
 */
public final class RecordPlan {
  private final Recipe recipe;
  private final long seed;
  private final long epoch;
  private final long samples;
  private final int copiesOriginal;
  private final int copies;
  private final int width;
  private final int height;
  private final EpochPermutation perm;

  /**
   * @param samples the number of input samples (the permutation covers {@code samples * copies}
   *     records)
   */
  public RecordPlan(Recipe recipe, long seed, long epoch, long samples, int copiesOriginal,
      int copiesAugmented, int width, int height) {
    this.recipe = Objects.requireNonNull(recipe, "recipe");
    if (copiesOriginal < 0 || copiesAugmented < 0 || copiesOriginal + copiesAugmented < 1) {
      throw new IllegalArgumentException("copies: original " + copiesOriginal + ", augmented "
          + copiesAugmented + ": each must be >= 0 and their sum >= 1");
    }
    if (samples < 1 || samples > Long.MAX_VALUE / (copiesOriginal + copiesAugmented)) {
      throw new IllegalArgumentException("samples " + samples + " must be in [1, "
          + Long.MAX_VALUE / (copiesOriginal + copiesAugmented) + "] for "
          + (copiesOriginal + copiesAugmented) + " copies each");
    }
    this.seed = seed;
    this.epoch = epoch;
    this.samples = samples;
    this.copiesOriginal = copiesOriginal;
    this.copies = copiesOriginal + copiesAugmented;
    this.width = width;
    this.height = height;
    this.perm = new EpochPermutation(seed, epoch, samples * copies);
  }

  /** Unaugmented copies per sample ({@code copies.original}); augmented copies come after. */
  public int copiesOriginal() {
    return copiesOriginal;
  }

  /** Copies per sample: originals plus augmented. */
  public int copies() {
    return copies;
  }

  /** Records in the epoch: {@code samples * copies}. */
  public long records() {
    return samples * copies;
  }

  /** The record number of copy {@code copy} of sample {@code index}. */
  public long record(long index, int copy) {
    if (index < 0 || index >= samples || copy < 0 || copy >= copies) {
      throw new IndexOutOfBoundsException("sample " + index + " copy " + copy + " outside "
          + samples + " samples x " + copies + " copies");
    }
    return index * copies + copy;
  }

  /** Where copy {@code copy} of sample {@code index} sits in the epoch's order. */
  public long position(long index, int copy) {
    return perm.position(record(index, copy));
  }

  /** The record at {@code position} of the epoch's order (the inverse of {@link #position}). */
  public long recordAt(long position) {
    return perm.record(position);
  }

  /** The sample a record was made from. */
  public long indexOf(long record) {
    return record / copies;
  }

  /** The copy number of a record within its sample. */
  public int copyOf(long record) {
    return (int) (record % copies);
  }

  /** Whether copy {@code copy} is an unaugmented original. */
  public boolean isOriginal(int copy) {
    return copy < copiesOriginal;
  }

  /**
   * The ops augmented copy {@code copy} of sample {@code index} gets. Copy numbers at or beyond
   * {@link #copies()} are allowed: they are what more copies would get ({@code preview} shows
   * them).
   */
  public OpChain ops(long index, int copy) {
    if (isOriginal(copy)) {
      throw new IllegalArgumentException("copy " + copy + " of sample " + index
          + " is an original (copies.original = " + copiesOriginal + "): it has no ops");
    }
    return recipe.sample(Rng.forRecord(seed, epoch, index, copy), width, height);
  }

  /** The record for copy {@code copy} of a sample whose pixels are {@code image}. */
  public OutputRecord make(long index, int label, Image image, int copy) {
    if (isOriginal(copy)) {
      return new OutputRecord(index, label, false, "", height, width, image.channels(),
          image.array());
    }
    OpChain ops = ops(index, copy);
    Image out = ops.apply(image);
    if (out.width() != width || out.height() != height) {
      // Every record of an epoch has the input's shape: shards are fixed-shape arrays.
      throw new IllegalArgumentException("ops " + ops.spec() + " turn a " + width + "x" + height
          + " image into " + out.width() + "x" + out.height() + ": a recipe's ops must keep the"
          + " image size");
    }
    return new OutputRecord(index, label, true, ops.spec(), height, width, out.channels(),
        out.array());
  }
}
