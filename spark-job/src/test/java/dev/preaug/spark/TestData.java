package dev.preaug.spark;

import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.Setting;
import dev.preaug.core.demo.DemoGlyphs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;

/** Small real datasets and runs for Spark tests. */
public final class TestData {
  private TestData() {}

  /** Demo glyphs (float16, int16 labels): {@code classes * perClass} samples. */
  public static Path[] glyphs(Path dir, int classes, int perClass) throws IOException {
    Files.createDirectories(dir);
    Path images = dir.resolve("images.npy");
    Path labels = dir.resolve("labels.npy");
    DemoGlyphs.write(images, labels, classes, perClass, 7);
    return new Path[] {images, labels};
  }

  /** A config over defaults with the given keys set (as if by --set). */
  public static PreaugConfig config(Map<ConfigKey, String> keys, Map<String, String> extra) {
    Map<String, Setting> layer = new LinkedHashMap<>();
    keys.forEach((k, v) -> layer.put(k.key(), new Setting(v, "test")));
    extra.forEach((k, v) -> layer.put(k, new Setting(v, "test")));
    return PreaugConfig.resolve(List.of(layer));
  }

  /** Runs prepare + execute on {@code sc}; returns the log text. */
  public static String run(JavaSparkContext sc, PreaugConfig c, boolean overwrite)
      throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (PreaugRun run = new PreaugRun(c, overwrite, sc.hadoopConfiguration(), log)) {
      run.prepare();
      run.execute(sc);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** Every regular file under {@code dir} (relative name -> bytes). */
  public static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  /** Repository root (the parent of the spark-job module). */
  public static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("submit.sh")) ? here : here.getParent();
  }
}
