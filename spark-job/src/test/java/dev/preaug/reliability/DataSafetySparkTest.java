package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.spark.SparkTests;
import dev.preaug.spark.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preaug deletes or replaces only directories it can prove it wrote: an epoch directory with a
 * preaug manifest, an in-progress directory with its marker (or an empty one, all a killed run
 * can leave before the marker). A user's files planted in the output tree, including look-alikes
 * of preaug's own names, survive {@code --overwrite}, {@code --keep} and leftover clean-up, and
 * a foreign directory in a run's way stops the run with a message naming it. (Complements
 * OperationsSparkTest, which covers a foreign epoch under --keep and a foreign in-progress
 * directory.)
 */
class DataSafetySparkTest {
  @TempDir
  static Path tmp;
  static Path[] input;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 6, 3);
  }

  private static JavaSparkContext sc() {
    return SparkTests.context(TaskFaultsSparkTest.MASTER);
  }

  private static PreaugConfig config(Path out, String seed, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> k = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.OUTPUT_FORMAT, "npy",
        ConfigKey.SEED, seed));
    k.putAll(more);
    return TestData.config(k, Map.of());
  }

  /** The user's things: every file under {@code out} that is not in a preaug epoch. */
  private static Map<String, String> plantUserFiles(Path out) throws Exception {
    Map<String, String> planted = new TreeMap<>();
    planted.put("notes.txt", "my notes");
    planted.put("epoch-00002/data.bin", "an epoch-looking directory without a manifest");
    planted.put("epoch-00002/_SUCCESS", "");
    planted.put("epoch-00005/manifest.json", "{\"format\": \"tfds\", \"version\": 3}");
    planted.put("epoch-00005/_SUCCESS", "");
    planted.put(".epoch-00003.inprogress/mine.txt", "hidden, in-progress-looking, no marker");
    planted.put(".epoch-00004.deleted-someone/keep.txt", "hidden, deleted-looking, no manifest");
    planted.put("_consumed-notes/x", "near preaug's names");
    for (Map.Entry<String, String> e : planted.entrySet()) {
      Path p = out.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    return planted;
  }

  private static void assertUserFilesIntact(Path out, Map<String, String> planted)
      throws Exception {
    for (Map.Entry<String, String> e : planted.entrySet()) {
      Path p = out.resolve(e.getKey());
      assertTrue(Files.exists(p), "user's " + e.getKey() + " still there");
      assertEquals(e.getValue(), Files.readString(p), e.getKey());
    }
  }

  private static long seedOf(Path epoch) throws Exception {
    return EpochManifest.parse(Files.readString(epoch.resolve("manifest.json"))).seed;
  }

  @Test
  void overwriteReplacesOnlyPreaugsEpochsAndStopsAtAForeignOne() throws Exception {
    Path out = tmp.resolve("overwrite");
    TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "2")), false);
    Map<String, String> planted = plantUserFiles(out);
    Map<String, byte[]> epoch0 = TestData.files(out.resolve("epoch-00000"));

    // Epochs 0..2 with another seed and --overwrite: epoch 2 is the user's; nothing changes.
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(sc(),
        config(out, "2", Map.of(ConfigKey.EPOCHS, "3")), true));
    assertTrue(e.getMessage().contains(out.resolve("epoch-00002").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("has no preaug manifest; preaug will not overwrite it"),
        e.getMessage());
    assertUserFilesIntact(out, planted);
    Map<String, byte[]> still = TestData.files(out.resolve("epoch-00000"));
    for (String n : epoch0.keySet()) {
      assertArrayEquals(epoch0.get(n), still.get(n), "refused run changed nothing: " + n);
    }

    // A foreign manifest.json (another tool's) does not make a directory preaug's either.
    e = assertThrows(BadInputException.class, () -> TestData.run(sc(),
        config(out, "2", Map.of(ConfigKey.EPOCHS, "1", ConfigKey.FIRST_EPOCH, "5")), true));
    assertTrue(e.getMessage().contains(out.resolve("epoch-00005").toString()), e.getMessage());
    assertUserFilesIntact(out, planted);

    // Epochs 0..1 only: preaug's own are replaced, everything of the user's stays.
    TestData.run(sc(), config(out, "2", Map.of(ConfigKey.EPOCHS, "2")), true);
    assertEquals(2, seedOf(out.resolve("epoch-00000")));
    assertEquals(2, seedOf(out.resolve("epoch-00001")));
    assertUserFilesIntact(out, planted);
    Reliability.assertVerifies(out.resolve("epoch-00000"));
    Reliability.assertVerifies(out.resolve("epoch-00001"));
    try (Stream<Path> s = Files.list(out)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".replaced-")),
          "no replaced copies left");
    }
  }

  @Test
  void keepRemovesOnlyPreaugsEpochsAmongLookAlikes() throws Exception {
    Path out = tmp.resolve("keep");
    Files.createDirectories(out);
    Map<String, String> planted = plantUserFiles(out);
    // Epochs 6..9 with keep = 2: of preaug's four, the two oldest go; the user's never count.
    String log = TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "4",
        ConfigKey.FIRST_EPOCH, "6", ConfigKey.KEEP, "2")), false);
    assertTrue(log.contains("retention: removed epoch-00006"), log);
    assertTrue(log.contains("retention: removed epoch-00007"), log);
    assertUserFilesIntact(out, planted);
    assertEquals(List.of("epoch-00002", "epoch-00005", "epoch-00008", "epoch-00009"),
        Reliability.published(out));
    // keep = 1 later: removes preaug's epoch 8 only, even though the user's look older.
    TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "next:1",
        ConfigKey.KEEP, "1")), false);
    assertEquals(List.of("epoch-00002", "epoch-00005", "epoch-00010"),
        Reliability.published(out));
    assertFalse(Files.exists(out.resolve("epoch-00009")));
    assertUserFilesIntact(out, planted);
  }

  @Test
  void aForeignInProgressDirectoryStopsOnlyTheRunThatNeedsItsName() throws Exception {
    Path out = tmp.resolve("inprogress");
    Files.createDirectories(out);
    Map<String, String> planted = plantUserFiles(out);
    // Epochs 0..1 do not need .epoch-00003.inprogress: the run succeeds and leaves it alone.
    String log = TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "2")), false);
    assertFalse(log.contains("removing leftover"), log);
    assertUserFilesIntact(out, planted);
    // Epoch 3 needs the name: refused with a message naming it, nothing deleted or published.
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(sc(),
        config(out, "1", Map.of(ConfigKey.EPOCHS, "1", ConfigKey.FIRST_EPOCH, "3")), false));
    assertTrue(e.getMessage().contains(out.resolve(".epoch-00003.inprogress").toString()),
        e.getMessage());
    assertTrue(e.getMessage().contains("carries no preaug marker or manifest; preaug will not"
        + " delete it"), e.getMessage());
    assertUserFilesIntact(out, planted);
    assertFalse(Files.exists(out.resolve("epoch-00003")));
    Reliability.assertVerifies(out.resolve("epoch-00000"));
  }

  @Test
  void anEmptyInProgressDirectoryFromAKilledRunIsRemoved() throws Exception {
    // A run killed between creating .epoch-N.inprogress and writing its marker leaves it empty
    // (KilledRunIT hit this); an empty directory holds nothing to lose.
    Path out = tmp.resolve("empty-inprogress");
    Files.createDirectories(out.resolve(".epoch-00000.inprogress"));
    Files.createDirectories(out.resolve(".epoch-00001.inprogress"));
    Files.writeString(out.resolve(".epoch-00001.inprogress/user.txt"), "not empty, not ours");
    String log = TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "1")), false);
    assertTrue(log.contains("removing leftover of an earlier run: ")
        && log.contains(".epoch-00000.inprogress"), log);
    assertFalse(Files.exists(out.resolve(".epoch-00000.inprogress")));
    assertEquals("not empty, not ours",
        Files.readString(out.resolve(".epoch-00001.inprogress/user.txt")));
    Reliability.assertVerifies(out.resolve("epoch-00000"));
  }

  @Test
  void aPartlyDeletedOwnDirectoryIsStillRecognisedAndRemoved() throws Exception {
    // A delete cut short: preaug removes the proof of ownership last, so what is left still
    // carries it and the next run removes it.
    Path out = tmp.resolve("partly-deleted");
    TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "1")), false);
    Path hidden = out.resolve(".epoch-00000.deleted-killedrun");
    Files.move(out.resolve("epoch-00000"), hidden);
    try (Stream<Path> s = Files.list(hidden)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().contains(".images-")) {
          Files.delete(p);
        }
      }
    }
    Path marked = out.resolve(".epoch-00001.inprogress");
    Files.createDirectories(marked.resolve("_attempts"));
    Files.writeString(marked.resolve("_PREAUG_IN_PROGRESS"), "run_id=killed\n");
    String log = TestData.run(sc(), config(out, "1", Map.of(ConfigKey.EPOCHS, "1",
        ConfigKey.FIRST_EPOCH, "2")), false);
    assertFalse(Files.exists(hidden), log);
    assertFalse(Files.exists(marked), log);
    assertEquals(2, log.lines().filter(l -> l.startsWith("removing leftover")).count(), log);
    assertNotEquals(List.of(), Reliability.published(out));
    Reliability.assertNoLeftovers(out);
  }
}
