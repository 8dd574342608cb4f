package dev.preaug.cli;

import dev.preaug.spark.Python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.preview.ContactSheet;
import dev.preaug.spark.TestData;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
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
 * documented size, and a preview of an input shows exactly the records {@code run} writes, gray
 * or colour, square or not.
 */
class PreviewIT {
  @TempDir
  static Path tmp;
  static Path[] glyphs;

  /** The seed's resize sizes brought down to fit 24-pixel sides (as ColourSparkTest does). */
  static final String SMALL_RESIZE = "recipe.geometry.scale=resize_paste(w=randrange(12, 23),"
      + " h=randrange(12, 23), ox=fit, oy=fit)";
  static final int COLOUR_SEED = 5;
  static final int COLOUR_CLASSES = 10;

  /** A DemoColour set of 20 uint8 [20,h,w,3] images; sample k is DemoColour's (k % 10, k / 10). */
  private static Path[] colour(int w, int h) throws Exception {
    Path dir = tmp.resolve("rgb-" + w + "x" + h);
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      DemoColour.write(dir.resolve("x.npy"), dir.resolve("y.npy"), 20, COLOUR_CLASSES, w, h,
          COLOUR_SEED);
    }
    return new Path[] {dir.resolve("x.npy"), dir.resolve("y.npy")};
  }

  private static Image colourSample(long k, int w, int h) {
    return Image.wrap(w, h, 3, DemoColour.image(COLOUR_SEED, (int) (k % COLOUR_CLASSES),
        (int) (k / COLOUR_CLASSES), w, h));
  }

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
    return specs(out, withCopy, 12);
  }

  private static TreeSet<String> specs(String out, boolean withCopy, int count) {
    TreeSet<String> s = new TreeSet<>();
    out.lines().skip(1).forEach(l -> {
      String[] f = l.split("  ");
      s.add(f[0] + " " + f[withCopy ? 3 : 2]);
    });
    assertEquals(count, s.size(), out);
    return s;
  }

  private static void assertSameCells(Path a, Path b) throws Exception {
    assertSameCells(a, b, new ContactSheet(4, 64, 64, 2), 4, 64, 64);
  }

  /**
   * Row by row: the original cells are identical, and the variant cells hold the same images
   * in some order (the epoch's order of a sample's copies is its shuffle). Every band compared.
   */
  private static void assertSameCells(Path a, Path b, ContactSheet layout, int rows, int w,
      int h) throws Exception {
    Raster ra = ImageIO.read(a.toFile()).getRaster();
    Raster rb = ImageIO.read(b.toFile()).getRaster();
    for (int row = 0; row < rows; row++) {
      assertEquals(cell(ra, layout, row, 0, w, h), cell(rb, layout, row, 0, w, h),
          "original of row " + row);
      TreeSet<String> va = new TreeSet<>();
      TreeSet<String> vb = new TreeSet<>();
      for (int col = 1; col < layout.columns(); col++) {
        va.add(cell(ra, layout, row, col, w, h));
        vb.add(cell(rb, layout, row, col, w, h));
      }
      assertEquals(va, vb, "variants of row " + row);
    }
  }

  @Test
  void aTorchvisionPolicyPreviewsItsVariantsAsTheRecordsRunWrites() throws Exception {
    Path[] in = colour(32, 32);
    CliRunner.Result r = CliRunner.run(tmp, "preview", "--images", in[0].toString(),
        "--labels", in[1].toString(), "--set",
        "recipe.pipeline=T.RandomCrop(32, padding=4) | AutoAugment(AutoAugmentPolicy.CIFAR10)",
        "--seed", "3", "--samples", "4", "--variants", "6", "--out", "policy.png");
    assertEquals(0, r.exit, r.toString());
    ContactSheet layout = new ContactSheet(7, 32, 32, 2);
    BufferedImage sheet = ImageIO.read(tmp.resolve("policy.png").toFile());
    List<String[]> listing = r.out.lines().skip(1).map(l -> l.split("  ")).toList();
    assertEquals(6, listing.size(), r.out);
    Image original = colourSample(4, 32, 32);
    java.util.Set<String> chains = new java.util.HashSet<>();
    for (int k = 0; k < 6; k++) {
      String[] line = listing.get(k);
      assertEquals("copy " + (1 + k), line[2], r.out);
      assertTrue(line[3].startsWith("pad_crop(4,4,4,4,constant,"), line[3]);
      chains.add(line[3]);
      assertCell(sheet, layout, 0, 1 + k, OpSpecs.parse(line[3]).apply(original),
          "policy variant " + (1 + k) + " " + line[3]);
    }
    assertEquals(6, chains.size(), r.out);
  }

  private static String cell(Raster r, ContactSheet s, int row, int col, int w, int h) {
    int[] px = r.getPixels(s.imageX(col), s.cellY(row), 2 * w, 2 * h, (int[]) null);
    assertTrue(Arrays.stream(px).distinct().count() > 2, "an image, not blank paper");
    return Arrays.toString(px);
  }

  @Test
  void colourInputsOfAnySizeShowEachVariantsRgbPixelsExactly() throws Exception {
    for (int[] size : new int[][] {{32, 32}, {40, 24}}) {
      int w = size[0];
      int h = size[1];
      Path[] in = colour(w, h);
      String png = "rgb-" + w + "x" + h + ".png";
      CliRunner.Result r = CliRunner.run(tmp, "preview", "--images", in[0].toString(),
          "--labels", in[1].toString(), "--set", SMALL_RESIZE, "--seed", "7", "--samples",
          "13,2", "--variants", "3", "--out", png);
      assertEquals(0, r.exit, r.toString());
      ContactSheet layout = new ContactSheet(4, w, h, 2);
      assertTrue(r.out.startsWith("wrote " + png + " (" + layout.width() + "x"
          + layout.height(2) + " pixels): seed 7, epoch 0; 2 samples x (original + 3"
          + " variants)"), r.out);
      assertTrue(r.out.contains("; " + w + "x" + h + " RGB images at scale 2"), r.out);
      assertEquals("RGB " + layout.width() + " " + layout.height(2), pil(tmp.resolve(png)));
      BufferedImage sheet = ImageIO.read(tmp.resolve(png).toFile());
      List<String[]> listing = r.out.lines().skip(1).map(l -> l.split("  ")).toList();
      assertEquals(6, listing.size(), r.out);
      long[] samples = {13, 2};
      for (int row = 0; row < 2; row++) {
        Image original = colourSample(samples[row], w, h);
        assertCell(sheet, layout, row, 0, original, png + " original " + samples[row]);
        for (int k = 0; k < 3; k++) {
          String[] line = listing.get(row * 3 + k);
          assertEquals("sample " + samples[row], line[0], r.out);
          assertEquals("copy " + (1 + k), line[2], r.out);
          // The op replayed from its printed spec on the input's pixels: the cell must show it.
          assertCell(sheet, layout, row, 1 + k, OpSpecs.parse(line[3]).apply(original),
              png + " sample " + samples[row] + " " + line[3]);
        }
      }
    }
  }

  /**
   * The image at (row, col) is {@code img} zoomed 2x, band for band, and in colour: red and
   * green differ on many pixels (a sheet that dropped to gray would have them equal).
   */
  private static void assertCell(BufferedImage sheet, ContactSheet layout, int row, int col,
      Image img, String what) {
    int x0 = layout.imageX(col);
    int y0 = layout.cellY(row);
    int coloured = 0;
    for (int y = 0; y < 2 * img.height(); y++) {
      for (int x = 0; x < 2 * img.width(); x++) {
        int rgb = sheet.getRGB(x0 + x, y0 + y);
        int red = rgb >> 16 & 0xFF;
        int green = rgb >> 8 & 0xFF;
        int blue = rgb & 0xFF;
        if (red != img.get(x / 2, y / 2, 0) || green != img.get(x / 2, y / 2, 1)
            || blue != img.get(x / 2, y / 2, 2)) {
          fail(what + ": sheet pixel (" + x + ", " + y + ") is " + red + "," + green + ","
              + blue + ", the image's (" + x / 2 + ", " + y / 2 + ") " + img.get(x / 2, y / 2, 0)
              + "," + img.get(x / 2, y / 2, 1) + "," + img.get(x / 2, y / 2, 2));
        }
        coloured += red != green ? 1 : 0;
      }
    }
    assertTrue(coloured > 4 * 50, what + ": only " + coloured + " zoomed pixels with R != G");
  }

  @Test
  void aColourNonSquareEpochPreviewShowsWhatRunWrote() throws Exception {
    Path[] in = colour(40, 24);
    for (String format : List.of("npy", "tfrecord")) {
      CliRunner.Result run = CliRunner.run(tmp, "run", "--output", "rgb-epochs-" + format,
          "--format", format, "--images", in[0].toString(), "--labels", in[1].toString(),
          "--set", SMALL_RESIZE, "--epochs", "1", "--shards", "2", "--seed", "11",
          "--copies-augmented", "2");
      assertEquals(0, run.exit, run.toString());
    }
    CliRunner.Result fromInput = CliRunner.run(tmp, "preview", "--images", in[0].toString(),
        "--labels", in[1].toString(), "--set", SMALL_RESIZE, "--seed", "11", "--samples",
        "4,17", "--variants", "2", "--out", "rgb-from-input.png");
    assertEquals(0, fromInput.exit, fromInput.toString());
    ContactSheet layout = new ContactSheet(3, 40, 24, 2);
    for (String format : List.of("npy", "tfrecord")) {
      String png = "rgb-from-" + format + ".png";
      CliRunner.Result fromEpoch = CliRunner.run(tmp, "preview", "--epoch",
          "rgb-epochs-" + format, "--samples", "4,17", "--out", png);
      assertEquals(0, fromEpoch.exit, fromEpoch.toString());
      assertTrue(fromEpoch.out.contains("2 of 2 augmented copies); read from " + format
          + " shards; 40x24 RGB images at scale 2"), fromEpoch.out);
      assertEquals(specs(fromInput.out, true, 4), specs(fromEpoch.out, false, 4), format);
      assertSameCells(tmp.resolve("rgb-from-input.png"), tmp.resolve(png), layout, 2, 40, 24);
      assertEquals("RGB " + layout.width() + " " + layout.height(2), pil(tmp.resolve(png)));
    }
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
