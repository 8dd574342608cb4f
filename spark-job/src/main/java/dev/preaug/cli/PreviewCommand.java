package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.Image;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.core.preview.ContactSheet;
import dev.preaug.core.preview.ContactSheet.Cell;
import dev.preaug.core.preview.RecipeVariants;
import dev.preaug.core.preview.SamplePicks;
import dev.preaug.spark.input.DatasetSource;
import dev.preaug.spark.input.InputSplit;
import dev.preaug.spark.input.Inputs;
import dev.preaug.spark.input.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code preaug preview}: a PNG contact sheet to tune a recipe by looking at it. Each row is one
 * sample: its original, then augmented variants labelled with their op specs. From an input and
 * the config's recipe the variants are exactly the records {@code run} writes for those samples
 * with the same seed and epoch; from a published epoch they are the records it holds.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
    description = {"Write a PNG contact sheet: rows of an original next to augmented variants,"
        + " labelled with class and op spec.",
        "Either an input (--images/--labels, or the config's input) with the config's recipe,"
            + " or a published epoch (--epoch DIR)."})
final class PreviewCommand implements Callable<Integer> {
  static final int MAX_ROWS = 1000;
  static final int MAX_VARIANTS = 100;
  static final int MAX_SCALE = 16;

  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = "--images", paramLabel = "X.npy", description = "NPY images [N,H,W],"
      + " [N,H,W,1] or [N,H,W,3] (uint8, or float16 in [0,1]).")
  String images;

  @Option(names = "--labels", paramLabel = "Y.npy", description = "NPY labels.")
  String labels;

  @Option(names = "--epoch", paramLabel = "DIR",
      description = "A published epoch-NNNNN directory, or an output directory (its newest"
          + " published epoch, or the one --epoch-number names).")
  String epochDir;

  @Option(names = "--seed", paramLabel = "SEED", description = "Run seed (as for run).")
  String seed;

  @Option(names = "--epoch-number", paramLabel = "E",
      description = "Epoch whose random draws to show (default: the config's first_epoch); with"
          + " --epoch, which epoch of an output directory.")
  Long epochNumber;

  @Option(names = "--rows", defaultValue = "8", paramLabel = "R",
      description = "Samples shown, one per row (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--variants", defaultValue = "6", paramLabel = "V",
      description = "Augmented variants per row (default: ${DEFAULT-VALUE}; with --epoch at most"
          + " the epoch's augmented copies).")
  int variants;

  @Option(names = "--scale", defaultValue = "2", paramLabel = "S",
      description = "Integer pixel zoom (default: ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--samples", paramLabel = "I,J,K",
      description = "Sample indices to show, in this order (instead of random picks).")
  String samples;

  @Option(names = "--pick-seed", defaultValue = "0", paramLabel = "P",
      description = "Seed of the random choice of samples (default: ${DEFAULT-VALUE}).")
  long pickSeed;

  @Option(names = "--out", defaultValue = "preview.png", paramLabel = "FILE.png",
      description = "Where to write the sheet (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    range("--rows", rows, 1, MAX_ROWS);
    range("--variants", variants, 0, MAX_VARIANTS);
    range("--scale", scale, 1, MAX_SCALE);
    Sheet sheet;
    if (epochDir != null) {
      if (images != null || labels != null) {
        throw new BadInputException("--epoch", "", "shows a published epoch; --images and"
            + " --labels are for previewing a recipe on an input: give one or the other");
      }
      // An epoch's records are fixed: a seed or recipe given here would silently do nothing.
      if (seed != null || config.configFile != null || !config.sets.isEmpty()) {
        throw new BadInputException("--epoch", "", "shows the records an epoch holds, drawn with"
            + " its own seed and recipe; --seed, --config and --set apply to previews of an"
            + " input");
      }
      sheet = fromEpoch();
    } else {
      PreaugConfig c = config.resolve(flags());
      if (config.printConfig) {
        System.out.print(ConfigOptions.describe(c));
        return 0;
      }
      sheet = fromInput(c);
    }
    byte[] png = sheet.layout.render(sheet.header, sheet.rows).png();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(out, png);
    System.out.println("wrote " + out + " (" + sheet.layout.width() + "x"
        + sheet.layout.height(sheet.rows.size()) + " pixels): " + String.join("; ",
            sheet.header.subList(1, sheet.header.size())));
    sheet.listing.forEach(System.out::println);
    return 0;
  }

  private Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> f = new EnumMap<>(ConfigKey.class);
    f.put(ConfigKey.INPUT_IMAGES, images);
    f.put(ConfigKey.INPUT_LABELS, labels);
    f.put(ConfigKey.SEED, seed);
    return f;
  }

  private static void range(String option, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new BadInputException(option, "", "must be an integer in [" + lo + ", " + hi
          + "], got " + v);
    }
  }

  /** What to draw, and the exact text of every label for stdout. */
  private static final class Sheet {
    final ContactSheet layout;
    final List<String> header;
    final List<List<Cell>> rows = new ArrayList<>();
    final List<String> listing = new ArrayList<>();

    Sheet(ContactSheet layout, List<String> header) {
      this.layout = layout;
      this.header = header;
    }
  }

  private ContactSheet layout(int columns, int width, int height, int rowCount) {
    try {
      ContactSheet s = new ContactSheet(columns, width, height, scale);
      s.checkSize(rowCount);
      return s;
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--rows/--variants/--scale", "", e.getMessage()
          + "; show fewer rows or variants, or a smaller scale");
    }
  }

  private long[] picks(long total) {
    if (samples == null) {
      return SamplePicks.random(total, rows, pickSeed);
    }
    try {
      long[] p = SamplePicks.parse(samples, total);
      range("--samples (count)", p.length, 1, MAX_ROWS);
      return p;
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--samples " + samples, "", e.getMessage());
    }
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private String images(int width, int height, int channels) {
    return width + "x" + height + " " + (channels == 1 ? "gray" : "RGB") + " images at scale "
        + scale;
  }

  private static String className(int label, List<String> names) {
    return "class " + label + (label < names.size() ? " " + names.get(label) : "");
  }

  private Sheet fromInput(PreaugConfig c) throws IOException {
    if (c.input().isEmpty() && (c.inputImages().isEmpty() || c.inputLabels().isEmpty())) {
      throw new BadInputException("preview", "", "no input: give --images X.npy --labels Y.npy"
          + " (or input.images and input.labels in --config), or --epoch DIR");
    }
    if (!c.input().isEmpty()) {
      // ETL and folder inputs are numbered by a Spark scan; their published epochs preview fine.
      throw new BadInputException("preview", "", "input = " + c.input() + ": preview reads NPY"
          + " inputs directly; for etl: and folder: inputs run the job and preview an epoch"
          + " with --epoch DIR");
    }
    Configuration conf = SparkSupport.hadoop();
    DatasetSource src = Inputs.open(c, conf, System.err);
    c.requireRecipeFits(src.width(), src.height(), src.channels());
    long epoch = epochNumber != null ? epochNumber : c.firstEpoch();
    long[] picks = picks(src.samples());
    ContactSheet layout = layout(1 + variants, src.width(), src.height(), picks.length);
    List<String> names = src.classNames();
    Sheet sheet = new Sheet(layout, List.of("preaug preview", "seed " + c.seed() + ", epoch "
        + epoch, count(picks.length, "sample") + " x (original + " + count(variants, "variant")
            + ")",
        "variant k = augmented copy k as run draws it", "run writes copies.augmented = "
            + c.copiesAugmented() + " per sample",
        images(src.width(), src.height(), src.channels())));
    RecordPlan plan = new RecordPlan(c.recipe(), c.seed(), epoch, src.samples(),
        c.copiesOriginal(), c.copiesAugmented(), src.width(), src.height());
    for (long i : picks) {
      Sample s = readSample(src, i, conf);
      Image img = Image.wrap(src.width(), src.height(), src.channels(), s.pixels());
      List<Cell> row = new ArrayList<>();
      row.add(Cell.caption(img, "sample " + i, className(s.label(), names), "original"));
      for (RecipeVariants.Variant v : RecipeVariants.draw(plan, i, img, variants)) {
        row.add(Cell.spec(v.image(), v.ops().spec()));
        sheet.listing.add("sample " + i + "  " + className(s.label(), names) + "  copy "
            + v.copy() + "  " + v.ops().spec());
      }
      sheet.rows.add(row);
    }
    return sheet;
  }

  private static Sample readSample(DatasetSource src, long i, Configuration conf)
      throws IOException {
    Iterator<Sample> it = src.read(new InputSplit(i, i + 1), conf);
    Sample s = it.next();
    it.hasNext(); // lets the source close its stream
    return s;
  }

  private Sheet fromEpoch() throws IOException {
    EpochSamples ep = EpochSamples.open(epochDir, epochNumber, SparkSupport.hadoop());
    EpochManifest m = ep.manifest();
    long[] picks = picks(m.samples);
    int shown = Math.min(variants, m.copiesAugmented);
    ContactSheet layout = layout(1 + shown, m.width, m.height, picks.length);
    Sheet sheet = new Sheet(layout, List.of("preaug preview of " + ep.name(),
        "seed " + m.seed, count(picks.length, "sample") + " x (original + " + shown + " of "
            + m.copiesAugmented + " augmented " + (m.copiesAugmented == 1 ? "copy" : "copies")
            + ")", "read from " + ep.source() + " shards",
        images(m.width, m.height, m.channels), ep.dir()));
    Map<Long, List<OutputRecord>> found = ep.records(picks);
    for (long i : picks) {
      List<OutputRecord> recs = found.get(i);
      if (recs.isEmpty()) {
        throw new BadInputException(ep.dir(), "sample " + i, "no record of this"
            + " sample in the epoch (the manifest promises " + (m.copiesOriginal
                + m.copiesAugmented) + ")");
      }
      OutputRecord original = recs.stream().filter(r -> !r.augmented()).findFirst().orElse(null);
      String cls = className(recs.get(0).label(), ep.classNames());
      List<Cell> row = new ArrayList<>();
      row.add(Cell.caption(original == null ? null : image(original), "sample " + i, cls,
          original == null ? "no original copy" : "original"));
      for (OutputRecord r : recs) {
        if (r.augmented() && row.size() <= shown) {
          row.add(Cell.spec(image(r), r.ops()));
          sheet.listing.add("sample " + i + "  " + cls + "  " + r.ops());
        }
      }
      sheet.rows.add(row);
    }
    return sheet;
  }

  private static Image image(OutputRecord r) {
    return Image.wrap(r.width(), r.height(), r.channels(), r.pixels());
  }
}
