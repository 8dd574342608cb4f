package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.OutputAlgorithm;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.ShardNames;
import dev.preaug.spark.input.DatasetSource;
import dev.preaug.spark.input.Inputs;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A whole run in two phases. {@link #prepare} runs on the driver before Spark starts: it
 * validates the input's metadata and the output, takes the output lock, removes preaug's own
 * leftovers and decides which epochs to build (skipping those already published with the same
 * config and input). {@link #execute} then builds them. Bad input and "nothing to do" are thus
 * answered without starting Spark at all.
 */
public final class PreaugRun implements AutoCloseable {
  private final PreaugConfig config;
  private final boolean overwrite;
  private final PrintStream log;
  private Progress.Mode progress = Progress.Mode.NONE;
  private java.nio.file.Path summaryJson;
  private final Configuration hadoop;
  private final String runId = UUID.randomUUID().toString();
  private DatasetSource source;
  private OutputLayout out;
  private RunLock lock;
  private final List<Long> toBuild = new ArrayList<>();
  private final List<EpochResult> skipped = new ArrayList<>();
  private long first;
  private long end;
  /** True when the input's fingerprint is only known after the scan job: decide then. */
  private boolean deferred;
  private boolean warmUp;
  private dev.preaug.core.recipe.KernelWarmUp warming;

  public PreaugRun(PreaugConfig config, boolean overwrite, Configuration hadoop, PrintStream log) {
    this.config = config;
    this.overwrite = overwrite;
    this.hadoop = hadoop;
    this.log = log;
  }

  /** How the per-epoch progress line is shown (default: not at all). */
  public PreaugRun progress(Progress.Mode mode) {
    this.progress = mode;
    return this;
  }

  /**
   * Whether {@link #prepare()} starts warming the kernels up in the background until
   * {@link #execute} begins: worth it where this JVM runs the tasks (a local master).
   */
  public PreaugRun warmUp(boolean on) {
    this.warmUp = on;
    return this;
  }

  /** Appends one JSON line per epoch to this local file (for monitoring). */
  public PreaugRun summaryJson(java.nio.file.Path file) {
    this.summaryJson = file;
    return this;
  }

  /** Validates, locks and plans; returns the epochs that need building (possibly none). */
  public List<Long> prepare() throws IOException {
    config.requireRunnable();
    source = Inputs.open(config, hadoop, log);
    // Every source knows its image size here (NPY from the header, ETL and folders from
    // input.size), so a recipe written for other images stops before the output is touched.
    config.requireRecipeFits(source.width(), source.height(), source.channels());
    if (config.exchange() == PreaugConfig.Exchange.DIRECT && !source.randomAccess()) {
      throw new BadInputException(config.origin("job.exchange"), "", "job.exchange = direct"
          + " reads samples by random access, which " + source.describe()
          + " does not offer (NPY inputs do); use shuffle");
    }
    out = new OutputLayout(config.outputDir(), hadoop);
    checkNotInsideInput();
    if (samplesKnown()) {
      checkShardCount();
    }
    out.ensureRoot();
    lock = RunLock.acquire(out, runId);
    for (Path p : out.leftovers()) {
      log.println("removing leftover of an earlier run: " + p);
      out.removeOwned(p);
    }
    long[] range = epochRange();
    first = range[0];
    end = range[1];
    deferred = source.fingerprint() == null;
    if (deferred) {
      for (long e = first; e < end; e++) {
        toBuild.add(e);
      }
    } else {
      plan();
    }
    log.println("input: " + source.describe());
    log.println("exchange: " + exchangeLine(config.exchange(), source));
    // The driver's JVM; executors elsewhere decide for themselves (docs/operations.md).
    log.println("kernels: " + dev.preaug.core.ops.Simd.describe());
    log.println("recipe: " + config.recipe().describe());
    log.println("output: " + out.root() + "  epochs " + first + ".." + (end - 1) + "  shards "
        + config.shards() + "  formats "
        + config.formats().toString().toLowerCase(Locale.ROOT));
    for (EpochResult s : skipped) {
      log.println(summary(s));
    }
    if (warmUp && !toBuild.isEmpty()) {
      warming = dev.preaug.core.recipe.KernelWarmUp.start(config.recipe(), source.width(),
          source.height(), source.channels());
    }
    return List.copyOf(toBuild);
  }

  private void plan() throws IOException {
    toBuild.clear();
    skipped.clear();
    for (long e = first; e < end; e++) {
      EpochResult s = checkExisting(e);
      if (s != null) {
        skipped.add(s);
      } else {
        toBuild.add(e);
      }
    }
  }

  /** Builds the planned epochs; returns skipped and built epochs in epoch order. */
  public List<EpochResult> execute(JavaSparkContext sc) throws IOException {
    if (source == null) {
      throw new IllegalStateException("prepare() first");
    }
    // The context exists once execute() runs: what came before is JVM and Spark start-up.
    long sparkReady = System.currentTimeMillis();
    if (warming != null) {
      warming.close();
      log.println("warm-up: " + warming.images() + " images through the recipe's kernels"
          + " while Spark started");
      warming = null;
    }
    DatasetSource before = source;
    source = source.scan(sc);
    // A scan that learned something (a folder's size, a fingerprint) says so; one that only
    // confirmed what prepare() printed stays quiet.
    if (source != before && !source.describe().equals(before.describe())) {
      log.println("input: " + source.describe());
    }
    checkShardCount();
    if (deferred) {
      plan();
      for (EpochResult s : skipped) {
        log.println(summary(s));
      }
    }
    checkVocabulary();
    EpochJob job = new EpochJob(sc, config, source, direct(config.exchange(), source), out,
        runId, progress, log);
    List<EpochResult> results = new ArrayList<>(skipped);
    for (EpochResult s : skipped) {
      json(s);
    }
    long total = end - first;
    for (long e : toBuild) {
      if (config.ahead() > 0) {
        waitForRoom(e);
      }
      String label = "epoch " + (e - first + 1) + "/" + total + " ("
          + ShardNames.epochDir(e) + ")";
      EpochResult r = job.run(e, label);
      log.println(summary(r));
      json(r);
      if (r.epoch == toBuild.get(0)) {
        startup(sparkReady, r);
      }
      results.add(r);
      applyRetention();
    }
    results.sort((a, b) -> Long.compare(a.epoch, b.epoch));
    return results;
  }

  /**
   * Class ids must mean the same in every epoch a trainer reads: a string-labelled input whose
   * class list differs from the newest published epoch's {@code labels.txt} stops the run,
   * unless {@code input.vocabulary = rebuild}.
   */
  private void checkVocabulary() throws IOException {
    List<String> names = source.classNames();
    if (names.isEmpty() || config.rebuildVocabulary()) {
      return;
    }
    TreeMap<Long, Path> published = out.publishedEpochs();
    for (Long e : published.descendingKeySet()) {
      Path txt = new Path(published.get(e), ShardNames.LABELS_TXT);
      if (!out.fs().exists(txt)) {
        continue;
      }
      dev.preaug.core.etl.LabelVocabulary existing;
      try (java.io.InputStream in = out.fs().open(txt)) {
        existing = dev.preaug.core.etl.LabelVocabulary.read(in, txt.toString());
      }
      try {
        dev.preaug.core.etl.LabelVocabulary.ofOrdered(names).requireSameAs(existing,
            txt.toString());
      } catch (IllegalArgumentException ex) {
        throw new BadInputException(config.input(), "", ex.getMessage()
            + "; set input.vocabulary = rebuild (--set input.vocabulary=rebuild) to start a new"
            + " class list");
      }
      return;
    }
  }

  /**
   * {@code job.exchange} resolved against the input: auto is direct exactly when the input
   * offers cheap random access (NPY files on a {@code file:} path), since the direct exchange
   * then skips the shuffle's serialisation and local-disk round trip; both write the same bytes.
   */
  static boolean direct(PreaugConfig.Exchange exchange, DatasetSource source) {
    switch (exchange) {
      case DIRECT:
        return true;
      case SHUFFLE:
        return false;
      default:
        return source.randomAccess() && source.cheapRandomAccess();
    }
  }

  /** The exchange the run uses, and why when it was chosen by auto. */
  static String exchangeLine(PreaugConfig.Exchange exchange, DatasetSource source) {
    String chosen = direct(exchange, source) ? "direct" : "shuffle";
    if (exchange != PreaugConfig.Exchange.AUTO) {
      return chosen;
    }
    return chosen + " (auto: " + (chosen.equals("direct")
        ? "NPY input on a local file: path, read by random access"
        : "the input is not NPY on a local file: path") + ")";
  }

  /** The highest epoch the trainer has marked consumed, or -1. */
  private long lastConsumed() throws IOException {
    java.util.TreeSet<Long> consumed = out.consumedEpochs();
    return consumed.isEmpty() ? -1 : consumed.last();
  }

  /**
   * Rolling mode: sleeps until epoch {@code next} is at most {@code ahead} epochs past the
   * highest one the trainer marked consumed (the contract in docs/training.md), so disk use
   * stays bounded while the trainer always finds the next epoch ready.
   */
  private void waitForRoom(long next) throws IOException {
    boolean announced = false;
    while (true) {
      applyRetention();
      long c = lastConsumed();
      if (next <= c + config.ahead()) {
        return;
      }
      if (!announced) {
        log.println("waiting: epoch " + next + " would be more than " + config.ahead()
            + " ahead of the trainer (highest consumed: " + (c < 0 ? "none" : Long.toString(c))
            + "); it starts when the trainer marks epoch " + (next - config.ahead())
            + " consumed in " + out.root() + "/" + OutputLayout.CONSUMED_DIR);
        announced = true;
      }
      try {
        Thread.sleep(config.pollSeconds() * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the trainer");
      }
    }
  }

  /**
   * {@code retention.keep}: removes the oldest published epochs beyond K, only preaug's own and,
   * in rolling mode, only those the trainer has consumed.
   */
  private void applyRetention() throws IOException {
    if (config.keep() <= 0) {
      return;
    }
    List<Long> published = new ArrayList<>();
    for (java.util.Map.Entry<Long, Path> e : out.publishedEpochs().entrySet()) {
      // Only preaug's own epochs count towards K; a foreign look-alike is neither counted
      // nor touched.
      if (out.manifest(e.getValue()) != null) {
        published.add(e.getKey());
      }
    }
    // In rolling mode only epochs the trainer has finished (<= the highest consumed) may go.
    long finished = config.ahead() > 0 ? lastConsumed() : Long.MAX_VALUE;
    int excess = published.size() - config.keep();
    for (long e : published) {
      if (excess <= 0) {
        break;
      }
      if (e > finished) {
        continue;
      }
      if (out.deleteEpoch(e, runId)) {
        log.println("retention: removed " + ShardNames.epochDir(e) + " (retention.keep = "
            + config.keep() + ")");
        excess--;
      }
    }
  }

  private void json(EpochResult r) throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode n =
        event(r.skipped ? "epoch_skipped" : "epoch_published", java.time.Instant.now());
    if (n == null) {
      return;
    }
    n.put("epoch", r.epoch);
    n.put("dir", r.dir);
    n.put("records", r.records());
    n.put("augmented_records", r.manifest.augmentedRecords());
    n.put("shards", r.manifest.shards);
    n.put("bytes", r.bytes());
    n.put("seconds", Math.round(r.seconds * 1000) / 1000.0);
    n.put("images_per_second", Math.round(r.imagesPerSecond()));
    n.put("config_hash", r.manifest.configHash);
    append(n);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * A summary-JSON event with its name and time (field order: event, time, the caller's
   * fields, run_id last, as before); null when the run writes no summary JSON.
   */
  private com.fasterxml.jackson.databind.node.ObjectNode event(String name,
      java.time.Instant time) {
    if (summaryJson == null) {
      return null;
    }
    com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
    n.put("event", name);
    n.put("time", time.toString());
    return n;
  }

  /** Appends {@code n} with the run id as one line of the summary JSON. */
  private void append(com.fasterxml.jackson.databind.node.ObjectNode n) throws IOException {
    n.put("run_id", runId);
    java.nio.file.Files.writeString(summaryJson, JSON.writeValueAsString(n) + "\n",
        java.nio.charset.StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * The run's fixed costs, once, after its first built epoch: seconds from the JVM's start to
   * the Spark context, to the first record written (the executor's clock) and to the first
   * epoch published, as a log line and a {@code startup} event in the summary JSON.
   */
  private void startup(long sparkReady, EpochResult first) throws IOException {
    long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    long now = System.currentTimeMillis();
    double spark = (sparkReady - jvm) / 1e3;
    double record = first.firstRecordMillis > 0 ? (first.firstRecordMillis - jvm) / 1e3 : -1;
    double published = (now - jvm) / 1e3;
    log.println(String.format(Locale.ROOT, "start-up: Spark context %.1f s after the JVM started,"
        + " first record written at %.1f s, first epoch published at %.1f s", spark, record,
        published));
    com.fasterxml.jackson.databind.node.ObjectNode n = event("startup", java.time.Instant.ofEpochMilli(now));
    if (n == null) {
      return;
    }
    n.put("epoch", first.epoch);
    n.put("spark_context_seconds", spark);
    n.put("first_record_seconds", record);
    n.put("first_epoch_published_seconds", published);
    append(n);
  }

  public List<EpochResult> skipped() {
    return List.copyOf(skipped);
  }

  public DatasetSource source() {
    return source;
  }

  @Override
  public void close() throws IOException {
    if (warming != null) {
      warming.close();
      warming = null;
    }
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /** [first, end) of the epochs this run covers. */
  long[] epochRange() throws IOException {
    String spec = config.epochs();
    if (spec.startsWith("next:")) {
      int k = Integer.parseInt(spec.substring(5));
      TreeMap<Long, Path> published = out.publishedEpochs();
      long from = published.isEmpty() ? config.firstEpoch() : published.lastKey() + 1;
      return new long[] {from, from + k};
    }
    long n = Long.parseLong(spec);
    return new long[] {config.firstEpoch(), config.firstEpoch() + n};
  }

  private EpochResult checkExisting(long epoch) throws IOException {
    Path dir = out.epochDir(epoch);
    if (!out.fs().exists(dir)) {
      return null;
    }
    EpochManifest m = out.manifest(dir);
    if (m == null) {
      throw new BadInputException(BadInputException.Kind.OUTPUT, dir.toString(), "",
          "exists but has no preaug manifest;"
          + " preaug will not overwrite it (move it away or choose another output)");
    }
    boolean same = m.configHash.equals(config.configHash())
        && m.inputFingerprint.equals(source.fingerprint())
        && out.fs().exists(new Path(dir, ShardNames.SUCCESS));
    if (same && !overwrite) {
      return new EpochResult(epoch, m, dir.toString(), 0, true);
    }
    if (!overwrite) {
      throw new BadInputException(BadInputException.Kind.CHANGED, dir.toString(), "",
          "already published " + whatChanged(m) + "; rerun with --overwrite to replace it");
    }
    return null;
  }

  /** What differs between a published epoch and this run, for the refusal's one line. */
  private String whatChanged(EpochManifest m) {
    List<String> changes = new ArrayList<>();
    if (m.outputAlgorithm != OutputAlgorithm.VERSION) {
      changes.add("output algorithm version " + (m.outputAlgorithm == 0 ? "(unrecorded)"
          : m.outputAlgorithm) + " -> " + OutputAlgorithm.VERSION);
    }
    if (!m.configHash.equals(config.configHash())) {
      java.util.SortedMap<String, String> now = config.hashedSettings();
      java.util.TreeSet<String> keys = new java.util.TreeSet<>(now.keySet());
      keys.addAll(m.config.keySet());
      List<String> diff = new ArrayList<>();
      for (String k : keys) {
        String was = m.config.get(k);
        String is = now.get(k);
        if (!java.util.Objects.equals(was, is)) {
          diff.add(k + " " + (was == null ? "(unset)" : was) + " -> "
              + (is == null ? "(unset)" : is));
        }
      }
      if (m.config.isEmpty() || diff.isEmpty()) {
        diff = List.of("config hash " + m.configHash + " -> " + config.configHash());
      }
      changes.add("config: " + String.join(", ", diff));
    }
    if (!m.inputFingerprint.equals(source.fingerprint())) {
      changes.add("input: fingerprint " + m.inputFingerprint + " -> " + source.fingerprint()
          + " (" + config.input() + config.inputImages() + ")");
    }
    if (changes.isEmpty()) {
      return "but its publish was not finished";
    }
    return "with a different " + String.join("; ", changes);
  }

  /**
   * Every shard must hold at least one record: a shard count above the records per epoch is a
   * config error, reported before any epoch directory is made (and, for NPY input, before
   * Spark starts; ETL and folder inputs know their count after the scan job).
   */
  /** False for sources that count their samples only in their scan job (ETL, folders). */
  private boolean samplesKnown() {
    try {
      source.samples();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private void checkShardCount() {
    long records = source.samples() * (config.copiesOriginal() + config.copiesAugmented());
    try {
      new dev.preaug.core.shuffle.ShardPlan(records, config.shards());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(config.origin(ConfigKey.OUTPUT_SHARDS.key()), "",
          ConfigKey.OUTPUT_SHARDS.key() + " = '" + config.shards() + "': " + e.getMessage());
    }
  }

  private void checkNotInsideInput() {
    Path o = out.fs().makeQualified(out.root());
    String dirInput = config.input().replaceFirst("^(etl|folder):", "");
    for (String in : new String[] {config.inputImages(), config.inputLabels(), dirInput}) {
      if (in.isEmpty()) {
        continue;
      }
      Path ip = new Path(in);
      String qs = FsUtil.fs(ip, hadoop).makeQualified(ip).toString();
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
