package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.ConfigKey;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epochs written by the job, read back by an independent Python reader: numpy memory-maps every
 * NPY shard, and TFRecord shards are parsed with python3-protobuf from the descriptor set of our
 * .proto, with CRCs checked by a CRC32C written in the script. The two must find the same
 * records, and every (sample, copy) exactly once.
 */
class PythonReaderSparkTest {
  static final String PYTHON = "/usr/bin/python3";
  @TempDir
  static Path tmp;
  static Path[] input;
  static Path descriptor;

  @BeforeAll
  static void setUp() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 17, 4);
    descriptor = tmp.resolve("preaug_example.desc");
    try (InputStream in = PythonReaderSparkTest.class
        .getResourceAsStream("/dev/preaug/core/proto/preaug_example.desc")) {
      Files.copy(in, descriptor);
    }
  }

  private String readWithPython(Path epoch) throws Exception {
    Path script = TestData.repoRoot().resolve("spark-job/src/test/python/read_epoch.py");
    Process p = new ProcessBuilder(PYTHON, script.toString(), epoch.toString(),
        descriptor.toString()).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python reader timed out");
    assertEquals(0, p.exitValue(), "python reader failed (needs Debian python3-numpy,"
        + " python3-protobuf and python3-pil; .ci/run installs them): " + err);
    return out.strip();
  }

  private Path write(String name, Map<String, String> extra) throws Exception {
    Path out = tmp.resolve(name);
    TestData.run(SparkTests.shared(), TestData.config(Map.of(
        ConfigKey.INPUT_IMAGES, input[0].toString(),
        ConfigKey.INPUT_LABELS, input[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "3",
        ConfigKey.SEED, "5"), extra), false);
    return out.resolve("epoch-00000");
  }

  @Test
  void pythonReadsBothFormatsAndTheyAgree() throws Exception {
    String json = readWithPython(write("plain", Map.of()));
    assertEquals("{\"records\": 136, \"tfrecord_records\": 136, \"shards\": 3, \"samples\": 68}",
        json);
  }

  @Test
  void pythonReadsGzipPngAndFloat16Variants() throws Exception {
    String json = readWithPython(write("variants", Map.of(
        "output.tfrecord.compression", "gzip",
        "output.tfrecord.image_encoding", "png",
        "output.npy.dtype", "float16",
        "copies.original", "2",
        "copies.augmented", "1")));
    assertEquals("{\"records\": 204, \"tfrecord_records\": 204, \"shards\": 3, \"samples\": 68}",
        json);
  }

  @Test
  void pythonRejectsATamperedShard() throws Exception {
    Path epoch = write("tampered", Map.of("output.format", "npy"));
    Path ops = epoch.resolve("preaug-train.ops-00001-of-00003.txt");
    List<String> lines = Files.readAllLines(ops);
    Files.write(ops, lines.subList(1, lines.size()));
    Path script = TestData.repoRoot().resolve("spark-job/src/test/python/read_epoch.py");
    Process p = new ProcessBuilder(PYTHON, script.toString(), epoch.toString(),
        descriptor.toString()).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(1, p.exitValue());
    assertTrue(err.contains("preaug-train.ops-00001-of-00003.txt"), err);
  }
}
