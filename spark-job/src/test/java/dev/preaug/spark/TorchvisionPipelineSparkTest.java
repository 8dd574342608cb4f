package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.ops.OpSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR recipe written as torchvision users write it, {@code RandomCrop(32, padding=4) |
 * RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)} in {@code recipe.pipeline}, end
 * to end on real Spark with RGB 32x32 uint8 NPY input: shards written, the manifest names the
 * pipeline in its canonical form, {@code verify} passes, every augmented record replays from its
 * ops string to its pixels, and the bytes do not depend on the exchange. A pipeline written for
 * other images stops before any task runs.
 */
@Timeout(300)
class TorchvisionPipelineSparkTest {
  static final String CIFAR = "RandomCrop(32, padding=4) | RandomHorizontalFlip()"
      + " | RandAugment(num_ops=2, magnitude=9)";
  static final String CANONICAL = "RandomCrop(size=32, padding=4) | RandomHorizontalFlip(p=0.5)"
      + " | RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31)";

  @TempDir
  static Path tmp;

  private static PreaugConfig config(Path[] in, Path out, String pipeline,
      Map<ConfigKey, String> more) {
    Map<ConfigKey, String> keys = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, in[0].toString(),
        ConfigKey.INPUT_LABELS, in[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "3",
        ConfigKey.EPOCHS, "1",
        ConfigKey.SEED, "8",
        ConfigKey.COPIES_AUGMENTED, "2"));
    keys.putAll(more);
    return TestData.config(keys, Map.of("recipe.pipeline", pipeline));
  }

  private static Path[] cifarLike(String name, int n, int w, int h) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Path images = dir.resolve("images.npy");
    Path labels = dir.resolve("labels.npy");
    DemoColour.write(images, labels, n, 10, w, h, 3);
    return new Path[] {images, labels};
  }

  @Test
  void theCifarRecipeInTorchvisionSyntaxRunsEndToEndAndReplays() throws Exception {
    Path[] in = cifarLike("cifar", 41, 32, 32);
    Path out = tmp.resolve("out");
    String log = TestData.run(SparkTests.shared(), config(in, out, CIFAR,
        Map.of(ConfigKey.INPUT_PARTITIONS, "3")), false);
    assertTrue(log.contains("recipe: " + CANONICAL), log);

    Path epoch = out.resolve("epoch-00000");
    HadoopEpochStore store = new HadoopEpochStore(new Configuration());
    EpochReader reader = EpochReader.open(store, epoch.toString());
    EpochManifest m = reader.manifest();
    assertEquals(Map.of("recipe.pipeline", CANONICAL), m.recipe);
    assertEquals(3, m.channels);
    ImageArray input = ImageArray.read(in[0], false);
    int originals = 0;
    int augmented = 0;
    int flipped = 0;
    Set<String> kinds = new HashSet<>();
    for (ShardInfo s : m.shardList) {
      try (EpochReader.Records npy = reader.npy(s, true);
          EpochReader.Records tf = reader.tfrecord(s, true)) {
        for (OutputRecord r = npy.next(); r != null; r = npy.next()) {
          assertEquals(r, tf.next(), "TFRecord and NPY agree");
          Image src = input.image((int) r.index());
          if (!r.augmented()) {
            originals++;
            assertArrayEquals(src.array(), r.pixels());
            continue;
          }
          augmented++;
          // Provenance: the concrete ops drawn, first the padded crop, replay to the pixels.
          assertTrue(r.ops().startsWith("pad_crop(4,4,4,4,constant,"), r.ops());
          flipped += r.ops().contains("|hflip") ? 1 : 0;
          for (String op : r.ops().split("\\|")) {
            kinds.add(op.replaceAll("\\(.*", ""));
          }
          assertArrayEquals(OpSpecs.parse(r.ops()).apply(src).array(), r.pixels(),
              r.ops() + " on sample " + r.index());
        }
        npy.finish();
        tf.finish();
      }
    }
    assertEquals(41, originals);
    assertEquals(82, augmented);
    assertTrue(flipped > 20 && flipped < 62, flipped + " of 82 flipped");
    assertTrue(kinds.size() >= 8, "RandAugment's ops show up: " + kinds);
    EpochVerifier.Verdict v = new EpochVerifier(store).verify(epoch.toString());
    assertTrue(v.ok, v.toString());

    // The direct exchange writes the same bytes.
    Path direct = tmp.resolve("out-direct");
    TestData.run(SparkTests.shared(), config(in, direct, CIFAR,
        Map.of(ConfigKey.INPUT_PARTITIONS, "2", ConfigKey.EXCHANGE, "direct")), false);
    Map<String, byte[]> a = TestData.files(epoch);
    Map<String, byte[]> b = TestData.files(direct.resolve("epoch-00000"));
    int compared = 0;
    for (String name : a.keySet()) {
      if (name.contains("-train.")) {
        assertArrayEquals(a.get(name), b.get(name), name);
        compared++;
      }
    }
    assertTrue(compared >= 3, "shards compared: " + compared);
  }

  @Test
  void aPipelineForOtherImagesStopsBeforeAnyTask() throws Exception {
    Path[] in = cifarLike("small", 5, 28, 28);
    BadInputException e = assertThrows(BadInputException.class, () -> TestData.run(
        SparkTests.shared(), config(in, tmp.resolve("never"), CIFAR, Map.of()), false));
    assertEquals(BadInputException.Kind.CONFIG, e.kind());
    assertEquals("test: recipe.pipeline: RandomCrop size=32 makes 32x32 (HxW) crops, but the"
        + " input is 28x28 (HxW) and a pipeline's transforms keep the image size: use size=28",
        e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("never").resolve("epoch-00000")));
  }
}
