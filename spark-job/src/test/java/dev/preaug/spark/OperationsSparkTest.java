package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reruns, next:K, retention, rolling production and the lock, with real files and Spark. */
class OperationsSparkTest {
  @TempDir
  static Path tmp;
  static Path[] input;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 9, 3);
  }

  private static PreaugConfig config(Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> k = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.OUTPUT_FORMAT, "npy",
        ConfigKey.SEED, "4"));
    k.putAll(more);
    return TestData.config(k, Map.of());
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("epoch-")).sorted()
          .toList();
    }
  }

  @Test
  void nextKContinuesAfterTheNewestPublishedEpoch() throws Exception {
    Path out = tmp.resolve("next");
    TestData.run(SparkTests.shared(), config(out, Map.of(ConfigKey.EPOCHS, "2")), false);
    TestData.run(SparkTests.shared(), config(out, Map.of(ConfigKey.EPOCHS, "next:2")), false);
    assertEquals(List.of("epoch-00000", "epoch-00001", "epoch-00002", "epoch-00003"),
        listing(out));
    // next:K on an empty output starts at first_epoch.
    Path fresh = tmp.resolve("next-fresh");
    TestData.run(SparkTests.shared(), config(fresh, Map.of(ConfigKey.EPOCHS, "next:1",
        ConfigKey.FIRST_EPOCH, "5")), false);
    assertEquals(List.of("epoch-00005"), listing(fresh));
  }

  @Test
  void keepRemovesOnlyTheOldestOfPreaugsOwnEpochs() throws Exception {
    Path out = tmp.resolve("keep");
    // A user's directory that looks like an epoch but carries no preaug manifest.
    Path foreign = out.resolve("epoch-00000");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("_SUCCESS"), "");
    Files.writeString(foreign.resolve("my-notes.txt"), "do not delete");
    Files.writeString(out.resolve("user-file.txt"), "mine");
    TestData.run(SparkTests.shared(), config(out, Map.of(ConfigKey.EPOCHS, "4",
        ConfigKey.FIRST_EPOCH, "1", ConfigKey.KEEP, "2")), false);
    assertEquals(List.of("epoch-00000", "epoch-00003", "epoch-00004"), listing(out));
    assertEquals("do not delete", Files.readString(foreign.resolve("my-notes.txt")));
    assertEquals("mine", Files.readString(out.resolve("user-file.txt")));
  }

  @Test
  void rollingModeWaitsForTheTrainerAndStaysAhead() throws Exception {
    Path out = tmp.resolve("rolling");
    PreaugConfig c = config(out, Map.of(ConfigKey.EPOCHS, "3", ConfigKey.AHEAD, "1",
        ConfigKey.KEEP, "1", ConfigKey.POLL_SECONDS, "1"));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<?> f = ex.submit(() -> {
        try (PreaugRun run = new PreaugRun(c, false, SparkTests.shared().hadoopConfiguration(),
            log)) {
          run.prepare();
          run.execute(SparkTests.shared());
        }
        return null;
      });
      Path consumed = out.resolve(OutputLayout.CONSUMED_DIR);
      for (int e = 0; e < 3; e++) {
        Path ep = out.resolve(String.format("epoch-%05d", e));
        waitFor(() -> Files.exists(ep.resolve("_SUCCESS")), "epoch " + e + " published");
        if (e < 2) {
          // The producer must not run more than one epoch ahead of us.
          Thread.sleep(2500);
          assertFalse(Files.exists(out.resolve(String.format("epoch-%05d", e + 1))),
              "epoch " + (e + 1) + " built before epoch " + e + " was consumed");
          Files.createDirectories(consumed);
          Files.writeString(consumed.resolve(String.format("epoch-%05d", e)), "");
        }
      }
      f.get(120, TimeUnit.SECONDS);
    } finally {
      ex.shutdownNow();
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("waiting: epoch 1 would be more than 1 ahead of the trainer"
        + " (highest consumed: none)"), text);
    assertTrue(text.contains("retention: removed epoch-00000"), text);
    // keep = 1: consumed epochs went away, the unconsumed newest stays.
    assertEquals(List.of("epoch-00002"), listing(out));
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check c, String what) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!c.ok()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aLiveLockStopsASecondRunAndAStaleOneIsTakenOver() throws Exception {
    Path out = tmp.resolve("lock");
    Files.createDirectories(out);
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(out.resolve(RunLock.NAME), "run_id=other\nhost=" + host + "\npid="
        + ProcessHandle.current().pid() + "\nstarted=2026-01-01T00:00:00Z\n");
    RunLock.LockedException e = assertThrows(RunLock.LockedException.class,
        () -> TestData.run(SparkTests.shared(), config(out, Map.of()), false));
    assertTrue(e.getMessage().contains("output is locked by run other"), e.getMessage());
    assertFalse(Files.exists(out.resolve("epoch-00000")));
    // A lock whose process is gone (on this host) belongs to a killed run.
    Files.writeString(out.resolve(RunLock.NAME), "run_id=dead\nhost=" + host
        + "\npid=2147483000\nstarted=2026-01-01T00:00:00Z\n");
    TestData.run(SparkTests.shared(), config(out, Map.of()), false);
    assertTrue(Files.exists(out.resolve("epoch-00000/_SUCCESS")));
    assertFalse(Files.exists(out.resolve(RunLock.NAME)), "lock released after the run");
  }

  @Test
  void leftoversAreRemovedOnlyWhenTheyAreOurs() throws Exception {
    Path out = tmp.resolve("leftovers");
    Path ours = out.resolve(".epoch-00000.inprogress");
    Files.createDirectories(ours.resolve("_attempts"));
    Files.writeString(ours.resolve("_attempts/a3-preaug-train.ops-00000-of-00002.txt"), "x\n");
    Files.writeString(ours.resolve("_PREAUG_IN_PROGRESS"), "run_id=killed\n");
    String log = TestData.run(SparkTests.shared(), config(out, Map.of()), false);
    assertTrue(log.contains("removing leftover of an earlier run"), log);
    assertTrue(Files.exists(out.resolve("epoch-00000/_SUCCESS")));
    assertFalse(Files.exists(ours));
    Path theirs = out.resolve(".epoch-00001.inprogress");
    Files.createDirectories(theirs);
    Files.writeString(theirs.resolve("precious.txt"), "not preaug's");
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config(out, Map.of(ConfigKey.EPOCHS, "next:1")), false));
    assertTrue(e.getMessage().contains("carries no preaug marker or manifest"), e.getMessage());
    assertEquals("not preaug's", Files.readString(theirs.resolve("precious.txt")));
  }
}
