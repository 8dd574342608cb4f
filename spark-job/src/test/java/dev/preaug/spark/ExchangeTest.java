package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.PreaugConfig.Exchange;
import dev.preaug.spark.input.DatasetSource;
import dev.preaug.spark.input.FolderDatasetSource;
import dev.preaug.spark.input.NpyDatasetSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code job.exchange} resolves: auto is direct for NPY files on a {@code file:} path and
 * shuffle for everything else (NPY elsewhere, folders); shuffle and direct are taken as written.
 */
class ExchangeTest {
  @TempDir
  static Path tmp;
  static Path[] input;
  static Configuration conf;

  @BeforeAll
  static void data() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 3, 2);
    conf = new Configuration();
    conf.set("fs." + TrackingFileSystem.SCHEME + ".impl", TrackingFileSystem.class.getName());
    conf.setBoolean("fs." + TrackingFileSystem.SCHEME + ".impl.disable.cache", true);
  }

  private static NpyDatasetSource npy(String images, String labels) {
    return NpyDatasetSource.open(images, labels, conf, PreaugConfig.FingerprintMode.METADATA);
  }

  @Test
  void theDefaultIsAuto() {
    assertEquals("auto", ConfigKey.EXCHANGE.defaultValue());
    PreaugConfig c = TestData.config(Map.of(), Map.of());
    assertEquals(Exchange.AUTO, c.exchange());
  }

  @Test
  void autoIsDirectForNpyOnALocalPath() {
    for (NpyDatasetSource s : new NpyDatasetSource[] {
        npy(input[0].toString(), input[1].toString()),
        npy(input[0].toUri().toString(), input[1].toUri().toString())}) {
      assertTrue(s.cheapRandomAccess(), s.describe());
      assertTrue(PreaugRun.direct(Exchange.AUTO, s));
      assertTrue(PreaugRun.exchangeLine(Exchange.AUTO, s).startsWith("direct (auto: "));
      assertFalse(PreaugRun.direct(Exchange.SHUFFLE, s));
      assertEquals("shuffle", PreaugRun.exchangeLine(Exchange.SHUFFLE, s));
      assertTrue(PreaugRun.direct(Exchange.DIRECT, s));
    }
  }

  @Test
  void autoIsShuffleForNpyOnAnotherFilesystem() {
    // A filesystem other than file: (here the local disk under a test scheme, as HDFS or S3A
    // would be): positioned reads are round trips, so auto keeps the sequential shuffle.
    NpyDatasetSource s = npy(TrackingFileSystem.uri(input[0]), TrackingFileSystem.uri(input[1]));
    assertTrue(s.randomAccess());
    assertFalse(s.cheapRandomAccess());
    assertFalse(PreaugRun.direct(Exchange.AUTO, s));
    assertTrue(PreaugRun.exchangeLine(Exchange.AUTO, s).startsWith("shuffle (auto: "));
    assertTrue(PreaugRun.direct(Exchange.DIRECT, s), "direct stays selectable");
  }

  @Test
  void autoIsShuffleForInputsWithoutRandomAccess() throws Exception {
    Path root = tmp.resolve("folders");
    Files.createDirectories(root.resolve("a"));
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4,
        java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", root.resolve("a/x.png").toFile());
    DatasetSource s = FolderDatasetSource.open(root.toUri().toString(), 4, 4, 1,
        dev.preaug.core.ops.Resample.BICUBIC, conf, new PrintStream(
            java.io.OutputStream.nullOutputStream()), PreaugConfig.FingerprintMode.METADATA);
    assertFalse(s.randomAccess());
    assertFalse(PreaugRun.direct(Exchange.AUTO, s));
    assertFalse(PreaugRun.direct(Exchange.SHUFFLE, s));
  }

  @Test
  void anUnknownExchangeIsRefusedWithTheChoices() {
    dev.preaug.core.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.preaug.core.BadInputException.class,
        () -> TestData.config(Map.of(ConfigKey.EXCHANGE, "sideways"), Map.of()));
    assertTrue(e.getMessage().contains("auto, shuffle, direct"), e.getMessage());
  }
}
