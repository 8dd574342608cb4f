package dev.preaug.core.parity;

import dev.preaug.core.BadInputException;
import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every case of a golden manifest in this JVM, writes each output as a uint8 NPY of the
 * input's shape ({@code [H,W]} for mode L, {@code [H,W,3]} for RGB), and
 * compares it with the expected output where one exists next to the manifest. This is how a user
 * checks a build against goldens made by their own Pillow (docs/tools.md).
 */
public final class Parity {
  private final ParityManifest manifest;
  private final Path outDir;
  private final boolean flat;

  /**
   * @param outDir where outputs go: {@code outDir/<case output path>}, or
   *     {@code outDir/<basename>} when {@code flat}
   */
  public Parity(ParityManifest manifest, Path outDir, boolean flat) {
    this.manifest = manifest;
    this.outDir = outDir.toAbsolutePath().normalize();
    this.flat = flat;
  }

  /** Where a case's output is written. */
  public Path target(ParityCase c) {
    Path rel = Path.of(c.output());
    return outDir.resolve(flat ? rel.getFileName() : rel).normalize();
  }

  /** Where a case's expected output is looked for. */
  public Path expected(ParityCase c) {
    return manifest.dir().resolve(c.output()).normalize();
  }

  /**
   * Checks every path, reads every input, then runs the cases in manifest order. Nothing is
   * written unless all inputs are readable uint8 images, {@code [H,W]} or {@code [H,W,3]}.
   *
   * @throws BadInputException for a target that would overwrite an expected file or another
   *     case's output, and for unreadable or misshapen inputs and expected outputs
   */
  public ParityReport run() throws IOException {
    checkTargets();
    Map<String, Image> inputs = new HashMap<>();
    for (ParityCase c : manifest.cases()) {
      if (!inputs.containsKey(c.input())) {
        inputs.put(c.input(), readInput(c));
      }
    }
    List<CaseResult> results = new ArrayList<>(manifest.cases().size());
    for (ParityCase c : manifest.cases()) {
      Image actual = c.op().apply(inputs.get(c.input()));
      ImageArray.of(actual).write(target(c));
      Path expected = expected(c);
      results.add(Files.isRegularFile(expected)
          ? CaseResult.compare(c, ImageArray.readImage(expected), actual)
          : CaseResult.notCompared(c));
    }
    return new ParityReport(results);
  }

  private Image readInput(ParityCase c) throws IOException {
    Path p = manifest.dir().resolve(c.input()).normalize();
    try {
      return ImageArray.readImage(p);
    } catch (BadInputException e) {
      throw new BadInputException(e.source(), e.where(), e.rule() + " (input of case '" + c.id()
          + "')", e);
    }
  }

  private void checkTargets() throws IOException {
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new BadInputException("--out " + outDir, "", "is a file, not a directory");
    }
    Map<Path, String> seen = new HashMap<>();
    for (ParityCase c : manifest.cases()) {
      Path t = target(c);
      String other = seen.putIfAbsent(t, c.id());
      if (other != null) {
        // Only --flat can map two distinct manifest paths to one file.
        throw new BadInputException(manifest.file().toString(), "case '" + c.id() + "'",
            "field 'output': basename of '" + c.output() + "' is also the basename of case '"
                + other + "''s output (--flat needs distinct basenames)");
      }
      Path e = expected(c);
      if (t.equals(e) || (Files.exists(t) && Files.exists(e) && Files.isSameFile(t, e))) {
        throw new BadInputException("--out " + outDir, "", "would overwrite " + e
            + ", the expected output of case '" + c.id() + "'; write outputs to another"
            + " directory");
      }
    }
  }
}
