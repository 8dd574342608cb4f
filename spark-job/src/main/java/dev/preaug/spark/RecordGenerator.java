package dev.preaug.spark;

import dev.preaug.core.image.Image;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.spark.input.Sample;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * Stage one of the shuffle exchange: turns the samples of one input split into records keyed by
 * their position in the epoch's order, as the {@link RecordPlan} says. Nothing here depends on
 * which task runs it or how the input was split.
 */
final class RecordGenerator implements Iterator<Tuple2<Long, byte[]>> {
  private final EpochSpec spec;
  private final Iterator<Sample> samples;
  private final RecordPlan plan;
  private Sample current;
  private Image image;
  private int copy;
  /** Sample index at which the READ hook runs. */
  private final long hookAt;
  private final int partition;

  RecordGenerator(EpochSpec spec, Iterator<Sample> samples, long hookAt, int partition) {
    this.spec = spec;
    this.samples = samples;
    this.hookAt = hookAt;
    this.partition = partition;
    this.plan = spec.plan();
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
      image = Image.wrap(spec.width, spec.height, spec.channels, current.pixels());
      copy = 0;
    }
    int c = copy++;
    return new Tuple2<>(plan.position(current.index(), c),
        plan.make(current.index(), current.label(), image, c).toBytes());
  }
}
