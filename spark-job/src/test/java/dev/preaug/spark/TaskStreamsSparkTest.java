package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.spark.input.InputSplit;
import dev.preaug.spark.input.NpyDatasetSource;
import dev.preaug.spark.input.RandomAccessSamples;
import dev.preaug.spark.input.Sample;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What tasks open: inputs by the driver-qualified path (both exchanges), and every stream closed
 * when its task ends, also when it fails halfway through its input. Cost: two failing runs of 70
 * samples on the shared context, plus reads outside Spark.
 */
class TaskStreamsSparkTest {
  @TempDir
  static Path tmp;

  /**
   * An executor resolves a relative path against its own working directory (on a cluster, the
   * Worker's). The source must hand tasks the path the driver qualified, for sequential reads
   * (shuffle exchange) and random access (direct exchange) alike.
   */
  @Test
  void tasksOpenTheDriverQualifiedPathsNotTheUsersRelativeOnes() throws Exception {
    // Relative to this JVM's working directory, as a user's --images would be.
    Path rel = Path.of("target", "task-streams-" + UUID.randomUUID());
    Path[] in = TestData.glyphs(rel, 3, 4);
    try {
      NpyDatasetSource src = NpyDatasetSource.open(in[0].toString(), in[1].toString(),
          new Configuration(), dev.preaug.core.config.PreaugConfig.FingerprintMode.FULL);
      Configuration executor = ElsewhereFileSystem.conf(tmp.resolve("worker-cwd"));
      Files.createDirectories(tmp.resolve("worker-cwd"));
      org.apache.hadoop.fs.Path relative = new org.apache.hadoop.fs.Path(in[0].toString());
      assertFalse(relative.getFileSystem(executor).exists(relative),
          "the simulated executor does not see the user's relative path");

      Iterator<Sample> seq = src.read(new InputSplit(0, 12), new Configuration());
      byte[][] expected = new byte[12][];
      for (int i = 0; i < 12; i++) {
        expected[i] = seq.next().pixels();
      }
      assertFalse(seq.hasNext());
      Iterator<Sample> there = src.read(new InputSplit(4, 12), executor);
      for (int i = 4; i < 12; i++) {
        assertArrayEquals(expected[i], there.next().pixels(), "shuffle-exchange read " + i);
      }
      try (RandomAccessSamples r = src.openRandomAccess(executor)) {
        for (int i : new int[] {11, 0, 5}) {
          assertArrayEquals(expected[i], r.read(i).pixels(), "direct-exchange read " + i);
        }
      }
    } finally {
      for (Path p : in) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(rel);
    }
  }

  /**
   * A task that fails in the middle of its input (a float16 value out of range in sample 40 of
   * 70) leaves no stream open: the task-completion listener closes them, in either exchange.
   */
  @ParameterizedTest
  @ValueSource(strings = {"shuffle", "direct"})
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aFailedTaskClosesTheStreamsItOpened(String exchange) throws Exception {
    JavaSparkContext sc = SparkTests.shared();
    sc.hadoopConfiguration().set("fs." + TrackingFileSystem.SCHEME + ".impl",
        TrackingFileSystem.class.getName());
    Path dir = tmp.resolve("bad-" + exchange);
    Path[] in = TestData.glyphs(dir, 10, 7);
    poison(in[0], 40);
    String images = TrackingFileSystem.uri(in[0]);
    String labels = TrackingFileSystem.uri(in[1]);
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(sc,
        TestData.config(Map.of(
            ConfigKey.INPUT_IMAGES, images,
            ConfigKey.INPUT_LABELS, labels,
            ConfigKey.OUTPUT_DIR, tmp.resolve("out-" + exchange).toString(),
            ConfigKey.OUTPUT_SHARDS, "3",
            ConfigKey.INPUT_PARTITIONS, "2",
            ConfigKey.EXCHANGE, exchange), Map.of()), false));
    assertTrue(e.getMessage().contains("sample 40"), e.getMessage());
    assertTrue(e.getMessage().contains("is outside [0, 1]"), e.getMessage());
    // Tasks of the aborted stage may still be finishing when the job fails: give them time to
    // end (their listeners run then), then nothing of this input may be open.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!filter(TrackingFileSystem.open(), dir.toString()).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(Map.of(), filter(TrackingFileSystem.open(), dir.toString()),
        "streams the failed tasks left open");
  }

  private static Map<String, Integer> filter(Map<String, Integer> open, String prefix) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    open.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Sets the first pixel of {@code sample} to float16 2.0, outside the allowed [0, 1]. */
  private static void poison(Path images, int sample) throws Exception {
    NpyHeader h;
    try (InputStream s = Files.newInputStream(images)) {
      h = NpyHeader.read(s, images.toString());
    }
    byte[] b = Files.readAllBytes(images);
    int at = (int) (h.dataOffset() + (long) sample * h.dim(1) * h.dim(2) * 2);
    b[at] = 0x00;
    b[at + 1] = 0x40;
    Files.write(images, b);
  }
}
