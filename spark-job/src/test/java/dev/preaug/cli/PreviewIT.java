package dev.preaug.cli;

import dev.preaug.spark.Python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.preview.ContactSheet;
import dev.preaug.spark.TestData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./submit.sh preview} end to end: the sheet decodes (ImageIO here, PIL in Python) at the
 * documented size, and a preview of an input shows exactly the records {@code run} writes.
 */
class PreviewIT {
  @TempDir
  static Path tmp;
  static Path[] glyphs;

  @BeforeAll
  static void data() throws Exception {
    glyphs = TestData.glyphs(tmp.resolve("in"), 12, 4); // 48 samples of 64x64 float16
  }

  private static String[] input(String... more) {
    List<String> a = new ArrayList<>(List.of("preview", "--images", glyphs[0].toString(),
        "--labels", glyphs[1].toString()));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  /** Mode and size of a PNG as PIL reads it. */
  private static String pil(Path png) throws Exception {
    return Python.runCode("import sys; from PIL import Image; im = Image.open(sys.argv[1]);"
        + " im.load(); print(im.mode, im.size[0], im.size[1])", png.toString()).strip();
  }

  @Test
  void theDefaultSheetHasTheDocumentedSize() throws Exception {
    CliRunner.Result r = CliRunner.run(tmp, input("--seed", "7", "--out", "sheet.png"));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.startsWith("wrote sheet.png (960x1436 pixels): seed 7, epoch 0; 8 samples"
        + " x (original + 6 variants)"), r.out);
    assertEquals(1 + 8 * 6, r.out.lines().count(), "one listing line per variant: " + r.out);
    assertTrue(r.out.lines().skip(1).allMatch(l -> l.matches(
        "sample \\d+  class \\d+  copy [1-6]  \\S+")), r.out);
    assertEquals("L 960 1436", pil(tmp.resolve("sheet.png")));
    BufferedImage img = ImageIO.read(tmp.resolve("sheet.png").toFile());
    assertEquals(960, img.getWidth());
    assertEquals(1436, img.getHeight());
  }

  @Test
  void rowsVariantsAndScaleSetTheSize() throws Exception {
    CliRunner.Result r = CliRunner.run(tmp, input("--rows", "3", "--variants", "2", "--scale",
        "1", "--out", "small.png"));
    assertEquals(0, r.exit, r.toString());
    // Scale 1: cells are 20 label characters (120 px) wide; 64 + 4 + 30 high.
    assertEquals("L " + (16 + 3 * 120 + 2 * 8) + " " + (16 + 26 + 3 * 98 + 2 * 14),
        pil(tmp.resolve("small.png")));
    r = CliRunner.run(tmp, input("--samples", "4,0", "--variants", "0", "--scale", "4",
        "--out", "big.png"));
    assertEquals(0, r.exit, r.toString());
    // Scale 4: text doubles (u = 2); one column of 256 px; cells 256 + 8 + 60 high.
    assertEquals("L " + (32 + 256) + " " + (32 + 52 + 2 * 324 + 28), pil(tmp.resolve("big.png")));
  }

