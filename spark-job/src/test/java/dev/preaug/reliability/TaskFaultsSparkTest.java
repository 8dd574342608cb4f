package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.spark.SparkTests;
import dev.preaug.spark.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Task failures on a master that retries ({@code local[2,4]}: a task may fail 3 times and
 * still succeed on its 4th attempt). Faults come from the test-only {@link FaultPlan} hooks at each point
 * of a task's life; with retries the published epoch must equal a fault-free run's byte for
 * byte, and with retries exhausted the run must fail loudly and publish nothing.
 */
class TaskFaultsSparkTest {
  static final String MASTER = "local[2,4]";
  @TempDir
  static Path tmp;
  static Path[] input;
  static Map<String, byte[]> reference;
  static long faults;

  private static PreaugConfig config(Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> k = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "6",
        ConfigKey.INPUT_PARTITIONS, "6",
        ConfigKey.OUTPUT_FORMAT, "both",
        ConfigKey.SEED, "21"));
    k.putAll(more);
    return TestData.config(k, Map.of());
  }

  private static JavaSparkContext sc() {
    return SparkTests.context(MASTER);
  }

  @BeforeAll
  static void referenceRun() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 10, 7); // 70 samples, 140 records
    Path out = tmp.resolve("reference");
    try (Reliability.TaskFailures f = Reliability.TaskFailures.attach(sc())) {
      TestData.run(sc(), config(out, Map.of()), false);
      assertEquals(List.of(), f.reasons(), "the reference run has no failed tasks");
    }
    reference = TestData.files(out.resolve("epoch-00000"));
  }

  @AfterAll
  static void closingNote() {
    System.out.println("reliability: " + faults + " injected task failures in "
        + TaskFaultsSparkTest.class.getSimpleName());
  }

  @ParameterizedTest(name = "{0} x{1}")
  @CsvSource({
    "read, 1",
    "before_write, 1",
    "mid_shard, 1",
    "after_write, 1",
    "'read,before_write,mid_shard,after_write', 1",
    // Three failures of the same task still leave it its fourth and last attempt.
    "'mid_shard,after_write', 3",
  })
  void failedTasksAreRetriedAndTheEpochIsByteIdentical(String points, int attempts)
      throws Exception {
    Path out = tmp.resolve("faults-" + points.replace(',', '+') + "-" + attempts);
    String spec = "fraction=0.5;points=" + points + ";attempts=" + attempts + ";seed=5";
    List<String> reasons;
    try (Reliability.TaskFailures f = Reliability.TaskFailures.attach(sc())) {
      try (AutoCloseable faulty = FaultPlan.install(sc(), spec)) {
        TestData.run(sc(), config(out, Map.of()), false);
      }
      reasons = f.reasons();
    }
    // Faults really happened, at the named points and nowhere else, and nothing else failed.
    assertFalse(reasons.isEmpty(), "no task failed: the fault plan selected no task");
    for (String r : reasons) {
      assertTrue(r.contains("FaultPlan$InjectedFault: injected fault at "), r);
      String point = r.replaceAll("(?s).*injected fault at (\\w+).*", "$1");
      assertTrue(List.of(points.split(",")).contains(point), r);
    }
    assertEquals(0, reasons.size() % attempts, "each failing task fails `attempts` times: "
        + reasons);
    faults += reasons.size();

    Map<String, byte[]> got = TestData.files(out.resolve("epoch-00000"));
    Reliability.assertSameEpoch(reference, got, "epoch after " + reasons.size() + " faults");
    Reliability.assertVerifies(out.resolve("epoch-00000"));
    assertEquals(0, Reliability.missingRecords(out.resolve("epoch-00000")), "records lost");
    Reliability.assertNoLeftovers(out);
    assertEquals(List.of("epoch-00000"), Reliability.published(out));
  }

  @Test
  void theDirectExchangeRecoversToTheSameBytes() throws Exception {
    Path out = tmp.resolve("faults-direct");
    String spec = "fraction=0.5;points=read,before_write,mid_shard,after_write;attempts=1;seed=8";
    List<String> reasons;
    try (Reliability.TaskFailures f = Reliability.TaskFailures.attach(sc())) {
      try (AutoCloseable faulty = FaultPlan.install(sc(), spec)) {
        TestData.run(sc(), config(out, Map.of(ConfigKey.EXCHANGE, "direct")), false);
      }
      reasons = f.reasons();
    }
    assertFalse(reasons.isEmpty(), "no task failed: the fault plan selected no task");
    faults += reasons.size();
    Reliability.assertSameEpoch(reference, TestData.files(out.resolve("epoch-00000")),
        "direct exchange after " + reasons.size() + " faults");
    Reliability.assertVerifies(out.resolve("epoch-00000"));
    Reliability.assertNoLeftovers(out);
  }

  @Test
  void whenRetriesRunOutTheRunFailsPublishesNothingAndKeepsEarlierEpochs() throws Exception {
    Path out = tmp.resolve("exhausted");
    TestData.run(sc(), config(out, Map.of()), false);
    Map<String, byte[]> before = TestData.files(out.resolve("epoch-00000"));

    // Every task fails at mid_shard on more attempts than Spark allows (4).
    String spec = "fraction=1;points=mid_shard;attempts=9;seed=1";
    Exception e;
    List<String> reasons;
    try (Reliability.TaskFailures f = Reliability.TaskFailures.attach(sc())) {
      try (AutoCloseable faulty = FaultPlan.install(sc(), spec)) {
        e = assertThrows(Exception.class, () -> TestData.run(sc(),
            config(out, Map.of(ConfigKey.EPOCHS, "next:1")), false));
      }
      reasons = f.reasons();
    }
    String chain = Reliability.chain(e);
    assertTrue(chain.contains("injected fault at mid_shard in epoch 1"), chain);
    assertTrue(chain.contains("failed 4 times"), chain);
    assertTrue(reasons.size() >= 4, "one task failed on each of its 4 attempts: " + reasons);
    faults += reasons.size();

    assertFalse(Files.exists(out.resolve("epoch-00001")), "nothing published");
    Reliability.assertNoLeftovers(out);
    assertEquals(List.of("epoch-00000"), Reliability.published(out));
    Map<String, byte[]> after = TestData.files(out.resolve("epoch-00000"));
    assertEquals(before.keySet(), after.keySet());
    for (String name : before.keySet()) {
      assertArrayEquals(before.get(name), after.get(name), name + " of the earlier epoch");
    }
    Reliability.assertVerifies(out.resolve("epoch-00000"));

    // The same run without faults then completes and equals a fault-free epoch 1.
    TestData.run(sc(), config(out, Map.of(ConfigKey.EPOCHS, "next:1")), false);
    Path clean = tmp.resolve("exhausted-reference");
    TestData.run(sc(), config(clean, Map.of(ConfigKey.EPOCHS, "1",
        ConfigKey.FIRST_EPOCH, "1")), false);
    Reliability.assertSameEpoch(TestData.files(clean.resolve("epoch-00001")),
        TestData.files(out.resolve("epoch-00001")), "epoch 1 after the failed run");
    Reliability.assertNoLeftovers(out);
  }
}
