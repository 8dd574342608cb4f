package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.image.Float16;
import dev.preaug.core.npy.NpyHeader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset fixed in place must never be served from the epochs of its old version: 100 images
 * in the middle of {@code x.npy} change (same length, same header, same first and last 64 KiB),
 * and a rerun over the published output refuses, naming the input, or rebuilds with
 * --overwrite. The cheap {@code input.fingerprint = metadata} mode is shown to miss exactly this
 * change, as documented. Cost: five runs of 300 samples (600 records, 2 NPY shards).
 */
class StaleEpochSparkTest {
  @TempDir
  static Path tmp;

  private static PreaugConfig config(Path[] in, Path out, String mode) {
    return TestData.config(Map.of(
        ConfigKey.INPUT_IMAGES, in[0].toString(),
        ConfigKey.INPUT_LABELS, in[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.OUTPUT_FORMAT, "npy",
        ConfigKey.INPUT_FINGERPRINT, mode,
        ConfigKey.SEED, "4"), Map.of());
  }

  private static EpochManifest manifest(Path out) throws Exception {
    return EpochManifest.parse(Files.readString(out.resolve("epoch-00000/manifest.json")));
  }

  @Test
  void changedImagesInTheMiddleOfTheInputAreRefusedOrRebuiltNeverSkipped() throws Exception {
    Path[] in = TestData.glyphs(tmp.resolve("in"), 10, 30); // 300 samples, 2.4 MB of float16
    Path full = tmp.resolve("full");
    Path meta = tmp.resolve("metadata");
    TestData.run(SparkTests.shared(), config(in, full, "full"), false);
    TestData.run(SparkTests.shared(), config(in, meta, "metadata"), false);
    String before = manifest(full).inputFingerprint;
    assertTrue(before.matches("sha256:[0-9a-f]{64}"), before);
    assertTrue(manifest(meta).inputFingerprint.startsWith("metadata-sha256:"));

    long length = Files.size(in[0]);
    invert(in[0], 100, 200);
    assertEquals(length, Files.size(in[0]), "the fix keeps the file's length");

    // The documented blind spot of the cheap mode: the change is outside what it reads.
    String metaLog = TestData.run(SparkTests.shared(), config(in, meta, "metadata"), false);
    assertTrue(metaLog.contains("already published with this config and input, skipped"),
        metaLog);

    // The default refuses, in one line naming the input and what changed.
    BadInputException e = assertThrows(BadInputException.class,
        () -> TestData.run(SparkTests.shared(), config(in, full, "full"), false));
    assertEquals(BadInputException.Kind.CHANGED, e.kind());
    assertTrue(e.getMessage().startsWith(full.resolve("epoch-00000").toString()),
        e.getMessage());
    assertTrue(e.getMessage().contains("already published with a different input: fingerprint "
        + before + " -> sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains(in[0].toString()), e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(before, manifest(full).inputFingerprint, "the refused run changed nothing");

    // With --overwrite it is rebuilt from the new bytes.
    String log = TestData.run(SparkTests.shared(), config(in, full, "full"), true);
    assertFalse(log.contains("skipped"), log);
    String after = manifest(full).inputFingerprint;
    assertNotEquals(before, after);
    EpochVerifier.Verdict v = new EpochVerifier(new HadoopEpochStore(new Configuration()))
        .verify(full.resolve("epoch-00000").toString());
    assertTrue(v.ok, v.toString());
    // And the rebuilt epoch is now the one reused.
    String again = TestData.run(SparkTests.shared(), config(in, full, "full"), false);
    assertTrue(again.contains("already published with this config and input, skipped"), again);
  }

  /** Replaces images [from, to) by their negatives (1 - v), still float16 in [0, 1]. */
  private static void invert(Path images, int from, int to) throws Exception {
    NpyHeader h;
    try (InputStream s = Files.newInputStream(images)) {
      h = NpyHeader.read(s, images.toString());
    }
    byte[] b = Files.readAllBytes(images);
    int pixels = (int) (h.dim(1) * h.dim(2));
    for (int i = from; i < to; i++) {
      int base = (int) (h.dataOffset() + 2L * pixels * i);
      for (int j = 0; j < pixels; j++) {
        int at = base + 2 * j;
        short bits = (short) ((b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8));
        float v = Float16.toFloat(bits);
        short inv = Float16.toHalfBits(1f - v);
        b[at] = (byte) inv;
        b[at + 1] = (byte) (inv >> 8);
      }
    }
    Files.write(images, b);
  }
}
