package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.ops.OpSpecs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image folder read with {@code input.folder.mode = RGB} on real Spark: the PNGs of the
 * golden-folder set (RGB, RGBA, P, P with tRNS, L, of six sizes) become an epoch with
 * {@code channels = 3} whose originals are exactly Pillow's
 * {@code Image.open(f).convert('RGB').resize((W, H)[, resample])}, the arrays in golden-folder/;
 * mode L (the default) gives Pillow's {@code convert('L')} with one channel; and a rerun with
 * another mode is refused instead of reusing the epoch.
 */
class FolderColourSparkTest {
  /** Class folder and file of each golden input; samples are numbered in this order. */
  static final List<String[]> FILES = List.of(
      new String[] {"a", "p_23x41"}, new String[] {"a", "rgb_37x29"},
      new String[] {"a", "rgba_50x34"}, new String[] {"b", "l_31x31"},
      new String[] {"b", "l_noise_20x48"}, new String[] {"b", "p_trns_64x26"});
  static final Path GOLDEN = TestData.repoRoot().resolve("core/src/test/resources/golden-folder");

  @TempDir
  static Path tmp;
  static Path root;

  @BeforeAll
  static void folder() throws Exception {
    root = tmp.resolve("folders");
    for (String[] f : FILES) {
      Path dir = Files.createDirectories(root.resolve(f[0]));
      Files.copy(GOLDEN.resolve("in/" + f[1] + ".png"), dir.resolve(f[1] + ".png"));
    }
  }

  static PreaugConfig config(Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> keys = new HashMap<>(Map.of(
        ConfigKey.INPUT, "folder:" + root,
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "2",
        ConfigKey.SEED, "13",
        ConfigKey.COPIES_AUGMENTED, "1",
        ConfigKey.INPUT_SIZE, "32x32"));
    keys.putAll(more);
    return TestData.config(keys, ColourSparkTest.RECIPE);
  }

  /**
   * Checks every record of an epoch against Pillow's arrays {@code <file>__<suffix>.npy}:
   * originals equal them, augmented records are their ops applied to them.
   */
  static EpochManifest check(Path epoch, int channels, int w, int h, String suffix)
      throws Exception {
    HadoopEpochStore store = new HadoopEpochStore(new Configuration());
    EpochVerifier.Verdict v = new EpochVerifier(store).verify(epoch.toString());
    assertTrue(v.ok, v.toString());
    EpochReader reader = EpochReader.open(store, epoch.toString());
    EpochManifest m = reader.manifest();
    assertEquals(channels, m.channels);
    assertEquals(h, m.height);
    assertEquals(w, m.width);
    assertEquals(FILES.size(), m.samples);
    int originals = 0;
    for (ShardInfo s : m.shardList) {
      Path images = epoch.resolve(s.file("images").file());
      try (InputStream is = Files.newInputStream(images)) {
        assertEquals("(" + s.records() + ", " + h + ", " + w + ", " + channels + ")",
            NpyHeader.read(is, images.toString()).shapeString());
      }
      try (EpochReader.Records npy = reader.npy(s, true);
          EpochReader.Records tf = reader.tfrecord(s, true)) {
        for (OutputRecord r = npy.next(); r != null; r = npy.next()) {
          assertEquals(r, tf.next(), "TFRecord and NPY agree");
          String[] f = FILES.get((int) r.index());
          assertEquals(f[0].equals("a") ? 0 : 1, r.label(), f[1]);
          Image pillow = ImageArray.readImage(GOLDEN.resolve("out/" + f[1] + "__" + suffix
              + ".npy"));
          assertEquals(channels, pillow.channels());
          if (r.augmented()) {
            assertArrayEquals(OpSpecs.parse(r.ops()).apply(pillow).array(), r.pixels(),
                r.ops() + " on " + f[1]);
          } else {
            originals++;
            assertArrayEquals(pillow.array(), r.pixels(), f[1] + ": Pillow's " + suffix);
          }
        }
        npy.finish();
        tf.finish();
      }
    }
    assertEquals(FILES.size(), originals);
    return m;
  }

  @Test
  void rgbModeKeepsColourAsPillowsConvertAndResize() throws Exception {
    Path out = tmp.resolve("rgb");
    String log = TestData.run(SparkTests.shared(), config(out,
        Map.of(ConfigKey.INPUT_FOLDER_MODE, "RGB")), false);
    assertTrue(log.contains("mode RGB, resized to 32x32 bicubic"), log);
    EpochManifest m = check(out.resolve("epoch-00000"), 3, 32, 32, "rgb_32x32_default");
    assertEquals("RGB", m.config.get("input.folder.mode"));

    // Another size and filter, non-square.
    Path bilinear = tmp.resolve("rgb-bilinear");
    TestData.run(SparkTests.shared(), config(bilinear, Map.of(ConfigKey.INPUT_FOLDER_MODE,
        "RGB", ConfigKey.INPUT_SIZE, "40x24", ConfigKey.INPUT_FOLDER_RESAMPLE, "bilinear")),
        false);
    check(bilinear.resolve("epoch-00000"), 3, 40, 24, "rgb_40x24_bilinear");

    // A rerun with mode L must not reuse the RGB epoch: refused in one line naming the key.
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config(out, Map.of()), false));
    assertEquals(BadInputException.Kind.CHANGED, e.kind());
    assertTrue(e.getMessage().contains("input.folder.mode RGB -> L"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    // The same mode again is reused.
    String again = TestData.run(SparkTests.shared(), config(out,
        Map.of(ConfigKey.INPUT_FOLDER_MODE, "rgb")), false);
    assertTrue(again.contains("already published with this config and input, skipped"), again);
  }

  @Test
  void grayModeIsTheDefaultAndPillowsConvertL() throws Exception {
    Path out = tmp.resolve("gray");
    TestData.run(SparkTests.shared(), config(out, Map.of()), false);
    EpochManifest m = check(out.resolve("epoch-00000"), 1, 32, 32, "l_32x32_default");
    assertEquals("L", m.config.get("input.folder.mode"));
    Path nearest = tmp.resolve("gray-nearest");
    TestData.run(SparkTests.shared(), config(nearest,
        Map.of(ConfigKey.INPUT_FOLDER_RESAMPLE, "nearest")), false);
    EpochManifest n = check(nearest.resolve("epoch-00000"), 1, 32, 32, "l_32x32_nearest");
    // The input fingerprint covers the filter (and mode), not only the files and the size.
    assertNotEquals(m.inputFingerprint, n.inputFingerprint);
  }
}
