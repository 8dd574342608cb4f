package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.ops.OpSpecs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour end to end on real Spark: an RGB {@code [N,H,W,3]} uint8 NPY (square and non-square)
 * becomes shards {@code [n,H,W,3]} and TFRecords with {@code channels = 3}; originals are the
 * input, every augmented record is its ops applied to the input's RGB image, TFRecord (raw and
 * colour PNG) equals NPY, verify passes, and the bytes depend on neither master, partitioning
 * nor exchange.
 */
class ColourSparkTest {
  @TempDir
  static Path tmp;

  /**
   * The built-in recipe: its scale step is relative to the image, randrange(12, 31) on 32x32 and
   * sizes that fit 36x28 too (the seed's absolute randrange(25, 63) is refused on both).
   */
  static final Map<String, String> RECIPE = Map.of();

  static Path[] write(String name, int n, int w, int h) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Path images = dir.resolve("images.npy");
    Path labels = dir.resolve("labels.npy");
    DemoColour.write(images, labels, n, 10, w, h, 5);
    return new Path[] {images, labels};
  }

  static PreaugConfig config(Path[] in, Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> keys = new HashMap<>(Map.of(
        ConfigKey.INPUT_IMAGES, in[0].toString(),
        ConfigKey.INPUT_LABELS, in[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "3",
        ConfigKey.EPOCHS, "1",
        ConfigKey.SEED, "21",
        ConfigKey.COPIES_AUGMENTED, "2"));
    keys.putAll(more);
    return TestData.config(keys, RECIPE);
  }

  @Test
  void rgb32RunsEndToEndAndEveryRecordIsItsOpsOnTheInput() throws Exception {
    Path[] in = write("rgb32", 37, 32, 32);
    Path out = tmp.resolve("out32");
    TestData.run(SparkTests.shared(), config(in, out, Map.of(ConfigKey.INPUT_PARTITIONS, "3")),
        false);
    Path epoch = out.resolve("epoch-00000");
    HadoopEpochStore store = new HadoopEpochStore(new Configuration());
    EpochReader reader = EpochReader.open(store, epoch.toString());
    EpochManifest m = reader.manifest();
    assertEquals(3, m.channels);
    assertEquals(32, m.height);
    assertEquals(32, m.width);

    ImageArray input = ImageArray.read(in[0], false);
    assertEquals(3, input.channels());
    int originals = 0;
    int augmented = 0;
    Set<String> opsSeen = new HashSet<>();
    for (ShardInfo s : m.shardList) {
      Path images = epoch.resolve(s.file("images").file());
      try (InputStream is = Files.newInputStream(images)) {
        NpyHeader h = NpyHeader.read(is, images.toString());
        assertEquals("(" + s.records() + ", 32, 32, 3)", h.shapeString());
      }
      try (EpochReader.Records npy = reader.npy(s, true);
          EpochReader.Records tf = reader.tfrecord(s, true)) {
        for (OutputRecord r = npy.next(); r != null; r = npy.next()) {
          assertEquals(r, tf.next(), "TFRecord and NPY agree");
          assertEquals(3, r.channels());
          Image src = input.image((int) r.index());
          if (!r.augmented()) {
            originals++;
            assertArrayEquals(src.array(), r.pixels(), "original of sample " + r.index());
          } else {
            augmented++;
            opsSeen.add(r.ops().replaceAll("\\(.*", ""));
            assertArrayEquals(OpSpecs.parse(r.ops()).apply(src).array(), r.pixels(),
                r.ops() + " on sample " + r.index());
          }
        }
        npy.finish();
        tf.finish();
      }
    }
    assertEquals(37, originals);
    assertEquals(74, augmented);
    assertTrue(opsSeen.size() >= 3, opsSeen.toString());
    EpochVerifier.Verdict v = new EpochVerifier(store).verify(epoch.toString());
    assertTrue(v.ok, v.toString());

    // Another master and partitioning, and colour PNG in the TFRecords: the same NPY bytes,
    // and the PNG records decode to them.
    Path other = tmp.resolve("out32-png");
    TestData.run(SparkTests.context("local[1]"), config(in, other, Map.of(
        ConfigKey.INPUT_PARTITIONS, "5", ConfigKey.TFRECORD_IMAGE_ENCODING, "png")), false);
    SparkTests.shared();
    Map<String, byte[]> a = TestData.files(epoch);
    Map<String, byte[]> b = TestData.files(other.resolve("epoch-00000"));
    for (String name : a.keySet()) {
      if (name.contains("-train.") && name.endsWith(".npy")) {
        assertArrayEquals(a.get(name), b.get(name), name);
      }
    }
    EpochReader png = EpochReader.open(store, other.resolve("epoch-00000").toString());
    for (ShardInfo s : png.manifest().shardList) {
      try (EpochReader.Records npy = png.npy(s, true);
          EpochReader.Records tf = png.tfrecord(s, true)) {
        for (OutputRecord r = npy.next(); r != null; r = npy.next()) {
          assertEquals(r, tf.next());
        }
      }
    }
    assertTrue(new EpochVerifier(store).verify(other.resolve("epoch-00000").toString()).ok);
  }

  @Test
  void nonSquareRgbIsTheSameThroughBothExchanges() throws Exception {
    Path[] in = write("rgb-36x28", 23, 36, 28);
    Path shuffle = tmp.resolve("ns-shuffle");
    Path direct = tmp.resolve("ns-direct");
    TestData.run(SparkTests.shared(), config(in, shuffle, Map.of()), false);
    TestData.run(SparkTests.shared(), config(in, direct, Map.of(ConfigKey.EXCHANGE, "direct")),
        false);
    Map<String, byte[]> a = TestData.files(shuffle.resolve("epoch-00000"));
    Map<String, byte[]> b = TestData.files(direct.resolve("epoch-00000"));
    int shards = 0;
    for (String name : a.keySet()) {
      if (name.contains("-train.")) {
        assertArrayEquals(a.get(name), b.get(name), name);
        shards++;
      }
    }
    assertEquals(15, shards);
    EpochManifest m = EpochManifest.parse(new String(a.get("manifest.json"),
        java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(28, m.height);
    assertEquals(36, m.width);
    assertEquals(3, m.channels);
    HadoopEpochStore store = new HadoopEpochStore(new Configuration());
    assertTrue(new EpochVerifier(store).verify(shuffle.resolve("epoch-00000").toString()).ok);
    ImageArray input = ImageArray.read(in[0], false);
    EpochReader reader = EpochReader.open(store, shuffle.resolve("epoch-00000").toString());
    try (EpochReader.Records npy = reader.npy(reader.manifest().shardList.get(0), true)) {
      for (OutputRecord r = npy.next(); r != null; r = npy.next()) {
        Image src = input.image((int) r.index());
        byte[] want = r.augmented() ? OpSpecs.parse(r.ops()).apply(src).array() : src.array();
        assertArrayEquals(want, r.pixels(), r.ops());
      }
    }
  }
}
