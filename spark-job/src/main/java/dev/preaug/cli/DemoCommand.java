package dev.preaug.cli;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.demo.DemoGlyphs;
import dev.preaug.spark.EpochResult;
import dev.preaug.spark.PreaugRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preaug demo}: a synthetic kanji-like dataset, two epochs, both formats. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create a small synthetic glyph dataset and write 2 epochs of it in both formats.")
final class DemoCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions config = new ConfigOptions();

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo-output",
      description = "Where the demo input and output go (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--classes", defaultValue = "300", description = "Classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--per-class", defaultValue = "10",
      description = "Samples per class (default: ${DEFAULT-VALUE}).")
  int perClass;

  private static JavaSparkContext start(PreaugRun run, SparkConf sconf) throws Exception {
    run.prepare();
    return SparkSupport.start(sconf);
  }

  @Option(names = "--data-only",
      description = "Only create the demo dataset (for benchmarks); write no epochs.")
  boolean dataOnly;

  @Override
  public Integer call() throws Exception {
    Path in = dir.resolve("input");
    Path images = in.resolve("kanji-demo-images.npy");
    Path labels = in.resolve("kanji-demo-labels.npy");
    Files.createDirectories(in);
    String tag = classes + "x" + perClass;
    Path stamp = in.resolve("generated-" + tag);
    if (!Files.exists(stamp) || !Files.exists(images) || !Files.exists(labels)) {
      System.out.printf(Locale.ROOT, "creating demo dataset: %d classes x %d samples of"
          + " synthetic 64x64 glyphs (float16 in [0,1], class-ordered like ETL) in %s%n",
          classes, perClass, in);
      DemoGlyphs.write(images, labels, classes, perClass, 2026);
      try (var s = Files.list(in)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (p.getFileName().toString().startsWith("generated-")) {
            Files.delete(p);
          }
        }
      }
      Files.createFile(stamp);
    }
    if (dataOnly) {
      System.out.println("images: " + images.toAbsolutePath());
      System.out.println("labels: " + labels.toAbsolutePath());
      return 0;
    }
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.INPUT_IMAGES, images.toString());
    flags.put(ConfigKey.INPUT_LABELS, labels.toString());
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.OUTPUT_NAME, "kanji_demo");
    flags.put(ConfigKey.EPOCHS, "2");
    flags.put(ConfigKey.OUTPUT_SHARDS, "8");
    flags.put(ConfigKey.OUTPUT_FORMAT, "both");
    flags.put(ConfigKey.SEED, "42");
    PreaugConfig c = config.resolve(flags);
    if (config.printConfig) {
      System.out.print(ConfigOptions.describe(c));
      return 0;
    }
    long t0 = System.nanoTime();
    SparkConf sconf = SparkSupport.conf("preaug demo");
    try (PreaugRun run = new PreaugRun(c, true, SparkSupport.hadoop(sconf), System.out)
            .progress(dev.preaug.spark.Progress.Mode.AUTO).warmUp(SparkSupport.warmUp(sconf));
        JavaSparkContext sc = start(run, sconf)) {
      List<EpochResult> results = run.execute(sc);
      System.out.println();
      System.out.println("demo summary (" + sc.master() + "):");
      System.out.printf(Locale.ROOT, "  %-6s %9s %7s %10s %8s %10s%n", "epoch", "records",
          "shards", "MB", "seconds", "images/s");
      for (EpochResult r : results) {
        System.out.printf(Locale.ROOT, "  %-6d %9d %7d %10.1f %8.2f %10.0f%n", r.epoch,
            r.records(), r.manifest.shards, r.bytes() / 1e6, r.seconds, r.imagesPerSecond());
      }
      System.out.printf(Locale.ROOT, "  total %.1f s including Spark start-up%n",
          (System.nanoTime() - t0) / 1e9);
      // The demo is sized to finish in seconds, which is too small to measure speed; say so
      // rather than let a start-up-dominated number pass for throughput.
      System.out.printf(Locale.ROOT, "  images/s = records written (originals and augmented"
          + " copies) per second of each epoch's wall time%n  on %d task slots (read, augment,"
          + " encode, write, commit); epoch 0 also pays for JIT warm-up.%n  At %,d records per"
          + " epoch that is start-up dominated, not a throughput figure:%n  bench/job_vs_seed.sh"
          + " measures throughput (docs/benchmarks.md).%n",
          sc.defaultParallelism(), results.isEmpty() ? 0 : results.get(0).records());
      System.out.println("output: " + dir.resolve("out").toAbsolutePath()
          + "   (check it: ./submit.sh verify " + dir.resolve("out") + ")");
    }
    return 0;
  }
}
