package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.format.TfdsMetadata;
import dev.preaug.spark.input.DatasetSource;
import dev.preaug.spark.input.InputSplit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One epoch, end to end: read splits → augment → shuffle to shards → write per task attempt →
 * commit on the driver → publish. Tasks write and report; only the driver moves files into the
 * epoch, writes the manifest and {@code _SUCCESS}, and renames the hidden in-progress directory
 * to {@code epoch-NNNNN}, so a reader never sees a partial epoch. On an object store (see
 * {@link OutputLayout}) tasks write the final names in the unpublished epoch directory, the
 * driver checks every reported file's size instead of moving it, and {@code _SUCCESS}, written
 * last, publishes.
 */
public final class EpochJob {
  private final JavaSparkContext sc;
  private final PreaugConfig config;
  private final DatasetSource source;
  private final OutputLayout out;
  private final String runId;
  private final Progress.Mode progress;
  private final java.io.PrintStream log;
  private final boolean direct;
  /** Read once, on the driver: {@link TaskHooks#NONE} unless a test named its hooks. */
  private final TaskHooks hooks;

  /**
   * {@code direct}: the direct exchange (the run resolved {@code job.exchange}, auto
   * included), else the shuffle.
   */
  public EpochJob(JavaSparkContext sc, PreaugConfig config, DatasetSource source, boolean direct,
      OutputLayout out, String runId, Progress.Mode progress, java.io.PrintStream log) {
    this.sc = sc;
    this.config = config;
    this.source = source;
    this.direct = direct;
    this.out = out;
    this.runId = runId;
    this.progress = progress;
    this.log = log;
    this.hooks = TaskHooks.load(sc);
  }

  /** Number of read tasks: the configured count, or four per default-parallelism slot. */
  int partitions() {
    int p = config.inputPartitions();
    if (p <= 0) {
      p = 4 * Math.max(1, sc.defaultParallelism());
      p = (int) Math.min(p, Math.max(1, source.samples() / 64));
    }
    return p;
  }

