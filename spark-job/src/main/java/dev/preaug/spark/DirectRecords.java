package dev.preaug.spark;

import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.Image;
import dev.preaug.core.plan.RecordPlan;
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
 * random access. No shuffle; the records come from the same {@link RecordPlan} as the shuffle
 * exchange's, so a shard's bytes are the same whichever exchange wrote it.
 */
final class DirectRecords implements Iterator<Tuple2<Long, OutputRecord>> {
  private final EpochSpec spec;
  private final RandomAccessSamples samples;
  private final RecordPlan plan;
  private final long end;
  private final long hookAt;
  private final int shard;
  private long next;

  DirectRecords(EpochSpec spec, RandomAccessSamples samples, int shard) {
    this.spec = spec;
    this.samples = samples;
    this.plan = spec.plan();
    ShardPlan cuts = new ShardPlan(spec.records(), spec.shards);
    this.next = cuts.start(shard);
    this.end = cuts.start(shard + 1);
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
  public Tuple2<Long, OutputRecord> next() {
    if (next >= end) {
      throw new NoSuchElementException();
    }
    if (next == hookAt) {
      spec.hooks.at(TaskHooks.Point.READ, spec.epoch, shard);
    }
    long record = plan.recordAt(next);
    long index = plan.indexOf(record);
    Sample s;
    try {
      s = samples.read(index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Image image = Image.wrap(spec.width, spec.height, spec.channels, s.pixels());
    // Straight to the writer in this task: no bytes form, which only a shuffle needs.
    return new Tuple2<>(next++, plan.make(index, s.label(), image, plan.copyOf(record)));
  }
}
