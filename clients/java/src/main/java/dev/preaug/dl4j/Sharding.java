package dev.preaug.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which rows of an epoch one reader reads: the same plan as the Python client's
 * {@code preaug.sharding.plan}, so JVM and Python trainers split an epoch identically. With
 * {@code slots} readers, {@code even=false} reads every record exactly once across them;
 * {@code even=true} trims every slot to the smallest slot's count (equal batch counts on every
 * rank, at most once).
 */
public final class Sharding {
  private Sharding() {}

  /** How an epoch is divided among readers. */
  public enum Split {
    /** The shards as one sequence of records, cut into near-equal contiguous ranges. */
    RECORDS,
    /** Whole shards, round-robin in shard order. */
    SHARDS
  }

  /** Rows {@code [start, stop)} of shard {@code shard}. */
  public record Segment(int shard, long start, long stop) {
    public long records() {
      return stop - start;
    }
  }

  private static long mix64(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The order shards are read in: {@code 0..S-1}, or with {@code shuffle} sorted by the
   * unsigned key {@code mix(mix(mix(seed) ^ epoch) ^ shard)} (SplitMix64), ties by shard.
   */
  public static int[] shardOrder(int shards, boolean shuffle, long seed, long epoch) {
    Integer[] order = new Integer[shards];
    for (int k = 0; k < shards; k++) {
      order[k] = k;
    }
    if (shuffle) {
      long base = mix64(mix64(seed) ^ epoch);
      Arrays.sort(order, (a, b) -> {
        int c = Long.compareUnsigned(mix64(base ^ a), mix64(base ^ b));
        return c != 0 ? c : Integer.compare(a, b);
      });
    }
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** The segments slot {@code slot} of {@code slots} reads, in reading order. */
  public static List<Segment> plan(long[] shardRecords, int slot, int slots, Split split,
      boolean shuffleShards, long seed, long epoch, boolean even) {
    if (slots < 1 || slot < 0 || slot >= slots) {
      throw new IllegalArgumentException("rank " + slot + " is outside 0.." + (slots - 1)
          + " (world size " + slots + ")");
    }
    long n = 0;
    for (long c : shardRecords) {
      if (c < 0) {
        throw new IllegalArgumentException("shard record counts must be >= 0, got " + c);
      }
      n += c;
    }
    int[] order = shardOrder(shardRecords.length, shuffleShards, seed, epoch);
    List<Segment> out = new ArrayList<>();
    if (split == Split.RECORDS) {
      long lo = Math.multiplyExact((long) slot, n) / slots;
      long hi = even ? lo + n / slots : Math.multiplyExact((long) slot + 1, n) / slots;
      long pos = 0;
      for (int k : order) {
        long c = shardRecords[k];
        long a = Math.max(lo, pos);
        long b = Math.min(hi, pos + c);
        if (a < b) {
          out.add(new Segment(k, a - pos, b - pos));
        }
        pos += c;
        if (pos >= hi) {
          break;
        }
      }
      return out;
    }
    long[] perSlot = new long[slots];
    for (int j = 0; j < order.length; j++) {
      perSlot[j % slots] += shardRecords[order[j]];
      if (j % slots == slot) {
        out.add(new Segment(order[j], 0, shardRecords[order[j]]));
      }
    }
    long keep = Long.MAX_VALUE;
    if (even) {
      keep = Arrays.stream(perSlot).min().orElse(0);
    }
    List<Segment> trimmed = new ArrayList<>();
    for (Segment s : out) {
      if (keep <= 0) {
        break;
      }
      long take = Math.min(keep, s.records());
      if (take > 0) {
        trimmed.add(new Segment(s.shard(), 0, take));
      }
      keep -= take;
    }
    return trimmed;
  }
}
