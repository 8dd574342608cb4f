package dev.preaug.cli;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.spark.EpochResult;
import dev.preaug.spark.PreaugRun;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preaug run}: write epochs of pre-augmented shards. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Write pre-augmented, shuffled, sharded epochs of a dataset.")
final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = "--images", paramLabel = "X.npy", description = "NPY images (uint8, or float16 in [0,1]).")
  String images;

  @Option(names = "--labels", paramLabel = "Y.npy", description = "NPY labels (int8/16/32/64).")
  String labels;

  @Option(names = "--input", paramLabel = "KIND:PATH", description = "etl:DIR or folder:DIR input.")
  String input;

  @Option(names = "--groups", paramLabel = "G[,G...]",
      description = "ETL character groups: kanji, hiragana, katakana, digits, latin, symbols, all.")
  String groups;

  @Option(names = "--size", paramLabel = "WxH", description = "ETL/folder image size (64x64).")
  String size;

  @Option(names = "--output", paramLabel = "DIR", description = "Output directory (Hadoop URI).")
  String output;

  @Option(names = "--epochs", paramLabel = "N|next:K", description = "Epochs to write.")
  String epochs;

  @Option(names = "--first-epoch", paramLabel = "K", description = "Number of the first epoch.")
  String firstEpoch;

  @Option(names = "--shards", paramLabel = "S", description = "Shards per epoch.")
  String shards;

  @Option(names = "--format", paramLabel = "tfrecord|npy|both", description = "Shard format(s).")
  String format;

  @Option(names = "--seed", paramLabel = "SEED", description = "Run seed.")
  String seed;

  @Option(names = "--copies-original", paramLabel = "A", description = "Unaugmented copies per sample.")
  String copiesOriginal;

  @Option(names = "--copies-augmented", paramLabel = "B", description = "Augmented copies per sample.")
  String copiesAugmented;

  @Option(names = "--name", paramLabel = "NAME", description = "Dataset name in shard file names.")
  String name;

  @Option(names = "--partitions", paramLabel = "P", description = "Read tasks per epoch (0 = auto).")
  String partitions;

  @Option(names = "--exchange", paramLabel = "auto|shuffle|direct",
      description = "How records reach their shards (same bytes either way).")
  String exchange;

  @Option(names = "--keep", paramLabel = "K",
      description = "Keep at most K published epochs (oldest removed first; 0 = all).")
  String keep;

  @Option(names = "--ahead", paramLabel = "K",
      description = "Rolling mode: stay at most K unconsumed epochs ahead of the trainer.")
  String ahead;

  @Option(names = "--progress", paramLabel = "auto|tty|log|none", defaultValue = "auto",
      description = "Progress display: redrawn line in a terminal, periodic lines in a log"
          + " (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(names = "--summary-json", paramLabel = "FILE",
      description = "Append one JSON line per epoch (records, bytes, seconds, images/s) to FILE.")
  java.nio.file.Path summaryJson;

  @Option(names = "--overwrite",
      description = "Replace published epochs written with another config or input (only"
          + " directories carrying a preaug manifest).")
  boolean overwrite;

  Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> f = new EnumMap<>(ConfigKey.class);
    f.put(ConfigKey.INPUT_IMAGES, images);
    f.put(ConfigKey.INPUT_LABELS, labels);
    f.put(ConfigKey.INPUT, input);
    f.put(ConfigKey.INPUT_GROUPS, groups);
    f.put(ConfigKey.INPUT_SIZE, size);
    f.put(ConfigKey.OUTPUT_DIR, output);
    f.put(ConfigKey.EPOCHS, epochs);
    f.put(ConfigKey.FIRST_EPOCH, firstEpoch);
    f.put(ConfigKey.OUTPUT_SHARDS, shards);
    f.put(ConfigKey.OUTPUT_FORMAT, format);
    f.put(ConfigKey.SEED, seed);
    f.put(ConfigKey.COPIES_ORIGINAL, copiesOriginal);
    f.put(ConfigKey.COPIES_AUGMENTED, copiesAugmented);
    f.put(ConfigKey.OUTPUT_NAME, name);
    f.put(ConfigKey.INPUT_PARTITIONS, partitions);
    f.put(ConfigKey.EXCHANGE, exchange);
    f.put(ConfigKey.KEEP, keep);
    f.put(ConfigKey.AHEAD, ahead);
    return f;
  }

  static dev.preaug.spark.Progress.Mode progressMode(String value) {
    try {
      return dev.preaug.spark.Progress.Mode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new dev.preaug.core.BadInputException("--progress", "", "'" + value
          + "' must be auto, tty, log or none");
    }
  }

  @Override
  public Integer call() throws Exception {
    PreaugConfig c = config.resolve(flags());
    if (config.printConfig) {
      System.out.print(ConfigOptions.describe(c));
      return 0;
    }
    SparkConf sconf = SparkSupport.conf("preaug");
    try (PreaugRun run = new PreaugRun(c, overwrite, SparkSupport.hadoop(sconf), System.out)
        .progress(progressMode(progress)).summaryJson(summaryJson)
        .warmUp(SparkSupport.warmUp(sconf))) {
      if (run.prepare().isEmpty()) {
        System.out.println("nothing to do: every requested epoch is already published");
        return 0;
      }
      try (JavaSparkContext sc = SparkSupport.start(sconf)) {
        List<EpochResult> results = run.execute(sc);
        long written = results.stream().filter(r -> !r.skipped).count();
        // A full input fingerprint is known only after Spark hashed the input.
        System.out.println(written == 0 ? "nothing to do: every requested epoch is already"
            + " published" : "done: " + written + " epoch(s) published under " + c.outputDir());
      }
    }
    return 0;
  }
}
