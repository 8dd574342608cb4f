package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preaug.core.OutputAlgorithm;
import dev.preaug.core.config.ConfigKey;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the bytes of a small reference epoch: the SHA-256 of every NPY and raw TFRecord shard of
 * 120 demo glyphs x (1 original + 3 augmented copies) with the default recipe, seed 11, epoch 1.
 * Identity tests elsewhere compare two runs of the same build; this one compares with what
 * earlier builds wrote, so a kernel, RNG, recipe-sampling, shuffle or encoding change that moves
 * a single byte fails here. When it fails: either fix the change (it was meant to keep bytes), or
 * bump {@link OutputAlgorithm#VERSION} and update the hashes in the same commit. Gzip and PNG
 * shards are not pinned: their bytes depend on the JVM's zlib (docs/formats.md).
 */
class PinnedEpochBytesSparkTest {
  @TempDir
  static Path tmp;

  /** Shard name -> SHA-256, for {@link OutputAlgorithm#VERSION} 1. */
  private static final Map<String, String> PINNED = new TreeMap<>(Map.ofEntries(
      Map.entry("preaug-train.images-00000-of-00003.npy",
          "462278d5ec16a403160b233cea02640914f52f07183451d3bcba659f5c953dd4"),
      Map.entry("preaug-train.images-00001-of-00003.npy",
          "3687d7a9d36bc719bbd844d8138c793cf6bf31c1b149b53b9b58865f8467a9c5"),
      Map.entry("preaug-train.images-00002-of-00003.npy",
          "a22fa27285c0c30ee115bae2d21217d4a880924a326437cc649822a55f6720eb"),
      Map.entry("preaug-train.index-00000-of-00003.npy",
          "d5a27c92d2e30ca38156c0868bc1b332814d0a6109394a5743f0223dc00ebfb8"),
      Map.entry("preaug-train.index-00001-of-00003.npy",
          "2a4d31979e926fff9c6ca73d63d75e1c580f3fd08d5e83fccb9255fab88e6649"),
      Map.entry("preaug-train.index-00002-of-00003.npy",
          "03f02ba2a912e94b6274ed390f49766434b5aa4254eac07a33e791eb30b491d1"),
      Map.entry("preaug-train.labels-00000-of-00003.npy",
          "5dbfaf73dac4d9d3f5e55a015474e440b4f13b2bf6ca6159c76450aa85549188"),
      Map.entry("preaug-train.labels-00001-of-00003.npy",
          "15d2d541e0095705ab55ead07df45f863d79aac4d3dc2d3b778564166424c8f5"),
      Map.entry("preaug-train.labels-00002-of-00003.npy",
          "a0ecb394c60f389a408bf377f5381696dce2e447cf1ba2c720e02847259a2267"),
      Map.entry("preaug-train.tfrecord-00000-of-00003",
          "954ced16799b3c0c64fa0f8a4c0b10da146631b5f89f147016a08d4416e04a6c"),
      Map.entry("preaug-train.tfrecord-00001-of-00003",
          "414907055dad36281901fb4fefbd6d98d47f69de3c16d5259164380303f4eea0"),
      Map.entry("preaug-train.tfrecord-00002-of-00003",
          "6f100ef8e27e7c146b010d9974bf4c35adb2b421371b4221636eb4fdea33a094")));

  @Test
  void everyShardOfTheReferenceEpochHasItsPinnedBytes() throws Exception {
    assertEquals(1, OutputAlgorithm.VERSION, "a new version needs new pinned hashes");
    Path[] in = TestData.glyphs(tmp.resolve("in"), 12, 10);
    Path out = tmp.resolve("out");
    TestData.run(SparkTests.shared(), TestData.config(Map.of(
        ConfigKey.INPUT_IMAGES, in[0].toString(),
        ConfigKey.INPUT_LABELS, in[1].toString(),
        ConfigKey.OUTPUT_DIR, out.toString(),
        ConfigKey.OUTPUT_SHARDS, "3",
        ConfigKey.OUTPUT_FORMAT, "both",
        ConfigKey.FIRST_EPOCH, "1",
        ConfigKey.COPIES_AUGMENTED, "3",
        ConfigKey.SEED, "11"), Map.of()), false);
    Map<String, String> got = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    TestData.files(out.resolve("epoch-00001")).forEach((name, bytes) -> {
      if (name.endsWith(".npy") || name.contains(".tfrecord")) {
        got.put(name, HexFormat.of().formatHex(sha.digest(bytes)));
      }
    });
    StringBuilder listing = new StringBuilder();
    got.forEach((k, v) -> listing.append("      \"").append(k).append("\", \"").append(v)
        .append("\",\n"));
    assertEquals(PINNED, got, "shard bytes changed; now:\n" + listing);
  }
}
