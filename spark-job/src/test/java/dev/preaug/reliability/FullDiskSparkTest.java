package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.cli.CliReport;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.spark.SparkTests;
import dev.preaug.spark.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output filesystem fills up in the middle of an epoch. The run must fail with one line
 * naming the file it could not write and "no space", earlier epochs must still verify, and
 * nothing partial may be visible or left behind.
 *
 * <p>Two filesystems: a real 2 MiB tmpfs when this JVM may mount one (root, as CI and the
 * development machine run), else, said explicitly on stdout, the {@link FullFileSystem} wrapper;
 * and the wrapper always, for filesystems that report a full disk as a plain IOException (HDFS
 * quotas) rather than Hadoop's local FSError.
 */
class FullDiskSparkTest {
  static final long LIMIT = 2L << 20;
  @TempDir
  static Path tmp;
  static Path[] input;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 10, 7); // one epoch: ~1.2 MB, two do not fit
    FullFileSystem.register(sc().hadoopConfiguration());
  }

  private static JavaSparkContext sc() {
    return SparkTests.context(TaskFaultsSparkTest.MASTER);
  }

  private static PreaugConfig config(String out, String epochs) {
    return TestData.config(new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out,
        ConfigKey.OUTPUT_SHARDS, "6",
        ConfigKey.OUTPUT_FORMAT, "both",
        ConfigKey.EPOCHS, epochs,
        ConfigKey.SEED, "3")), Map.of());
  }

  @Test
  void aFullTmpfsFailsTheRunCleanly() throws Exception {
    Path dir = tmp.resolve("tmpfs");
    SizeLimitedMount.Attempt a = SizeLimitedMount.tryMount(dir, LIMIT);
    if (a.mount() == null) {
      System.out.println("FullDiskSparkTest: no tmpfs (" + a.whyNot() + "); falling back to"
          + " the fullfs:// wrapper for this case");
      Path local = tmp.resolve("tmpfs-fallback");
      FullFileSystem.limit(local, LIMIT);
      fillUpAndCheck(local, FullFileSystem.uri(local));
      return;
    }
    try (SizeLimitedMount m = a.mount()) {
      Path out = m.dir.resolve("out");
      fillUpAndCheck(out, out.toString());
    }
  }

  @Test
  void aFullFilesystemThatThrowsIoExceptionsFailsTheRunCleanly() throws Exception {
    Path local = tmp.resolve("wrapped");
    FullFileSystem.limit(local, LIMIT);
    fillUpAndCheck(local, FullFileSystem.uri(local));
  }

  private static void fillUpAndCheck(Path local, String uri) throws Exception {
    TestData.run(sc(), config(uri, "1"), false);
    Reliability.assertVerifies(local.resolve("epoch-00000"));
    Map<String, byte[]> before = TestData.files(local.resolve("epoch-00000"));

    Exception e = assertThrows(Exception.class,
        () -> TestData.run(sc(), config(uri, "next:2"), false));
    // What the user sees: one line naming a file under the output and the reason.
    CliReport r = CliReport.of(e);
    List<String> lines = r.text.lines().toList();
    assertEquals(1, lines.size(), r.text + "\n" + Reliability.chain(e));
    String line = lines.get(0);
    System.out.println("FullDiskSparkTest: " + line);
    assertTrue(line.toLowerCase(Locale.ROOT).contains("no space left on device"), line);
    assertTrue(line.contains(local.toString() + "/.epoch-00001.inprogress/"), line);
    assertEquals(1, r.exit, line);

    // Nothing partial: the earlier epoch is intact and verifies; no new epoch, no leftovers.
    assertEquals(List.of("epoch-00000"), Reliability.published(local));
    Reliability.assertNoLeftovers(local);
    Map<String, byte[]> after = TestData.files(local.resolve("epoch-00000"));
    assertEquals(before.keySet(), after.keySet());
    for (String name : before.keySet()) {
      assertArrayEquals(before.get(name), after.get(name), name);
    }
    Reliability.assertVerifies(local.resolve("epoch-00000"));
    assertTrue(!Files.exists(local.resolve("epoch-00001")));
  }
}
