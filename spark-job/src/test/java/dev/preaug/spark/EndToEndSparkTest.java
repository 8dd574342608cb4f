package dev.preaug.spark;

import dev.preaug.core.epoch.EpochVerifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.ShardNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole data path on real Spark and real files: every (sample, copy) exactly once, byte
 * identity across masters and input partitionings, epochs that differ, and verify.
 */
class EndToEndSparkTest {
  @TempDir
  static Path tmp;
  static Path[] input;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 23, 5); // 115 samples, an awkward count
  }

  private static PreaugConfig config(Path out, String partitions, String epochs) {
    return TestData.config(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "7",
        ConfigKey.EPOCHS, epochs,
        ConfigKey.SEED, "11",
        ConfigKey.INPUT_PARTITIONS, partitions,
        // The shuffle, whose read tasks follow the partitioning; the default (auto) picks
        // direct for these local NPY files (theDirectAndDefaultExchanges... compares them).
        ConfigKey.EXCHANGE, "shuffle",
        ConfigKey.COPIES_AUGMENTED, "2"), Map.of());
  }

  @Test
  void bytesDoNotDependOnMasterOrPartitioning() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    TestData.run(SparkTests.context("local[2]"), config(a, "3", "2"), false);
    TestData.run(SparkTests.context("local[1]"), config(b, "9", "2"), false);
    SparkTests.shared();
    for (String epoch : new String[] {"epoch-00000", "epoch-00001"}) {
      Map<String, byte[]> fa = TestData.files(a.resolve(epoch));
      Map<String, byte[]> fb = TestData.files(b.resolve(epoch));
      assertEquals(fa.keySet(), fb.keySet(), "same file names");
      int shardFiles = 0;
      for (String name : fa.keySet()) {
        if (name.contains("-train.")) {
          assertArrayEquals(fa.get(name), fb.get(name), name + " differs between runs");
          shardFiles++;
        }
      }
      assertEquals(7 * 5, shardFiles, "7 shards x (tfrecord, images, labels, index, ops)");
      EpochManifest ma = EpochManifest.parse(new String(fa.get("manifest.json"),
          StandardCharsets.UTF_8));
      EpochManifest mb = EpochManifest.parse(new String(fb.get("manifest.json"),
          StandardCharsets.UTF_8));
      assertNotEquals(ma.runId, mb.runId);
      assertEquals(ma.configHash, mb.configHash);
      assertEquals(ma.inputFingerprint, mb.inputFingerprint);
    }
    // Different epochs: the same records, in another order and with other augmentations.
    Map<String, byte[]> e0 = TestData.files(a.resolve("epoch-00000"));
    Map<String, byte[]> e1 = TestData.files(a.resolve("epoch-00001"));
    String shard = "preaug-train.images-00000-of-00007.npy";
    assertFalse(Arrays.equals(e0.get(shard), e1.get(shard)), "epochs 0 and 1 must differ");
  }

  @Test
  void theDirectAndDefaultExchangesWriteTheSameBytesAsTheShuffle() throws Exception {
    Path shuffled = tmp.resolve("x-shuffle");
    TestData.run(SparkTests.shared(), config(shuffled, "3", "1"), false);
    Map<String, byte[]> a = TestData.files(shuffled.resolve("epoch-00000"));
    EpochManifest ma = EpochManifest.parse(new String(a.get("manifest.json"),
        StandardCharsets.UTF_8));
    // "" leaves job.exchange at its default, auto. Direct with one task per slot of the shared
    // context and with 3 tasks over the 7 shards (runs of 2, 2 and 3); the direct exchange
    // reads these local files from memory mappings (input.mmap = auto) or, with off, by
    // positioned reads.
    for (String[] variant : new String[][] {{"direct", "0", "auto"}, {"direct", "3", "off"},
        {"", "0", "auto"}}) {
      String exchange = variant[0];
      Path other = tmp.resolve("x-" + (exchange.isEmpty() ? "default" : exchange) + "-"
          + variant[1] + "-" + variant[2]);
      java.util.Map<ConfigKey, String> keys = new java.util.EnumMap<>(Map.of(
          ConfigKey.INPUT_IMAGES, input[0].toString(),
          ConfigKey.INPUT_LABELS, input[1].toString(),
          ConfigKey.OUTPUT_DIR, other.toString(),
          ConfigKey.OUTPUT_SHARDS, "7",
          ConfigKey.EPOCHS, "1",
          ConfigKey.SEED, "11",
          ConfigKey.COPIES_AUGMENTED, "2"));
      keys.put(ConfigKey.INPUT_PARTITIONS, variant[1]);
      keys.put(ConfigKey.INPUT_MMAP, variant[2]);
      if (!exchange.isEmpty()) {
        keys.put(ConfigKey.EXCHANGE, exchange);
      }
      String log = TestData.run(SparkTests.shared(), TestData.config(keys, Map.of()), false);
      assertTrue(log.contains(exchange.isEmpty() ? "exchange: direct (auto: NPY input on a"
          + " local file: path" : "exchange: direct\n"), log);
      Map<String, byte[]> b = TestData.files(other.resolve("epoch-00000"));
      assertEquals(a.keySet(), b.keySet());
      for (String name : a.keySet()) {
        if (name.contains("-train.")) {
          assertArrayEquals(a.get(name), b.get(name), name + " differs between the shuffle and "
              + (exchange.isEmpty() ? "the default exchange" : exchange + " with "
              + variant[1] + " tasks, input.mmap " + variant[2]));
        }
      }
      EpochManifest mb = EpochManifest.parse(new String(b.get("manifest.json"),
          StandardCharsets.UTF_8));
      assertEquals(ma.configHash, mb.configHash, "the exchange is not part of the config hash");
    }
  }

  /**
   * One shard of 345 records: its TFRecord and images files pass the 1 MiB after which
   * {@code output.direct_io = auto} (the default) writes them with O_DIRECT behind the task,
   * padding the last block and cutting it back; off writes them through the page cache.
   */
  @Test
  void directIoWritesTheSameBytesAsThePageCache() throws Exception {
    Map<String, Map<String, byte[]>> files = new java.util.HashMap<>();
    for (String mode : new String[] {"auto", "off"}) {
      Path out = tmp.resolve("dio-" + mode);
      java.util.Map<ConfigKey, String> keys = new java.util.EnumMap<>(Map.of(
          ConfigKey.INPUT_IMAGES, input[0].toString(),
          ConfigKey.INPUT_LABELS, input[1].toString(),
          ConfigKey.OUTPUT_DIR, out.toString(),
          ConfigKey.OUTPUT_SHARDS, "1",
          ConfigKey.EPOCHS, "1",
          ConfigKey.SEED, "11",
          ConfigKey.COPIES_AUGMENTED, "2",
          ConfigKey.DIRECT_IO, mode));
      TestData.run(SparkTests.shared(), TestData.config(keys, Map.of()), false);
      files.put(mode, TestData.files(out.resolve("epoch-00000")));
    }
    Map<String, byte[]> a = files.get("auto");
    Map<String, byte[]> b = files.get("off");
    assertEquals(a.keySet(), b.keySet());
    assertTrue(a.get("preaug-train.images-00000-of-00001.npy").length > (1 << 20),
        "the images shard must pass one write buffer");
    for (String name : a.keySet()) {
      if (name.contains("-train.")) {
        assertArrayEquals(b.get(name), a.get(name), name + " differs with direct I/O");
      }
    }
  }

  /** The warm-up runs its own images through the kernels: the shards cannot depend on it. */
  @Test
  void theKernelWarmUpChangesNoOutputByte() throws Exception {
    Map<String, byte[]>[] epochs = newMaps(2);
    String[] logs = new String[2];
    for (int i = 0; i < 2; i++) {
      Path out = tmp.resolve("warm-" + i);
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      java.io.PrintStream log = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8);
      org.apache.spark.api.java.JavaSparkContext sc = SparkTests.shared();
      try (PreaugRun run = new PreaugRun(config(out, "2", "1"), false, sc.hadoopConfiguration(),
          log).warmUp(i == 1)) {
        run.prepare();
        run.execute(sc);
      }
      logs[i] = buf.toString(StandardCharsets.UTF_8);
      epochs[i] = TestData.files(out.resolve("epoch-00000"));
    }
    assertFalse(logs[0].contains("warm-up:"), logs[0]);
    assertTrue(logs[1].matches("(?s).*warm-up: \\d+ images through the recipe's kernels.*"),
        logs[1]);
    assertEquals(epochs[0].keySet(), epochs[1].keySet());
    for (String name : epochs[0].keySet()) {
      if (name.contains("-train.")) {
        assertArrayEquals(epochs[0].get(name), epochs[1].get(name), name);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]>[] newMaps(int n) {
    return (Map<String, byte[]>[]) new Map<?, ?>[n];
  }

  @Test
  void theFirstBuiltEpochReportsTheStartUpTimes() throws Exception {
    Path out = tmp.resolve("startup");
    Path json = tmp.resolve("startup.jsonl");
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    java.io.PrintStream log = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8);
    org.apache.spark.api.java.JavaSparkContext sc = SparkTests.shared();
    try (PreaugRun run = new PreaugRun(config(out, "2", "2"), false, sc.hadoopConfiguration(),
        log).summaryJson(json)) {
      run.prepare();
      run.execute(sc);
    }
    double uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(1, text.split("start-up: Spark context ", -1).length - 1, text);
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.JsonNode> startup = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(json)) {
      com.fasterxml.jackson.databind.JsonNode n = m.readTree(line);
      if (n.get("event").asText().equals("startup")) {
        startup.add(n);
      }
    }
    assertEquals(1, startup.size(), "one startup event per run: " + startup);
    com.fasterxml.jackson.databind.JsonNode n = startup.get(0);
    assertEquals(0, n.get("epoch").asLong(), "after the first built epoch");
    double spark = n.get("spark_context_seconds").asDouble();
    double record = n.get("first_record_seconds").asDouble();
    double published = n.get("first_epoch_published_seconds").asDouble();
    // Plausible, never a timing threshold: ordered, and within this JVM's life.
    assertTrue(spark > 0, n.toString());
    assertTrue(spark <= record && record <= published && published <= uptime + 1,
        n + " uptime " + uptime);
  }

  @Test
  void everySampleAndCopyExactlyOnceAndVerifyPasses() throws Exception {
    Path out = tmp.resolve("once");
    TestData.run(SparkTests.shared(), config(out, "4", "1"), false);
    Path epoch = out.resolve("epoch-00000");
    assertTrue(Files.exists(epoch.resolve(ShardNames.SUCCESS)));
    EpochManifest m = EpochManifest.parse(Files.readString(epoch.resolve("manifest.json")));
    assertEquals(115, m.samples);
    assertEquals(115 * 3, m.records);
    long sum = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    for (var s : m.shardList) {
      sum += s.records();
      min = Math.min(min, s.records());
      max = Math.max(max, s.records());
    }
    assertEquals(m.records, sum);
    assertTrue(max - min <= 1, "balanced shards: " + min + ".." + max);
    // The index arrays cover every sample exactly copies times.
    int[] seen = new int[115];
    for (var s : m.shardList) {
      byte[] idx = Files.readAllBytes(epoch.resolve(s.file("index").file()));
      int off = idx.length - (int) s.records() * 8;
      for (int i = 0; i < s.records(); i++) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
          v = (v << 8) | (idx[off + 8 * i + k] & 0xFF);
        }
        seen[(int) v]++;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(3, seen[i], "sample " + i);
    }
    EpochVerifier.Verdict v = new EpochVerifier(new HadoopEpochStore(new Configuration()))
        .verify(epoch.toString());
    assertTrue(v.ok, v.toString());
    // Nothing but the documented files, and no leftovers next to the epoch.
    TreeSet<String> names = new TreeSet<>(TestData.files(epoch).keySet());
    assertTrue(names.stream().allMatch(n -> n.startsWith("preaug-train.")
        || n.equals("manifest.json") || n.equals("_SUCCESS") || n.equals("dataset_info.json")
        || n.equals("features.json")), names.toString());
    try (var s = Files.list(out)) {
      assertEquals(java.util.List.of("epoch-00000"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void verifyCatchesACorruptedShard() throws Exception {
    Path out = tmp.resolve("corrupt");
    TestData.run(SparkTests.shared(), config(out, "2", "1"), false);
    Path shard = out.resolve("epoch-00000/preaug-train.tfrecord-00003-of-00007");
    byte[] b = Files.readAllBytes(shard);
    b[b.length / 2] ^= 0x40;
    Files.write(shard, b);
    EpochVerifier.Verdict v = new EpochVerifier(new HadoopEpochStore(new Configuration()))
        .verify(out.resolve("epoch-00000").toString());
    assertFalse(v.ok);
    assertTrue(v.message.contains("preaug-train.tfrecord-00003-of-00007"), v.message);
    assertTrue(v.message.contains("CRC mismatch"), v.message);
  }

  @Test
  void rerunSkipsPublishedEpochsAndRefusesAChangedConfig() throws Exception {
    Path out = tmp.resolve("rerun");
    TestData.run(SparkTests.shared(), config(out, "2", "1"), false);
    byte[] before = Files.readAllBytes(out.resolve("epoch-00000/manifest.json"));
    String log = TestData.run(SparkTests.shared(), config(out, "5", "1"), false);
    assertTrue(log.contains("already published with this config and input, skipped"), log);
    assertArrayEquals(before, Files.readAllBytes(out.resolve("epoch-00000/manifest.json")));
    PreaugConfig changed = TestData.config(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "7",
        ConfigKey.SEED, "12",
        ConfigKey.COPIES_AUGMENTED, "2"), Map.of());
    dev.preaug.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.preaug.core.BadInputException.class,
        () -> TestData.run(SparkTests.shared(), changed, false));
    assertTrue(e.getMessage().contains("already published with a different config"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    TestData.run(SparkTests.shared(), changed, true);
    EpochManifest m = EpochManifest.parse(Files.readString(out.resolve("epoch-00000/manifest.json")));
    assertEquals(12, m.seed);
  }
}
