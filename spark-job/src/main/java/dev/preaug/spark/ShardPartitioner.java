package dev.preaug.spark;

import dev.preaug.core.shuffle.ShardPlan;
import org.apache.spark.Partitioner;

/** Routes an epoch position to the shard whose contiguous range holds it. */
final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final long records;
  private final int shards;
  private transient ShardPlan plan;

  ShardPartitioner(long records, int shards) {
    this.records = records;
    this.shards = shards;
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    if (plan == null) {
      plan = new ShardPlan(records, shards);
    }
    return plan.shardOf((Long) key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner && ((ShardPartitioner) o).records == records
        && ((ShardPartitioner) o).shards == shards;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(records) * 31 + shards;
  }
}
