package dev.preaug.core.shuffle;

/**
 * How an epoch's positions are cut into shards: shard k holds the contiguous positions
 * [floor(k*n/s), floor((k+1)*n/s)), so shard sizes differ by at most one.
 */
public final class ShardPlan {
  private final long records;
  private final int shards;

  public ShardPlan(long records, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    if (records < shards) {
      throw new IllegalArgumentException(
          "shards (" + shards + ") must not exceed the records per epoch (" + records
              + "): every shard must hold at least one record");
    }
    // start(k) and shardOf() compute records * k for k <= shards; the product must stay a
    // non-negative long (multiplyHigh alone misses products in [2^63, 2^64)).
    if (Math.multiplyHigh(records, shards) != 0 || records * shards < 0) {
      throw new IllegalArgumentException("records x shards overflows 63 bits");
    }
    this.records = records;
    this.shards = shards;
  }

  public long records() {
    return records;
  }

  public int shards() {
    return shards;
  }

  /** First position of shard k. */
  public long start(int k) {
    if (k < 0 || k > shards) {
      throw new IndexOutOfBoundsException("shard " + k + " outside [0, " + shards + "]");
    }
    return (records * k) / shards;
  }

  /** Number of records in shard k. */
  public long size(int k) {
    return start(k + 1) - start(k);
  }

  /** The shard that holds position p: the largest k with start(k) <= p. */
  public int shardOf(long position) {
    if (position < 0 || position >= records) {
      throw new IndexOutOfBoundsException("position " + position + " outside [0, " + records + ")");
    }
    return (int) (((position + 1) * shards - 1) / records);
  }
}
