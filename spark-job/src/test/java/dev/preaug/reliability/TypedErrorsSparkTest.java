package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.spark.PreaugRun;
import dev.preaug.spark.SparkTests;
import dev.preaug.spark.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures callers must tell apart carry a type, and nothing is skipped silently: a damaged
 * manifest stops retention with an error naming it, and an in-progress directory preaug cannot
 * delete after a failed epoch is reported in the log. Cost: four runs of 18 samples.
 */
class TypedErrorsSparkTest {
  @TempDir
  static Path tmp;
  static Path[] input;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 6, 3);
  }

  private static PreaugConfig config(String out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> k = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out,
        ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.OUTPUT_FORMAT, "npy"));
    k.putAll(more);
    return TestData.config(k, Map.of());
  }

  @Test
  void aDamagedManifestIsAnErrorNamingItNotAForeignDirectory() throws Exception {
    Path out = tmp.resolve("damaged");
    TestData.run(SparkTests.shared(), config(out.toString(), Map.of(ConfigKey.EPOCHS, "2")),
        false);
    Path manifest = out.resolve("epoch-00000/manifest.json");
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.substring(0, text.length() / 2)); // cut short
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config(out.toString(), Map.of(ConfigKey.EPOCHS, "next:1",
            ConfigKey.KEEP, "1")), false));
    assertEquals(BadInputException.Kind.OUTPUT, e.kind());
    assertTrue(e.getMessage().contains(manifest + ": not valid JSON"),
        e.getMessage());
    // Nothing was removed on the strength of a manifest that could not be read.
    assertTrue(Files.exists(out.resolve("epoch-00000")));
    assertTrue(Files.exists(out.resolve("epoch-00001")));
  }

  @Test
  void anUndeletableFailedEpochIsReportedInTheLog() throws Exception {
    JavaSparkContext sc = SparkTests.shared();
    sc.hadoopConfiguration().set("fs." + NoDeleteFileSystem.SCHEME + ".impl",
        NoDeleteFileSystem.class.getName());
    Path out = tmp.resolve("undeletable");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
    PreaugConfig c = config(NoDeleteFileSystem.uri(out), Map.of());
    try (AutoCloseable faulty = FaultPlan.install(sc,
        "fraction=1;points=before_write;attempts=9;seed=1");
        PreaugRun run = new PreaugRun(c, false, sc.hadoopConfiguration(), log)) {
      run.prepare();
      Exception e = assertThrows(Exception.class, () -> run.execute(sc));
      assertTrue(Reliability.chain(e).contains("injected fault at before_write"),
          Reliability.chain(e));
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("warning: could not remove the failed epoch's "
        + NoDeleteFileSystem.SCHEME + ":"), text);
    assertTrue(text.contains(".epoch-00000.inprogress: Permission denied (test filesystem"),
        text);
    assertTrue(Files.exists(out.resolve(".epoch-00000.inprogress/_PREAUG_IN_PROGRESS")),
        "left with its marker, for the next run to remove");
  }
}
