package dev.preaug.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM split is the Python client's: both computed for the same cases and compared. */
class ShardingTest {
  private static final long[][] COUNTS = {
      {240}, {60, 60, 60, 60}, {7, 0, 13, 1, 5}, {100, 3, 3, 3, 3, 3, 80}, {}, {0, 0}};
  private static final int[] WORLDS = {1, 2, 3, 7, 8};

  @Test
  void plansEqualPreaugShardingPlanInPython() throws Exception {
    StringBuilder java = new StringBuilder();
    StringBuilder cases = new StringBuilder("[");
    for (long[] counts : COUNTS) {
      for (int world : WORLDS) {
        for (Sharding.Split split : Sharding.Split.values()) {
          for (boolean shuffle : new boolean[] {false, true}) {
            for (boolean even : new boolean[] {false, true}) {
              for (int rank = 0; rank < world; rank++) {
                List<String> segs = new ArrayList<>();
                for (Sharding.Segment s : Sharding.plan(counts, rank, world, split, shuffle,
                    -5, 3, even)) {
                  segs.add(s.shard() + ":" + s.start() + ":" + s.stop());
                }
                java.append(String.join(",", segs)).append('\n');
                cases.append(String.format(Locale.ROOT,
                    "(%s,%d,%d,'%s',%s,%s),", pyList(counts), rank, world,
                    split.name().toLowerCase(Locale.ROOT), shuffle ? "True" : "False",
                    even ? "True" : "False"));
              }
            }
          }
        }
      }
    }
    cases.append("]");
    String script = "import sys\n"
        + "sys.path.insert(0, sys.argv[1])\n"
        + "from preaug.sharding import plan\n"
        + "for c, r, w, sp, sh, ev in " + cases + ":\n"
        + "    segs = plan(c, r, w, split=sp, shuffle_shards=sh, seed=-5, epoch=3, even=ev)\n"
        + "    print(','.join('%d:%d:%d' % (s.shard, s.start, s.stop) for s in segs))\n";
    String python = run(script);
    assertEquals(python, java.toString());
  }

  @Test
  void shuffledOrderDependsOnEpochAndRankRangeIsChecked() {
    int[] a = Sharding.shardOrder(64, true, 1, 0);
    int[] b = Sharding.shardOrder(64, true, 1, 1);
    assertEquals(64, java.util.Arrays.stream(a).distinct().count());
    assertEquals(false, java.util.Arrays.equals(a, b));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Sharding.plan(new long[] {1}, 3, 3, Sharding.Split.RECORDS, false, 0, 0, false));
    assertEquals("rank 3 is outside 0..2 (world size 3)", e.getMessage());
  }

  private static String pyList(long[] counts) {
    StringBuilder b = new StringBuilder("[");
    for (long c : counts) {
      b.append(c).append(',');
    }
    return b.append(']').toString();
  }

  private static String run(String script) throws IOException, InterruptedException {
    String clients = JobEpochs.repoRoot().resolve("clients/python").toString();
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, clients)
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("python3 failed: "
          + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