  /** Builds, commits and publishes one epoch; {@code label} is e.g. "epoch 3/20". */
  public EpochResult run(long epoch, String label) throws IOException {
    long t0 = System.nanoTime();
    Instant started = Instant.now();
    // Tasks write here: qualified on the driver, since a relative output path would resolve
    // against each executor's working directory on a cluster.
    Path attempts = out.fs().makeQualified(out.objectStore() ? out.workDir(epoch)
        : new Path(out.inProgressDir(epoch), "_attempts"));
    EpochSpec spec = new EpochSpec(config, epoch, source.samples(), source.height(),
        source.width(), source.channels(), attempts.toString(), hooks);
    // Check the plan on the driver so an impossible shard count fails before any task runs,
    // and before the in-progress directory exists (nothing to clean up).
    new dev.preaug.core.shuffle.ShardPlan(spec.records(), spec.shards);
    Path work = out.prepareInProgress(epoch, runId);
    // Created here, once: tasks only create files inside it (never directories), so a task
    // still running after this epoch was discarded cannot bring the directory back.
    if (!out.objectStore() && !out.fs().mkdirs(attempts)) {
      throw new IOException("cannot create " + attempts);
    }
    // A Hadoop Configuration is hundreds of entries: ship it once per executor as a broadcast,
    // not inside every task's closure.
    org.apache.spark.broadcast.Broadcast<HadoopConf> hconf =
        sc.broadcast(new HadoopConf(sc.hadoopConfiguration()));
    String group = "preaug-" + runId + "-epoch-" + epoch;
    // No interrupt on cancel: an interrupted task can leave an HDFS stream in a bad state and
    // logs a fetch error; tasks still finishing after a failure are handled by discard().
    sc.setJobGroup(group, "preaug " + label + ": " + spec.records() + " records -> "
        + spec.shards + " shards of " + config.name(), false);
    List<ShardInfo> infos;
    try (Progress p = Progress.start(progress, sc, log, group, label, spec.records())) {
      infos = new ArrayList<>(direct ? direct(spec, hconf)
          : shuffled(spec, source.splits(partitions()), hconf));
    } catch (Throwable e) {
      // Spark may throw its checked SparkException here; clean up and pass it on, as the
      // task's own bad-input error when that is what failed the job.
      discard(work);
      BadInputException bad = Failures.badInput(e);
      if (bad != null) {
        throw bad;
      }
      throw e;
    } finally {
      sc.clearJobGroup();
      hconf.destroy();
    }
    long tWritten = System.nanoTime();
    long firstRecord = 0;
    for (ShardInfo s : infos) {
      if (s.firstRecordMillis() > 0 && (firstRecord == 0 || s.firstRecordMillis() < firstRecord)) {
        firstRecord = s.firstRecordMillis();
      }
    }
    infos.sort(Comparator.comparingInt(ShardInfo::shard));
    EpochManifest m = manifest(epoch, spec, infos);
    m.timings.put("started", started.toString());
    m.timings.put("augment_shuffle_write_seconds", round((tWritten - t0) / 1e9));
    try {
      commit(work, infos);
      m.timings.put("seconds", round((System.nanoTime() - t0) / 1e9));
      m.timings.put("records_per_second",
          round(spec.records() / ((System.nanoTime() - t0) / 1e9)));
      m.timings.put("finished", Instant.now().toString());
      publish(epoch, work, m);
    } catch (Throwable e) {
      discard(work);
      throw e;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new EpochResult(epoch, m, out.epochDir(epoch).toString(), seconds, false,
        firstRecord);
  }

  private EpochManifest manifest(long epoch, EpochSpec spec, List<ShardInfo> infos) {
    EpochManifest m = new EpochManifest();
    m.name = config.name();
    m.epoch = epoch;
    m.seed = config.seed();
    m.samples = source.samples();
    m.records = spec.records();
    m.copiesOriginal = config.copiesOriginal();
    m.copiesAugmented = config.copiesAugmented();
    m.shards = config.shards();
    m.height = source.height();
    m.width = source.width();
    m.channels = source.channels();
    if (spec.tfrecord) {
      m.formats.add("tfrecord");
    }
    if (spec.npy) {
      m.formats.add("npy");
    }
    m.npyDtype = spec.npyFloat16 ? "float16" : "uint8";
    m.tfrecordImageEncoding = config.imageEncoding().configName();
    m.tfrecordCompression = spec.gzip ? "gzip" : "none";
    m.configHash = config.configHash();
    m.config.putAll(config.hashedSettings());
    m.inputFingerprint = source.fingerprint();
    m.input = source.describe();
    m.runId = runId;
    m.recipe.putAll(config.recipe().toConfig());
    List<String> names = source.classNames();
    m.classNames = !names.isEmpty();
    int maxLabel = -1;
    for (ShardInfo s : infos) {
      if (!s.labelHistogram().isEmpty()) {
        maxLabel = Math.max(maxLabel, s.labelHistogram().lastKey());
      }
      // The driver reads attempt paths only to commit; the manifest keeps names relative.
      m.shardList.add(new ShardInfo(s.shard(), s.records(), s.firstPosition(), s.files(),
          s.labelHistogram(), s.augmented(), "", s.seconds()));
    }
    m.numClasses = names.isEmpty() ? maxLabel + 1 : names.size();
    return m;
  }

  /** Read contiguous input ranges, augment, let Spark's shuffle bring records to shards. */
  private List<ShardInfo> shuffled(EpochSpec spec, List<InputSplit> splits,
      org.apache.spark.broadcast.Broadcast<HadoopConf> hconf) {
    DatasetSource src = source;
    return sc.parallelize(splits, splits.size())
        .flatMapToPair(split -> new RecordGenerator(spec, src.read(split, hconf.value().get()),
            split.from() + split.size() / 2, TaskContext.getPartitionId()))
        .repartitionAndSortWithinPartitions(new ShardPartitioner(spec.records(), spec.shards))
        .mapPartitionsWithIndex((k, it) -> List.of(new ShardWriter(spec, k)
            .write(ShardWriter.decoded(it), TaskContext.get().taskAttemptId(),
                hconf.value().get())).iterator(), true)
        .collect();
  }

  /**
   * Tasks read their shards' records' samples by random access; no shuffle. A task writes a
   * contiguous run of shards, one after the other: by default one task per default-parallelism
   * slot ({@code input.partitions} sets the count), so a run of 64 shards on 2 cores has 2
   * tasks, not 64. Each task costs Spark a closure, task metrics and a result through Java
   * serialization both ways, and preaug a recipe and record plan rebuilt from the spec; with a
   * task per shard, C2 spent over a second compiling the serialization code in a 5-epoch job,
   * and 1, 2, 4 and 8 tasks per core measured in that order from fastest to slowest (docs/
   * benchmarks.md). A shard's bytes do not depend on the task that writes it.
   */
  private List<ShardInfo> direct(EpochSpec spec,
      org.apache.spark.broadcast.Broadcast<HadoopConf> hconf) {
    DatasetSource src = source;
    int tasks = config.inputPartitions() > 0 ? config.inputPartitions()
        : Math.max(1, sc.defaultParallelism());
    tasks = Math.min(tasks, spec.shards);
    List<int[]> groups = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      groups.add(new int[] {(int) ((long) spec.shards * t / tasks),
          (int) ((long) spec.shards * (t + 1) / tasks)});
    }
    return sc.parallelize(groups, groups.size())
        .flatMap(g -> {
          List<ShardInfo> written = new ArrayList<>();
          for (int k = g[0]; k < g[1]; k++) {
            written.add(new ShardWriter(spec, k).write(new DirectRecords(spec,
                src.openRandomAccess(hconf.value().get()), k), TaskContext.get().taskAttemptId(),
                hconf.value().get()));
          }
          return written.iterator();
        })
        .collect();
  }

