package dev.preaug.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.spark.HadoopEpochStore;
import dev.preaug.spark.SchemeLocalFileSystem;
import dev.preaug.spark.SparkTests;
import dev.preaug.spark.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on an epoch with 131 copies per sample (past the 127 a signed byte counts to),
 * valid and tampered, and through the CLI with the Hadoop settings {@code run} would use.
 * Cost: two small runs (8 samples x 131 copies, about 1,000 records each) on the shared context.
 */
class VerifySparkTest {
  @TempDir
  static Path tmp;
  static Path both;
  static Path npyOnly;

  @BeforeAll
  static void epochs() throws Exception {
    Path[] in = TestData.glyphs(tmp.resolve("in"), 4, 2); // 8 samples
    both = tmp.resolve("both");
    npyOnly = tmp.resolve("npy");
    for (Path out : new Path[] {both, npyOnly}) {
      TestData.run(SparkTests.shared(), TestData.config(Map.of(
          ConfigKey.INPUT_IMAGES, in[0].toString(),
          ConfigKey.INPUT_LABELS, in[1].toString(),
          ConfigKey.OUTPUT_DIR, out.toString(),
          ConfigKey.OUTPUT_SHARDS, "3",
          ConfigKey.OUTPUT_FORMAT, out == both ? "both" : "npy",
          ConfigKey.COPIES_ORIGINAL, "1",
          ConfigKey.COPIES_AUGMENTED, "130",
          ConfigKey.SEED, "3"), Map.of()), false);
    }
  }

  private static EpochVerifier.Verdict verify(Path epoch) {
    return new EpochVerifier(new HadoopEpochStore(new Configuration())).verify(epoch.toString());
  }

  private static Path copy(Path from, String name) throws Exception {
    Path to = tmp.resolve(name).resolve("epoch-00000");
    Files.createDirectories(to);
    for (Map.Entry<String, byte[]> e : TestData.files(from.resolve("epoch-00000")).entrySet()) {
      Files.write(to.resolve(e.getKey()), e.getValue());
    }
    return to;
  }

  @Test
  void aValidEpochWith131CopiesPasses() {
    for (Path out : new Path[] {both, npyOnly}) {
      EpochVerifier.Verdict v = verify(out.resolve("epoch-00000"));
      assertTrue(v.ok, v.toString());
      assertTrue(v.message.startsWith("1,048 records (8 samples x 131 copies) in 3 shards"),
          v.message);
    }
  }

  @Test
  void aFlippedPixelFailsNamingTheFileAndTheRule() throws Exception {
    Path epoch = copy(both, "flipped");
    Path images = epoch.resolve("preaug-train.images-00001-of-00003.npy");
    byte[] b = Files.readAllBytes(images);
    b[b.length - 5] ^= 1; // a pixel of the shard's last row
    Files.write(images, b);
    EpochVerifier.Verdict v = verify(epoch);
    assertFalse(v.ok, v.toString());
    // TFRecord and NPY are read in lockstep: the row no longer equals its TFRecord twin.
    assertTrue(v.message.contains("preaug-train.tfrecord-00001-of-00003"), v.message);
    assertTrue(v.message.contains("differs from row"), v.message);
  }

  /**
   * A tamper that keeps every checksum consistent: one record's source index is rewritten to
   * another sample's, and the manifest's size and SHA-256 are updated to match. Only the
   * exactly-once count can catch it, and it must, at the record where the count goes past 130.
   */
  @Test
  void aConsistentlyRewrittenIndexFailsTheExactCount() throws Exception {
    Path epoch = copy(npyOnly, "reindexed");
    String name = "preaug-train.index-00000-of-00003.npy";
    Path index = epoch.resolve(name);
    byte[] b = Files.readAllBytes(index);
    int data = b.length - 8 * (int) manifest(epoch).shardList.get(0).records();
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    // Find two augmented rows of different samples; point the second at the first's sample.
    Path ops = epoch.resolve("preaug-train.ops-00000-of-00003.txt");
    String[] lines = Files.readString(ops).split("\n", -1);
    int first = -1;
    int other = -1;
    for (int i = 0; i < lines.length - 1 && other < 0; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      if (first < 0) {
        first = i;
      } else if (le.getLong(data + 8 * i) != le.getLong(data + 8 * first)) {
        other = i;
      }
    }
    long sample = le.getLong(data + 8 * first);
    le.putLong(data + 8 * other, sample);
    Files.write(index, b);
    rewriteChecksum(epoch, 0, "index", b);
    EpochVerifier.Verdict v = verify(epoch);
    assertFalse(v.ok, v.toString());
    // The 131st augmented record of that sample fails, in whichever shard it comes.
    assertTrue(v.message.contains(": shard "), v.message);
    assertTrue(v.message.contains(", record "), v.message);
    assertTrue(v.message.contains("sample " + sample + " appears more than 130 times augmented"
        + " (the manifest's copies_augmented)"), v.message);
  }

  private static EpochManifest manifest(Path epoch) throws Exception {
    return EpochManifest.parse(Files.readString(epoch.resolve("manifest.json")));
  }

  private static void rewriteChecksum(Path epoch, int shard, String kind, byte[] content)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(epoch.resolve("manifest.json").toFile());
    ObjectNode f = (ObjectNode) root.get("shard_list").get(shard).get("files").get(kind);
    f.put("bytes", content.length);
    f.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(content)));
    Files.writeString(epoch.resolve("manifest.json"), json.writeValueAsString(root));
  }

  /**
   * The CLI's verify reaches files with the same {@code spark.hadoop.*} settings as run (given
   * to submit.sh as --conf, they arrive as system properties): a filesystem registered only that
   * way is unreachable without the setting and verifies with it.
   */
  @Test
  void theCliVerifyUsesTheSparkHadoopSettings() throws Exception {
    // A scheme no other test registers: Hadoop caches filesystems per scheme for the JVM.
    String uri = SchemeLocalFileSystem.uri(VerifyFs.SCHEME, both);
    String key = "spark.hadoop.fs." + VerifyFs.SCHEME + ".impl";
    Out without = cli("verify", uri);
    assertEquals(Main.EXIT_BAD_INPUT, without.exit, without.text);
    assertTrue(without.text.contains("cannot reach filesystem '" + VerifyFs.SCHEME + "'"),
        without.text);
    System.setProperty(key, VerifyFs.class.getName());
    try {
      Out with = cli("verify", uri);
      assertEquals(0, with.exit, with.text);
      assertTrue(with.text.contains("OK     " + VerifyFs.SCHEME + ":"), with.text);
      assertTrue(with.text.contains("8 samples x 131 copies"), with.text);
    } finally {
      System.clearProperty(key);
    }
  }

  /** The local filesystem under a scheme only this test uses. */
  public static final class VerifyFs extends SchemeLocalFileSystem {
    static final String SCHEME = "verifytestfs";

    public VerifyFs() {
      super(SCHEME);
    }
  }

  private record Out(int exit, String text) {}

  private static Out cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(p);
    System.setErr(p);
    try {
      int rc = Main.execute(args);
      return new Out(rc, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