  @Test
  void theRecipeAndSeedComeFromTheConfigLayers() throws Exception {
    // A file replaces the recipe; --set then narrows the file's rotate range.
    Path conf = java.nio.file.Files.writeString(tmp.resolve("preview.conf"),
        "seed = 3\nrecipe.steps = turn\nrecipe.turn.choices = rotate\n"
            + "recipe.turn.rotate = rotate(angle=uniform(40, 50))\n");
    CliRunner.Result r = CliRunner.run(tmp, input("--config", conf.toString(), "--set",
        "recipe.turn.rotate=rotate(angle=uniform(40, 45))", "--rows", "2", "--variants", "4",
        "--out", "config.png"));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.startsWith("wrote config.png (688x380 pixels): seed 3, epoch 0; 2 samples x"
        + " (original + 4 variants)"), r.out);
    List<String> specs = r.out.lines().skip(1).map(l -> l.split("  ")[3]).toList();
    assertEquals(8, specs.size(), r.out);
    for (String spec : specs) {
      assertTrue(spec.matches("rotate\\(4[0-4](\\.\\d+)?\\)"), "only rotate, 40..45: " + spec);
    }
    r = CliRunner.run(tmp, input("--config", conf.toString(), "--print-config"));
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("recipe.turn.rotate = rotate(angle=uniform(40,50))    # " + conf
        + " line 4"), r.out);
  }

  @Test
  void anEpochPreviewShowsWhatRunWroteAndTheInputPreviewPredictsIt() throws Exception {
    String[] common = {"--images", glyphs[0].toString(), "--labels", glyphs[1].toString(),
        "--epochs", "1", "--shards", "3", "--seed", "11", "--copies-augmented", "3"};
    for (String format : List.of("npy", "tfrecord")) {
      List<String> args = new ArrayList<>(List.of("run", "--output", "epochs-" + format,
          "--format", format));
      args.addAll(List.of(common));
      CliRunner.Result run = CliRunner.run(tmp, args.toArray(new String[0]));
      assertEquals(0, run.exit, run.toString());
    }
    String samples = "5,17,30,47";
    CliRunner.Result fromInput = CliRunner.run(tmp, input("--seed", "11", "--samples", samples,
        "--variants", "3", "--out", "from-input.png"));
    assertEquals(0, fromInput.exit, fromInput.toString());
    for (String format : List.of("npy", "tfrecord")) {
      CliRunner.Result fromEpoch = CliRunner.run(tmp, "preview", "--epoch", "epochs-" + format,
          "--samples", samples, "--out", "from-" + format + ".png");
      assertEquals(0, fromEpoch.exit, fromEpoch.toString());
      assertTrue(fromEpoch.out.contains("3 of 3 augmented copies); read from " + format
          + " shards"), fromEpoch.out);
      // The same ops for each sample; an epoch holds a sample's copies in shuffled order.
      assertEquals(specs(fromInput.out, true), specs(fromEpoch.out, false), format);
      assertSameCells(tmp.resolve("from-input.png"), tmp.resolve("from-" + format + ".png"));
      assertEquals("L " + (16 + 4 * 128 + 3 * 8) + " " + (16 + 26 + 4 * 162 + 3 * 14),
          pil(tmp.resolve("from-" + format + ".png")));
    }
  }

  /** "sample i  class c  [copy k  ]spec" lines as sorted "i spec" strings. */
  private static TreeSet<String> specs(String out, boolean withCopy) {
    TreeSet<String> s = new TreeSet<>();
    out.lines().skip(1).forEach(l -> {
      String[] f = l.split("  ");
      s.add(f[0] + " " + f[withCopy ? 3 : 2]);
    });
    assertEquals(12, s.size(), out);
    return s;
  }

  /**
   * Row by row: the original cells are identical, and the variant cells hold the same images
   * in some order (the epoch's order of a sample's copies is its shuffle).
   */
  private static void assertSameCells(Path a, Path b) throws Exception {
    Raster ra = ImageIO.read(a.toFile()).getRaster();
    Raster rb = ImageIO.read(b.toFile()).getRaster();
    ContactSheet layout = new ContactSheet(4, 64, 64, 2);
    for (int row = 0; row < 4; row++) {
      assertEquals(cell(ra, layout, row, 0), cell(rb, layout, row, 0), "original of row " + row);
      TreeSet<String> va = new TreeSet<>();
      TreeSet<String> vb = new TreeSet<>();
      for (int col = 1; col < 4; col++) {
        va.add(cell(ra, layout, row, col));
        vb.add(cell(rb, layout, row, col));
      }
      assertEquals(va, vb, "variants of row " + row);
    }
  }

  private static String cell(Raster r, ContactSheet s, int row, int col) {
    int[] px = r.getSamples(s.imageX(col), s.cellY(row), 128, 128, 0, (int[]) null);
    assertTrue(Arrays.stream(px).distinct().count() > 2, "an image, not blank paper");
    return Arrays.toString(px);
  }

  @Test
  void badRequestsAreOneLine() throws Exception {
    String[][] cases = {
        {"--rows", "0"}, {"--rows: must be an integer in [1, 1000], got 0"},
        {"--scale", "17"}, {"--scale: must be an integer in [1, 16], got 17"},
        {"--samples", "3,48"}, {"--samples 3,48: sample 48 is outside [0, 48)"},
        {"--epoch", "somewhere"}, {"--epoch: shows a published epoch; --images and --labels are"
            + " for previewing a recipe on an input: give one or the other"},
    };
    for (int i = 0; i < cases.length; i += 2) {
      CliRunner.Result r = CliRunner.run(tmp, input(cases[i]));
      assertEquals(2, r.exit, r.toString());
      assertEquals(List.of("preaug: error: " + cases[i + 1][0]), r.errorLines());
    }
    CliRunner.Result r = CliRunner.run(tmp, "preview");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: preview: no input: give --images X.npy --labels Y.npy"
        + " (or input.images and input.labels in --config), or --epoch DIR"), r.errorLines());
    r = CliRunner.run(tmp, "preview", "--epoch", "somewhere", "--seed", "3");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: --epoch: shows the records an epoch holds, drawn with"
        + " its own seed and recipe; --seed, --config and --set apply to previews of an input"),
        r.errorLines());
    r = CliRunner.run(tmp, "preview", "--epoch", tmp.resolve("in").toString());
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: " + tmp.resolve("in") + ": is neither a published"
        + " epoch (no manifest.json) nor an output directory with published epoch-NNNNN"
        + " directories"), r.errorLines());
  }
}