  /** Moves every reported file from its attempt directory to the in-progress directory. */
  private void commit(Path work, List<ShardInfo> infos) throws IOException {
    if (infos.size() != config.shards()) {
      throw new IllegalStateException("expected " + config.shards() + " shard reports, got "
          + infos.size());
    }
    if (out.objectStore()) {
      // Already under their final names: make sure each is there, complete, as reported.
      for (ShardInfo s : infos) {
        for (FileInfo f : s.files()) {
          Path p = new Path(work, f.file());
          long len = out.fs().getFileStatus(p).getLen();
          if (len != f.bytes()) {
            throw new IOException(p + ": " + len + " bytes, its task reported " + f.bytes());
          }
        }
      }
      return;
    }
    for (ShardInfo s : infos) {
      for (FileInfo f : s.files()) {
        out.rename(new Path(s.attemptPrefix() + f.file()), new Path(work, f.file()));
      }
    }
    out.fs().delete(new Path(work, "_attempts"), true);
  }

  private void publish(long epoch, Path work, EpochManifest m) throws IOException {
    if (m.formats.contains("tfrecord")) {
      out.writeString(new Path(work, ShardNames.DATASET_INFO), TfdsMetadata.datasetInfo(m));
      out.writeString(new Path(work, ShardNames.FEATURES),
          TfdsMetadata.features(m, source.classNames()));
    }
    if (!source.classNames().isEmpty()) {
      String names = String.join("\n", source.classNames()) + "\n";
      out.writeString(new Path(work, ShardNames.LABELS_TXT), names);
      if (m.formats.contains("tfrecord")) {
        // TFDS's ClassLabel reads its names from <feature>.labels.txt next to features.json.
        out.writeString(new Path(work, "label.labels.txt"), names);
      }
    }
    out.writeString(new Path(work, ShardNames.MANIFEST), m.toJson());
    if (out.objectStore()) {
      // The manifest now marks the directory as preaug's, so the marker can go; _SUCCESS,
      // written last, publishes the epoch where it stands.
      out.fs().delete(new Path(work, ShardNames.IN_PROGRESS_MARKER), false);
      out.writeString(new Path(work, ShardNames.SUCCESS), "");
      return;
    }
    out.writeString(new Path(work, ShardNames.SUCCESS), "");
    // The manifest now marks the directory as preaug's, so the marker can go before the rename.
    out.fs().delete(new Path(work, ShardNames.IN_PROGRESS_MARKER), false);
    Path target = out.epochDir(epoch);
    if (out.fs().exists(target)) {
      replaceExisting(target, work, epoch);
    } else {
      out.rename(work, target);
    }
  }

  /** Swaps a published epoch for the new one; only ever called after ownership was checked. */
  private void replaceExisting(Path target, Path work, long epoch) throws IOException {
    if (out.manifest(target) == null) {
      throw new BadInputException(BadInputException.Kind.OUTPUT, target.toString(), "",
          "exists and has no preaug manifest; preaug will not replace it");
    }
    Path old = new Path(out.root(), "." + ShardNames.epochDir(epoch) + ".replaced-" + runId);
    out.rename(target, old);
    out.rename(work, target);
    out.removeOwned(old);
  }

  /**
   * Removes a failed epoch's in-progress directory. Tasks of the aborted job may still be
   * finishing a write for a moment after Spark reports the failure (they are cancelled, not
   * stopped), so a directory that reappears under the delete is retried briefly.
   */
  private void discard(Path work) {
    try {
      // Ownership is checked once: a delete cut short may already have taken the marker.
      if (!out.fs().exists(work) || !out.isOurs(work)) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      log.println("warning: could not check " + work + " before removing it: "
          + FsUtil.oneLine(e) + " (the next run removes it if it is preaug's)");
      return;
    }
    Exception last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        if (!out.fs().exists(work)) {
          return;
        }
        out.removeOwned(work);
        if (!out.fs().exists(work)) {
          return;
        }
      } catch (IOException e) {
        last = e; // retried below
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // It still carries preaug's marker: the next run recognises and removes it.
    log.println("warning: could not remove the failed epoch's " + work
        + (last == null ? " (files kept reappearing)" : ": " + FsUtil.oneLine(last))
        + "; the next run removes it");
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
