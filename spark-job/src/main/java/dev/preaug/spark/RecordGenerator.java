package dev.preaug.spark;

import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.shuffle.EpochPermutation;
import dev.preaug.spark.input.Sample;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * Stage one of an epoch: turns the samples of one input split into keyed records. Record
 * {@code r = index * copies + copy} goes to position {@code perm(r)} of the epoch's order;
 * augmented copies draw their ops from {@code Rng.forRecord(seed, epoch, index, copy)}. Nothing
 * here depends on which task runs it or how the input was split.
 */
final class RecordGenerator implements Iterator<Tuple2<Long, byte[]>> {
  private final EpochSpec spec;
  private final Iterator<Sample> samples;
  private final EpochPermutation perm;
  private final Recipe recipe;
  private Sample current;
  private GrayImage image;
  private int copy;
  /** Sample index at which the READ hook runs. */
  private final long hookAt;
  private final int partition;

  RecordGenerator(EpochSpec spec, Iterator<Sample> samples, long hookAt, int partition) {
    this.spec = spec;
    this.samples = samples;
    this.hookAt = hookAt;
    this.partition = partition;
    this.perm = new EpochPermutation(spec.seed, spec.epoch, spec.records());
    this.recipe = spec.recipe();
    this.copy = spec.copies();
  }

  @Override
  public boolean hasNext() {
    return copy < spec.copies() || samples.hasNext();
  }

  @Override
  public Tuple2<Long, byte[]> next() {
    if (copy >= spec.copies()) {
      if (!samples.hasNext()) {
        throw new NoSuchElementException();
      }
      current = samples.next();
      if (current.index() == hookAt) {
        spec.hooks.at(TaskHooks.Point.READ, spec.epoch, partition);
      }
      image = GrayImage.wrap(spec.width, spec.height, current.pixels());
      copy = 0;
    }
    int c = copy++;
    long record = current.index() * spec.copies() + c;
    return new Tuple2<>(perm.position(record), make(spec, recipe, current, image, c).toBytes());
  }

  /**
   * Copy {@code c} of a sample: the original for {@code c < copies.original}, else the image
   * with ops drawn from the record's own stream. Both exchange modes build records here, which
   * is what makes their output identical.
   */
  static OutputRecord make(EpochSpec spec, Recipe recipe, Sample s, GrayImage image, int c) {
    if (c < spec.copiesOriginal) {
      return new OutputRecord(s.index(), s.label(), false, "", spec.height, spec.width, 1,
          image.array());
    }
    OpChain ops = recipe.sample(Rng.forRecord(spec.seed, spec.epoch, s.index(), c),
        spec.width, spec.height);
    GrayImage result = ops.apply(image);
    return new OutputRecord(s.index(), s.label(), true, ops.spec(), spec.height, spec.width, 1,
        result.array());
  }
}
