package dev.preaug.cli;

import dev.preaug.core.parity.Parity;
import dev.preaug.core.parity.ParityManifest;
import dev.preaug.core.parity.ParityReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preaug parity --manifest M.json --out DIR}: every case of a golden manifest through
 * preaug's ops, outputs written as NPY, compared with the expected outputs. Exit 0 when no case
 * is worse than within 1, 1 otherwise, 2 for a malformed manifest or unreadable input.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
    description = {"Run every case of a golden manifest (the format of make_golden.py) through"
        + " preaug's ops in one JVM, write each output to DIR/<case output path> as a 2-D uint8"
        + " NPY, and compare with the expected outputs that exist next to the manifest.",
        "Prints the cases that are not exact, a per-op table and 'N exact, M within 1, K worse';"
            + " exits 1 if K > 0."})
final class ParityCommand implements Callable<Integer> {
  @Option(names = "--manifest", required = true, paramLabel = "M.json",
      description = "Manifest in the golden format; inputs and expected outputs are relative to"
          + " its directory.")
  Path manifest;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Where outputs go (never the manifest's own directory).")
  Path out;

  @Option(names = "--flat",
      description = "Write DIR/<basename of the output path> instead of DIR/<output path>.")
  boolean flat;

  @Override
  public Integer call() throws Exception {
    ParityManifest m = ParityManifest.read(manifest);
    System.out.println("parity: " + m.cases().size() + " cases from " + manifest
        + (m.set() == null ? "" : " (set '" + m.set() + "'"
            + (m.pillowVersion() == null ? "" : ", Pillow " + m.pillowVersion()) + ")"));
    long t0 = System.nanoTime();
    ParityReport report = new Parity(m, out, flat).run();
    System.out.printf(Locale.ROOT, "ran %d cases in %.2f s; outputs under %s%n",
        m.cases().size(), (System.nanoTime() - t0) / 1e9, out.toAbsolutePath().normalize());
    System.out.println();
    report.lines().forEach(System.out::println);
    return report.passed() ? 0 : Main.EXIT_FAILURE;
  }
}
