package dev.preaug.spark;

import dev.preaug.core.epoch.EpochVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ETL Character Database and image folders, read natively by the job, give exactly the
 * pixels and class ids the reference Python pipelines compute (numpy for ETL, Pillow for folders).
 */
class InputsSparkTest {
  @TempDir
  Path tmp;

  private PreaugConfig config(String input, Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> k = new HashMap<>(Map.of(
        ConfigKey.INPUT, input,
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "5",
        ConfigKey.OUTPUT_FORMAT, "npy",
        ConfigKey.SEED, "8"));
    k.putAll(more);
    return TestData.config(k, Map.of());
  }

  @Test
  void etl9gTreeGivesTheReferencePipelinesPixelsAndLabels() throws Exception {
    Path root = tmp.resolve("etl");
    Python.run("etl_reference.py", "make", root.toString(), "3", "700", "21");
    Files.writeString(root.resolve("README"), "not ETL data");
    Path out = tmp.resolve("out");
    String log = TestData.run(SparkTests.shared(), config("etl:" + root, out,
        Map.of(ConfigKey.INPUT_GROUPS, "kanji", ConfigKey.INPUT_PARTITIONS, "7")), false);
    assertTrue(log.contains("etl: not read: README"), log);
    String result = Python.run("etl_reference.py", "check", root.toString(),
        out.resolve("epoch-00000").toString(), "kanji");
    assertTrue(result.contains("\"classes\": 40"), result);
    EpochVerifier.Verdict v = new EpochVerifier(new HadoopEpochStore(new Configuration()))
        .verify(out.resolve("epoch-00000").toString());
    assertTrue(v.ok, v.toString());
    // Same tree, other partitioning: identical shards.
    Path again = tmp.resolve("again");
    TestData.run(SparkTests.shared(), config("etl:" + root, again,
        Map.of(ConfigKey.INPUT_GROUPS, "kanji", ConfigKey.INPUT_PARTITIONS, "2")), false);
    Map<String, byte[]> a = TestData.files(out.resolve("epoch-00000"));
    Map<String, byte[]> b = TestData.files(again.resolve("epoch-00000"));
    for (String name : a.keySet()) {
      if (name.contains("-train.") || name.equals("labels.txt")) {
        assertTrue(java.util.Arrays.equals(a.get(name), b.get(name)), name);
      }
    }
  }

  @Test
  void aChangedClassListIsRefusedUnlessRebuilt() throws Exception {
    Path root = tmp.resolve("etl");
    Python.run("etl_reference.py", "make", root.toString(), "1", "300", 5 + "");
    Path out = tmp.resolve("out");
    TestData.run(SparkTests.shared(), config("etl:" + root, out,
        Map.of(ConfigKey.INPUT_GROUPS, "kanji")), false);
    // Adding hiragana changes the class list: epoch 1 would number classes differently.
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config("etl:" + root, out, Map.of(ConfigKey.INPUT_GROUPS, "all",
            ConfigKey.EPOCHS, "next:1")), false));
    assertTrue(e.getMessage().contains("label vocabulary differs"), e.getMessage());
    assertTrue(e.getMessage().contains("input.vocabulary = rebuild"), e.getMessage());
    TestData.run(SparkTests.shared(), TestData.config(Map.of(ConfigKey.INPUT, "etl:" + root,
        ConfigKey.OUTPUT_DIR, out.toString(), ConfigKey.OUTPUT_SHARDS, "5",
        ConfigKey.OUTPUT_FORMAT, "npy", ConfigKey.SEED, "8", ConfigKey.EPOCHS, "next:1",
        ConfigKey.VOCABULARY, "rebuild"), Map.of()), false);
    List<String> labels = Files.readAllLines(out.resolve("epoch-00001/labels.txt"));
    assertEquals(46, labels.size());
  }

  @Test
  void etlErrorsNameTheFileAndRecord() throws Exception {
    Path root = tmp.resolve("etl");
    Python.run("etl_reference.py", "make", root.toString(), "1", "20", "3");
    Path f = root.resolve("ETL9G/ETL9G_01");
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 100));
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config("etl:" + root, tmp.resolve("out"), Map.of()), false));
    assertTrue(e.getMessage().contains("ETL9G/ETL9G_01"), e.getMessage());
    assertTrue(e.getMessage().contains("not a multiple of the 9G record size 8199"),
        e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("out/epoch-00000")));
  }

  @Test
  void imageFoldersMatchPillowsConvertAndResize() throws Exception {
    Path root = tmp.resolve("folders");
    Python.run("folder_reference.py", "make", root.toString(), "6", "9", "4");
    Path out = tmp.resolve("out");
    String log = TestData.run(SparkTests.shared(), config("folder:" + root, out,
        Map.of(ConfigKey.INPUT_SIZE, "48x40", ConfigKey.OUTPUT_SHARDS, "3")), false);
    assertTrue(log.contains("folder "), log);
    String result = Python.run("folder_reference.py", "check", root.toString(),
        out.resolve("epoch-00000").toString(), "48", "40");
    assertEquals("{\"files\": 60, \"png_checked\": 54}", result);
    assertEquals(List.of("class_000", "class_001", "class_002", "class_003", "class_004",
        "class_005"), Files.readAllLines(out.resolve("epoch-00000/labels.txt")));
  }

  @Test
  void imageFoldersInRgbMatchPillowsConvertRgbAndResize() throws Exception {
    Path root = tmp.resolve("folders");
    Python.run("folder_reference.py", "make", root.toString(), "4", "7", "9");
    Path out = tmp.resolve("out");
    TestData.run(SparkTests.shared(), config("folder:" + root, out,
        Map.of(ConfigKey.INPUT_SIZE, "44x52", ConfigKey.OUTPUT_SHARDS, "3",
            ConfigKey.INPUT_FOLDER_MODE, "RGB", ConfigKey.INPUT_FOLDER_RESAMPLE, "bilinear")),
        false);
    String result = Python.run("folder_reference.py", "check", root.toString(),
        out.resolve("epoch-00000").toString(), "44", "52", "RGB", "bilinear");
    assertEquals("{\"files\": 32, \"png_checked\": 28}", result);
  }

  @Test
  void aBrokenImageIsNamed() throws Exception {
    Path root = tmp.resolve("folders");
    Python.run("folder_reference.py", "make", root.toString(), "2", "3", "4");
    Files.writeString(root.resolve("class_001/0001.png"), "truncated");
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config("folder:" + root, tmp.resolve("out"), Map.of()), false));
    assertTrue(e.getMessage().contains("class_001/0001.png"), e.getMessage());
  }
}
