package dev.preaug.spark;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.shuffle.EpochPermutation;
import dev.preaug.core.shuffle.ShardPlan;
import dev.preaug.spark.input.RandomAccessSamples;
import dev.preaug.spark.input.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * The direct exchange: one task builds one shard by walking its positions in order, finding
 * each position's record with the inverse permutation and reading that record's sample by
 * random access. No shuffle; the records (and so the bytes) are exactly those the shuffle
 * exchange delivers to the same shard.
 */
final class DirectRecords implements Iterator<Tuple2<Long, byte[]>> {
  private final EpochSpec spec;
  private final RandomAccessSamples samples;
  private final EpochPermutation perm;
  private final Recipe recipe;
  private final long end;
  private final long hookAt;
  private final int shard;
  private long next;

  DirectRecords(EpochSpec spec, RandomAccessSamples samples, int shard) {
    this.spec = spec;
    this.samples = samples;
    this.perm = new EpochPermutation(spec.seed, spec.epoch, spec.records());
    this.recipe = spec.recipe();
    ShardPlan plan = new ShardPlan(spec.records(), spec.shards);
    this.next = plan.start(shard);
    this.end = plan.start(shard + 1);
    this.hookAt = next + (end - next) / 2;
    this.shard = shard;
  }

  @Override
  public boolean hasNext() {
    if (next < end) {
      return true;
    }
    try {
      samples.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  @Override
  public Tuple2<Long, byte[]> next() {
    if (next >= end) {
      throw new NoSuchElementException();
    }
    if (next == hookAt) {
      spec.hooks.at(TaskHooks.Point.READ, spec.epoch, shard);
    }
    long record = perm.record(next);
    long index = record / spec.copies();
    int c = (int) (record % spec.copies());
    Sample s;
    try {
      s = samples.read(index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GrayImage image = GrayImage.wrap(spec.width, spec.height, s.pixels());
    return new Tuple2<>(next++, RecordGenerator.make(spec, recipe, s, image, c).toBytes());
  }
}
