package dev.preaug.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver refuses a recipe that cannot serve the input's image size in {@link
 * PreaugRun#prepare}, before Spark starts and before the output directory exists, for every kind
 * of input: NPY (the header's size) and folders ({@code input.size}).
 */
class RecipeFitTest {
  static final String SEED_SCALE =
      "resize_paste(w=randrange(25, 63), h=randrange(25, 63), ox=fit, oy=fit)";

  @TempDir
  static Path tmp;
  static Path folder;
  static Path npy40x56;
  static Path labels;

  @BeforeAll
  static void inputs() throws Exception {
    folder = tmp.resolve("folder");
    for (String cls : List.of("a", "b")) {
      Files.createDirectories(folder.resolve(cls));
      for (int i = 0; i < 2; i++) {
        BufferedImage img = new BufferedImage(20, 24, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(i, 3, 0, 200);
        ImageIO.write(img, "png", folder.resolve(cls).resolve(i + ".png").toFile());
      }
    }
    int n = 3;
    byte[] h = NpyHeader.of(NpyDtype.UINT8, new long[] {n, 56, 40}).encode(); // 40 wide, 56 high
    npy40x56 = Files.write(tmp.resolve("gray40x56.npy"), Arrays.copyOf(h, h.length + n * 56 * 40));
    byte[] lh = NpyHeader.of(NpyDtype.INT8, new long[] {n}).encode();
    labels = Files.write(tmp.resolve("labels.npy"), Arrays.copyOf(lh, lh.length + n));
  }

  private static PreaugConfig config(Path out, Map<ConfigKey, String> input, String scale) {
    Map<ConfigKey, String> keys = new HashMap<>(input);
    keys.put(ConfigKey.OUTPUT_DIR, out.toString());
    keys.put(ConfigKey.OUTPUT_SHARDS, "1");
    return TestData.config(keys, scale == null ? Map.of()
        : Map.of("recipe.geometry.scale", scale));
  }

  /** Runs prepare alone (no Spark); returns its log. */
  private static String prepare(PreaugConfig c) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PreaugRun run = new PreaugRun(c, false, new Configuration(),
        new PrintStream(buf, true, StandardCharsets.UTF_8))) {
      run.prepare();
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static void assertRefused(PreaugConfig c, Path out, String message) {
    BadInputException e = assertThrows(BadInputException.class, () -> prepare(c));
    assertEquals(BadInputException.Kind.CONFIG, e.kind());
    assertEquals(message, e.getMessage());
    assertFalse(Files.exists(out), "the output is not even created");
  }

  @Test
  void aFolderAtInputSizeIsCheckedAgainstThatSize() throws Exception {
    Path out = tmp.resolve("out-folder-32");
    Map<ConfigKey, String> in = Map.of(ConfigKey.INPUT, "folder:" + folder,
        ConfigKey.INPUT_SIZE, "32x32");
    assertRefused(config(out, in, SEED_SCALE), out, "test: recipe.geometry.scale: resize_paste"
        + " w=randrange(25,63) needs images at least 63 wide for ox=fit, the input is 32x32"
        + " (WxH)");
    Path ok = tmp.resolve("out-folder-default");
    assertTrue(prepare(config(ok, in, null)).contains("folder"), "the relative default fits");
    Path seedSize = tmp.resolve("out-folder-64");
    prepare(config(seedSize, Map.of(ConfigKey.INPUT, "folder:" + folder,
        ConfigKey.INPUT_SIZE, "64x64"), SEED_SCALE));
  }

  @Test
  void aNonSquareNpyIsCheckedAlongEachAxis() throws Exception {
    Map<ConfigKey, String> in = Map.of(ConfigKey.INPUT_IMAGES, npy40x56.toString(),
        ConfigKey.INPUT_LABELS, labels.toString());
    Path out = tmp.resolve("out-npy-seed");
    assertRefused(config(out, in, SEED_SCALE), out, "test: recipe.geometry.scale: resize_paste"
        + " w=randrange(25,63) needs images at least 63 wide for ox=fit, the input is 40x56"
        + " (WxH)");
    Path tall = tmp.resolve("out-npy-tall");
    assertRefused(config(tall, in, "resize_paste(w=randrange(10, 39), h=randrange(10, 57))"),
        tall, "test: recipe.geometry.scale: resize_paste h=randrange(10,57) needs images at"
        + " least 57 high for oy=fit, the input is 40x56 (WxH)");
    prepare(config(tmp.resolve("out-npy-fits"), in,
        "resize_paste(w=randrange(10, 39), h=randrange(10, 55))"));
    prepare(config(tmp.resolve("out-npy-default"), in, null));
  }
}
