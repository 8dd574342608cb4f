package dev.preaug.core.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardPlanTest {

  /** Checks sizes, sums and shardOf against start(k) for every position. */
  private static void checkExhaustively(long n, int s) {
    ShardPlan plan = new ShardPlan(n, s);
    assertEquals(n, plan.records());
    assertEquals(s, plan.shards());
    assertEquals(0, plan.start(0));
    assertEquals(n, plan.start(s));
    long lo = n / s;
    long sum = 0;
    long p = 0;
    for (int k = 0; k < s; k++) {
      long size = plan.size(k);
      assertTrue(size == lo || size == lo + 1, "n=" + n + " s=" + s + " shard " + k + " size "
          + size);
      assertTrue(size >= 1);
      assertEquals(plan.start(k) + size, plan.start(k + 1));
      sum += size;
      for (long end = plan.start(k + 1); p < end; p++) {
        assertEquals(k, plan.shardOf(p), "n=" + n + " s=" + s + " position " + p);
      }
    }
    assertEquals(n, sum);
    assertEquals(n, p);
  }

  @Test
  void everySmallPlan() {
    for (int n = 1; n <= 150; n++) {
      for (int s = 1; s <= n; s++) {
        checkExhaustively(n, s);
      }
    }
  }

  @Test
  void typicalPlans() {
    checkExhaustively(1_200_000, 64);
    checkExhaustively(100_003, 99_999);
    checkExhaustively(65_537, 256);
    checkExhaustively(99_999, 99_999);
  }

  @Test
  void startIsFloorOfProportion() {
    ShardPlan plan = new ShardPlan(10, 4);
    assertEquals(0, plan.start(0));
    assertEquals(2, plan.start(1));
    assertEquals(5, plan.start(2));
    assertEquals(7, plan.start(3));
    assertEquals(10, plan.start(4));
    assertEquals(2, plan.size(0));
    assertEquals(3, plan.size(1));
  }

  @Test
  void largePlanNear2To40() {
    long n = (1L << 40) + 12_345;
    int s = 99_999;
    ShardPlan plan = new ShardPlan(n, s);
    long lo = n / s;
    long sum = 0;
    for (int k = 0; k < s; k++) {
      long start = plan.start(k);
      long end = plan.start(k + 1);
      long size = plan.size(k);
      assertTrue(size == lo || size == lo + 1, "shard " + k + " size " + size);
      sum += size;
      assertEquals(k, plan.shardOf(start));
      assertEquals(k, plan.shardOf(end - 1));
      if (start > 0) {
        assertEquals(k - 1, plan.shardOf(start - 1));
      }
    }
    assertEquals(n, sum);
    assertEquals(s - 1, plan.shardOf(n - 1));
  }

  @Test
  void largestPlanThatFits() {
    // records * shards must fit in a long: 2^62 records in 1 shard, or (2^63 - 1) / 3 in 3.
    checkEnds(new ShardPlan(1L << 62, 1));
    checkEnds(new ShardPlan(Long.MAX_VALUE, 1));
    checkEnds(new ShardPlan(Long.MAX_VALUE / 3, 3));
  }

  private static void checkEnds(ShardPlan plan) {
    long n = plan.records();
    int s = plan.shards();
    assertEquals(n, plan.start(s));
    long sum = 0;
    for (int k = 0; k < s; k++) {
      sum += plan.size(k);
      assertEquals(k, plan.shardOf(plan.start(k)));
      assertEquals(k, plan.shardOf(plan.start(k + 1) - 1));
    }
    assertEquals(n, sum);
  }

  @Test
  void errors() {
    assertEquals("shards must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(10, 0)).getMessage());
    assertEquals("shards must be >= 1, got -2",
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(10, -2)).getMessage());
    assertEquals("shards (11) must not exceed the records per epoch (10): every shard must hold"
            + " at least one record",
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(10, 11)).getMessage());
    assertEquals("shards (1) must not exceed the records per epoch (0): every shard must hold"
            + " at least one record",
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(0, 1)).getMessage());
    assertEquals("records x shards overflows 63 bits",
        assertThrows(IllegalArgumentException.class,
            () -> new ShardPlan(Long.MAX_VALUE / 2, 3)).getMessage());
    assertEquals("records x shards overflows 63 bits",
        assertThrows(IllegalArgumentException.class, () -> new ShardPlan(1L << 62, 2))
            .getMessage());
    assertEquals("records x shards overflows 63 bits",
        assertThrows(IllegalArgumentException.class,
            () -> new ShardPlan(Long.MAX_VALUE, 99_999)).getMessage());
    ShardPlan plan = new ShardPlan(10, 3);
    assertEquals("shard -1 outside [0, 3]",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.start(-1)).getMessage());
    assertEquals("shard 4 outside [0, 3]",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.start(4)).getMessage());
    assertEquals("shard 4 outside [0, 3]",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.size(3)).getMessage());
    assertEquals("position -1 outside [0, 10)",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.shardOf(-1)).getMessage());
    assertEquals("position 10 outside [0, 10)",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.shardOf(10)).getMessage());
  }
}
