package dev.preaug.dl4j;

import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.demo.DemoGlyphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real epochs written by the real job: {@code ./submit.sh run} in embedded local mode (its own
 * JVM, so Spark and ND4J never share a classpath), once per test JVM, on demo glyphs, and once
 * on a colour set ({@link DemoColour}, 32x32 RGB).
 */
final class JobEpochs {
  static final int CLASSES = 10;
  static final int PER_CLASS = 12;
  static final int SAMPLES = CLASSES * PER_CLASS;
  /** copies 1 + 1: every sample once as is and once augmented. */
  static final int RECORDS = 2 * SAMPLES;
  static final int EPOCHS = 3;
  static final int SHARDS = 4;
  static final int RGB_SAMPLES = 30;
  /** The seed's recipe with its resize sizes scaled to a 32-pixel side. */
  static final String RECIPE_32 = "recipe.geometry.scale=resize_paste(w=randrange(12, 31),"
      + " h=randrange(12, 31), ox=fit, oy=fit)";

  /**
   * The glyph input and its two outputs, uint8 (3 epochs) and float16 (1 epoch); the RGB input
   * and its output (1 epoch, 1 original and 1 augmented copy per sample, uint8).
   */
  record Data(Path images, Path labels, Path uint8, Path float16, Path rgbImages,
      Path rgbLabels, Path rgb) {}

  private static Data data;

  private JobEpochs() {}

  static synchronized Data get() throws IOException, InterruptedException {
    if (data != null) {
      return data;
    }
    Path repo = repoRoot();
    // Fresh epochs for every test JVM, from the job as built now.
    Path target = Files.createDirectories(repo.resolve("clients/java/target"));
    Path dir = Files.createTempDirectory(target, "job-epochs-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        deleteTree(dir);
      } catch (IOException e) {
        // target/ is scratch space: a leftover is removed by the next clean.
      }
    }));
    Data d = new Data(dir.resolve("input/images.npy"), dir.resolve("input/labels.npy"),
        dir.resolve("out-uint8"), dir.resolve("out-float16"), dir.resolve("input/rgb-images.npy"),
        dir.resolve("input/rgb-labels.npy"), dir.resolve("out-rgb"));
    Files.createDirectories(dir.resolve("input"));
    DemoGlyphs.write(d.images(), d.labels(), CLASSES, PER_CLASS, 5);
    DemoColour.write(d.rgbImages(), d.rgbLabels(), RGB_SAMPLES, CLASSES, 32, 32, 5);
    // submit.sh builds the job when its jar is older than the sources: once, before the two
    // runs start side by side (in a full build the reactor has just packaged it).
    check(start(repo, dir.resolve("build.log"), List.of(repo.resolve("submit.sh").toString(),
        "help", "run")), dir.resolve("build.log"));
    Process a = job(repo, dir, d.images(), d.labels(), d.uint8(), EPOCHS, "uint8");
    Process b = job(repo, dir, d.images(), d.labels(), d.float16(), 1, "float16");
    Process c = job(repo, dir, d.rgbImages(), d.rgbLabels(), d.rgb(), 1, "uint8", "--set",
        RECIPE_32);
    check(a, dir.resolve("out-uint8.log"));
    check(b, dir.resolve("out-float16.log"));
    check(c, dir.resolve("out-rgb.log"));
    data = d;
    return d;
  }

  private static Process job(Path repo, Path dir, Path images, Path labels, Path out, int epochs,
      String dtype, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(repo.resolve("submit.sh").toString(),
        "--master", "local[2]", "run", "--images", images.toString(), "--labels",
        labels.toString(), "--output", out.toString(), "--epochs", Integer.toString(epochs),
        "--shards", Integer.toString(SHARDS), "--format", "npy", "--seed", "11", "--name", "demo",
        "--copies-original", "1", "--copies-augmented", "1", "--set",
        "output.npy.dtype=" + dtype));
    cmd.addAll(List.of(extra));
    return start(repo, dir.resolve(out.getFileName() + ".log"), cmd);
  }

  private static Process start(Path repo, Path log, List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("PREAUG_EMBEDDED", "1");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putIfAbsent("PREAUG_JAVA_OPTS", "-Xmx512m");
    return pb.start();
  }

  private static void check(Process p, Path log) throws IOException, InterruptedException {
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("./submit.sh run did not finish; log: " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("./submit.sh run exited " + p.exitValue() + ": "
          + Files.readString(log));
    }
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("submit.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no submit.sh above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Copies a directory tree (an output root or one epoch) to {@code to}. */
  static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }
}
