package dev.preaug.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher end to end: ./submit.sh in a child process (embedded local mode, the
 * built thin jar), as the README tells a user to run it.
 */
class CliIT {
  @TempDir
  static Path tmp;
  static Path[] good;

  @BeforeAll
  static void data() throws Exception {
    good = TestData.glyphs(tmp.resolve("good"), 12, 4);
  }

  @Test
  void demoRunsAndVerifies() throws Exception {
    CliRunner.Result r = CliRunner.run(tmp, "demo", "--dir", "demo", "--classes", "20",
        "--per-class", "3");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("demo summary"), r.out);
    assertTrue(r.out.contains("start-up dominated, not a throughput figure"), r.out);
    // A local master: the kernels warm up while Spark starts.
    assertTrue(r.out.matches("(?s).*\\nwarm-up: \\d+ images through the recipe's kernels.*"),
        r.out);
    assertTrue(r.out.matches("(?s).*\\n  0 +120 +8 .*\\n  1 +120 +8 .*"), r.out);
    CliRunner.Result v = CliRunner.run(tmp, "verify", "demo/out");
    assertEquals(0, v.exit, v.toString());
    assertEquals(2, v.out.lines().filter(l -> l.startsWith("OK ")).count(), v.out);
  }

  @Test
  void runThenRerunIsNothingToDo() throws Exception {
    String[] args = {"run", "--images", good[0].toString(), "--labels", good[1].toString(),
        "--output", "rerun", "--epochs", "1", "--shards", "4", "--format", "npy", "--seed", "3"};
    CliRunner.Result first = CliRunner.run(tmp, args);
    assertEquals(0, first.exit, first.toString());
    assertTrue(first.out.contains("done: 1 epoch(s) published"), first.out);
    CliRunner.Result again = CliRunner.run(tmp, args);
    assertEquals(0, again.exit, again.toString());
    assertTrue(again.out.contains("nothing to do"), again.out);
  }

  private static Path writeNpy(Path p, NpyDtype t, long[] shape, byte[] data) throws IOException {
    byte[] h = NpyHeader.of(t, shape).encode();
    byte[] all = Arrays.copyOf(h, h.length + data.length);
    System.arraycopy(data, 0, all, h.length, data.length);
    return Files.write(p, all);
  }

  /** Runs a job that must fail with exit 2, one line naming {@code expect}, nothing published. */
  private static void assertBadInput(String name, Path images, Path labels, String... expect)
      throws Exception {
    Path out = tmp.resolve("out-" + name);
    CliRunner.Result r = CliRunner.run(tmp, "run", "--images", images.toString(), "--labels",
        labels.toString(), "--output", out.toString(), "--shards", "2");
    assertEquals(2, r.exit, r.toString());
    List<String> lines = r.errorLines();
    assertEquals(1, lines.size(), "exactly one error line: " + r);
    String line = lines.get(0);
    assertTrue(line.startsWith("preaug: error: "), line);
    for (String e : expect) {
      assertTrue(line.contains(e), "'" + e + "' in: " + line);
    }
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        List<String> left = s.map(p -> p.getFileName().toString()).toList();
        assertFalse(left.stream().anyMatch(n -> n.startsWith("epoch-") || n.startsWith(".epoch")),
            "nothing published or left in progress: " + left);
      }
    }
  }

  @Test
  void badMagicIsOneLine() throws Exception {
    Path bad = Files.write(tmp.resolve("badmagic.npy"), "not numpy at all".getBytes());
    assertBadInput("magic", bad, good[1], "badmagic.npy", "byte 0", "not an NPY file");
  }

  @Test
  void truncatedDataIsOneLine() throws Exception {
    byte[] all = Files.readAllBytes(good[0]);
    Path cut = Files.write(tmp.resolve("truncated.npy"), Arrays.copyOf(all, all.length - 100));
    assertBadInput("trunc", cut, good[1], "truncated.npy", "truncated", "needs");
  }

  @Test
  void labelCountMismatchIsOneLine() throws Exception {
    Path labels = writeNpy(tmp.resolve("fewlabels.npy"), NpyDtype.INT32, new long[] {47},
        new byte[47 * 4]);
    assertBadInput("count", good[0], labels, "fewlabels.npy", "47 labels", "48 samples");
  }

  @Test
  void nanPixelFoundByATaskIsOneLine() throws Exception {
    byte[] data = new byte[5 * 8 * 8 * 2];
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(2 * (3 * 64 + 10), (short) 0x7E00); // NaN in sample 3, pixel 10
    Path images = writeNpy(tmp.resolve("nan.npy"), NpyDtype.FLOAT16, new long[] {5, 8, 8}, data);
    Path labels = writeNpy(tmp.resolve("five.npy"), NpyDtype.INT8, new long[] {5}, new byte[5]);
    assertBadInput("nan", images, labels, "nan.npy", "sample 3, pixel 10", "NaN",
        "outside [0, 1]");
  }

  @Test
  void negativeLabelFoundByATaskIsOneLine() throws Exception {
    Path images = writeNpy(tmp.resolve("u8.npy"), NpyDtype.UINT8, new long[] {4, 8, 8},
        new byte[4 * 64]);
    Path labels = writeNpy(tmp.resolve("neg.npy"), NpyDtype.INT16, new long[] {4},
        new byte[] {1, 0, 2, 0, (byte) 0xFD, (byte) 0xFF, 0, 0});
    assertBadInput("neg", images, labels, "neg.npy", "label 2", "-3");
  }

  @Test
  void badConfigValuesAreOneLine() throws Exception {
    CliRunner.Result r = CliRunner.run(tmp, "run", "--images", good[0].toString(), "--labels",
        good[1].toString(), "--output", "cfg", "--shards", "0");
    assertEquals(2, r.exit, r.toString());
    assertTrue(r.err.contains("preaug: error: --shards: output.shards = '0': must be an integer"),
        r.err);
    Path conf = Files.writeString(tmp.resolve("bad.conf"), "output.shard = 4\n");
    r = CliRunner.run(tmp, "run", "--config", conf.toString(), "--images", good[0].toString(),
        "--labels", good[1].toString(), "--output", "cfg");
    assertEquals(2, r.exit, r.toString());
    assertTrue(r.err.contains("bad.conf line 1: unknown key 'output.shard' (did you mean"
        + " 'output.shards'?)"), r.err);
  }

  @Test
  void aRecipeWrittenForLargerImagesFailsBeforeSparkAndTheDefaultScalesDown() throws Exception {
    int n = 6;
    byte[] px = new byte[n * 32 * 32];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) ((i * 37) ^ (i >> 5)); // structure, so resizes and filters change pixels
    }
    Path images = writeNpy(tmp.resolve("gray32.npy"), NpyDtype.UINT8, new long[] {n, 32, 32},
        px);
    Path labels = writeNpy(tmp.resolve("gray32-labels.npy"), NpyDtype.INT8, new long[] {n},
        new byte[] {0, 1, 2, 0, 1, 2});
    // The seed's absolute scale step, written for 64x64, cannot place its sizes on 32x32.
    Path refused = tmp.resolve("out-gray32-absolute");
    CliRunner.Result r = CliRunner.run(tmp, "run", "--images", images.toString(), "--labels",
        labels.toString(), "--output", refused.toString(), "--shards", "2", "--set",
        "recipe.geometry.scale=resize_paste(w=randrange(25, 63), h=randrange(25, 63), ox=fit,"
            + " oy=fit)");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: --set recipe.geometry.scale: recipe.geometry.scale:"
        + " resize_paste w=randrange(25,63) needs images at least 63 wide for ox=fit, the input"
        + " is 32x32 (WxH)"), r.errorLines(), r.toString());
    assertFalse(Files.exists(refused), "refused before the output was even created");
    r = CliRunner.run(tmp, "preview", "--images", images.toString(), "--labels",
        labels.toString(), "--out", "gray32-absolute.png", "--set",
        "recipe.geometry.scale=resize_paste(w=randrange(25, 63), h=randrange(25, 63))");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: --set recipe.geometry.scale: recipe.geometry.scale:"
        + " resize_paste w=randrange(25,63) needs images at least 63 wide for ox=fit, the input"
        + " is 32x32 (WxH)"), r.errorLines(), "preview refuses it the same way: " + r);
    assertFalse(Files.exists(tmp.resolve("gray32-absolute.png")));

    // The default recipe gives its sizes relative to the image: on 32x32 it draws 12..30.
    Path out = tmp.resolve("out-gray32-default");
    r = CliRunner.run(tmp, "run", "--images", images.toString(), "--labels", labels.toString(),
        "--output", out.toString(), "--shards", "2", "--format", "npy", "--seed", "4", "--set",
        "copies.augmented=8");
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("done: 1 epoch(s) published"), r.out);
    List<String> scales = new java.util.ArrayList<>();
    try (Stream<Path> s = Files.list(out.resolve("epoch-00000"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().contains(".ops-")).toList()) {
        for (String line : Files.readAllLines(p)) {
          java.util.regex.Matcher m = java.util.regex.Pattern
              .compile("resize_paste\\((\\d+),(\\d+),(\\d+),(\\d+)\\)").matcher(line);
          while (m.find()) {
            scales.add(m.group());
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            assertTrue(w >= 12 && w < 31 && h >= 12 && h < 31, line);
            assertTrue(Integer.parseInt(m.group(3)) < 32 - w
                && Integer.parseInt(m.group(4)) < 32 - h, "pasted inside the canvas: " + line);
          }
        }
      }
    }
    assertTrue(scales.size() >= 3, "6 x 8 records draw the scale step about 12 times: " + scales);
    CliRunner.Result v = CliRunner.run(tmp, "verify", out.toString());
    assertEquals(0, v.exit, v.toString());
  }

  @Test
  void verifyOfSomethingElseFails() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    CliRunner.Result r = CliRunner.run(tmp, "verify", "empty");
    assertEquals(2, r.exit, r.toString());
    assertTrue(r.err.contains("holds no epoch-NNNNN directories"), r.err);
  }
}
