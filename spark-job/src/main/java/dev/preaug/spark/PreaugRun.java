package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.spark.input.DatasetSource;
import dev.preaug.spark.input.Inputs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A whole run: resolve the epoch range, take the output lock, clean preaug's own leftovers,
 * then build each epoch (skipping those already published with the same config and input).
 */
public final class PreaugRun {
  private final JavaSparkContext sc;
  private final PreaugConfig config;
  private final boolean overwrite;
  private final PrintStream log;

  public PreaugRun(JavaSparkContext sc, PreaugConfig config, boolean overwrite, PrintStream log) {
    this.sc = sc;
    this.config = config;
    this.overwrite = overwrite;
    this.log = log;
  }

  public List<EpochResult> run() throws IOException {
    config.requireRunnable();
    DatasetSource source = Inputs.open(config, sc.hadoopConfiguration());
    OutputLayout out = new OutputLayout(config.outputDir(), sc.hadoopConfiguration());
    checkNotInsideInput(out);
    out.ensureRoot();
    String runId = UUID.randomUUID().toString();
    List<EpochResult> results = new ArrayList<>();
    try (RunLock lock = RunLock.acquire(out, runId)) {
      for (Path p : out.leftovers()) {
        log.println("removing leftover of an earlier run: " + p);
        out.fs().delete(p, true);
      }
      long[] range = epochRange(out);
      log.println("input: " + source.describe());
      log.println("output: " + out.root() + "  epochs " + range[0] + ".." + (range[1] - 1)
          + "  shards " + config.shards() + "  formats "
          + config.formats().toString().toLowerCase(Locale.ROOT));
      EpochJob job = new EpochJob(sc, config, source, out, runId);
      long total = range[1] - range[0];
      for (long e = range[0]; e < range[1]; e++) {
        String label = "epoch " + (e - range[0] + 1) + "/" + total + " (epoch-"
            + String.format(Locale.ROOT, "%05d", e) + ")";
        EpochResult skipped = checkExisting(out, source, e);
        if (skipped != null) {
          log.println(summary(skipped));
          results.add(skipped);
          continue;
        }
        EpochResult r = job.run(e, label);
        log.println(summary(r));
        results.add(r);
      }
    }
    return results;
  }

  /** [first, end) of the epochs this run writes. */
  long[] epochRange(OutputLayout out) throws IOException {
    String spec = config.epochs();
    if (spec.startsWith("next:")) {
      int k = Integer.parseInt(spec.substring(5));
      TreeMap<Long, Path> published = out.publishedEpochs();
      long first = published.isEmpty() ? config.firstEpoch() : published.lastKey() + 1;
      return new long[] {first, first + k};
    }
    long n = Long.parseLong(spec);
    return new long[] {config.firstEpoch(), config.firstEpoch() + n};
  }

  private EpochResult checkExisting(OutputLayout out, DatasetSource source, long epoch)
      throws IOException {
    Path dir = out.epochDir(epoch);
    if (!out.fs().exists(dir)) {
      return null;
    }
    EpochManifest m = out.manifest(dir);
    if (m == null) {
      throw new BadInputException(dir.toString(), "", "exists but has no preaug manifest;"
          + " preaug will not overwrite it (move it away or choose another output)");
    }
    boolean same = m.configHash.equals(config.configHash())
        && m.inputFingerprint.equals(source.fingerprint())
        && out.fs().exists(new Path(dir, dev.preaug.core.format.ShardNames.SUCCESS));
    if (same && !overwrite) {
      return new EpochResult(epoch, m, dir.toString(), 0, true);
    }
    if (!overwrite) {
      String what = !m.configHash.equals(config.configHash()) ? "a different config ("
          + m.configHash + ", this run " + config.configHash() + ")"
          : !m.inputFingerprint.equals(source.fingerprint()) ? "different input ("
              + m.inputFingerprint + ", this run " + source.fingerprint() + ")"
              : "an unfinished publish";
      throw new BadInputException(dir.toString(), "", "already published with " + what
          + "; rerun with --overwrite to replace it");
    }
    return null;
  }

  private void checkNotInsideInput(OutputLayout out) {
    Path o = out.fs().makeQualified(out.root());
    String dirInput = config.input().replaceFirst("^(etl|folder):", "");
    for (String in : new String[] {config.inputImages(), config.inputLabels(), dirInput}) {
      if (in.isEmpty()) {
        continue;
      }
      Path ip = new Path(in);
      Path q = FsUtil.fs(ip, sc.hadoopConfiguration()).makeQualified(ip);
      String qs = q.toString();
      String os = o.toString();
      if (os.equals(qs) || os.startsWith(qs.endsWith("/") ? qs : qs + "/")) {
        throw new BadInputException(out.root().toString(), "",
            "output directory is inside the input " + in + " (choose an output outside it)");
      }
    }
  }

  public static String summary(EpochResult r) {
    if (r.skipped) {
      return String.format(Locale.ROOT, "epoch %d: already published with this config and input,"
          + " skipped (%s)", r.epoch, r.dir);
    }
    return String.format(Locale.ROOT,
        "epoch %d: %,d records (%,d augmented) in %d shards, %.1f MB, %.1f s, %,.0f images/s -> %s",
        r.epoch, r.records(), r.manifest.augmentedRecords(), r.manifest.shards,
        r.bytes() / 1e6, r.seconds, r.imagesPerSecond(), r.dir);
  }
}
