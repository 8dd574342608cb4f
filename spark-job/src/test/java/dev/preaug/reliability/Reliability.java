package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.spark.HadoopEpochStore;
import dev.preaug.spark.RunLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Shared checks of the reliability tests: identical shards, no leftovers, verify, counts. */
final class Reliability {
  private Reliability() {}

  /** Counts failed task attempts (and keeps their one-line reasons) while attached. */
  static final class TaskFailures extends SparkListener implements AutoCloseable {
    private final JavaSparkContext sc;
    private final List<String> reasons = new ArrayList<>();

    private TaskFailures(JavaSparkContext sc) {
      this.sc = sc;
    }

    static TaskFailures attach(JavaSparkContext sc) {
      TaskFailures t = new TaskFailures(sc);
      sc.sc().addSparkListener(t);
      return t;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.reason() instanceof ExceptionFailure) {
        ExceptionFailure f = (ExceptionFailure) end.reason();
        reasons.add(f.className() + ": " + f.description());
      }
    }

    /** Failure reasons, after every event of the finished job has been delivered. */
    List<String> reasons() throws TimeoutException {
      // Drain without holding this object's lock: the bus delivers to onTaskEnd, which needs it.
      drain();
      synchronized (this) {
        return List.copyOf(reasons);
      }
    }

    private void drain() throws TimeoutException {
      sc.sc().listenerBus().waitUntilEmpty(30_000);
    }

    @Override
    public void close() {
      sc.sc().removeSparkListener(this);
    }
  }

  /** Shard files by name (everything named {@code *-train.*}). */
  static Map<String, byte[]> shardFiles(Map<String, byte[]> files) {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    files.forEach((k, v) -> {
      if (k.contains("-train.")) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * Asserts that two epochs hold the same shard files byte for byte and manifests that differ
   * only in run id, timings and input description; returns the number of differing bytes
   * (always 0 when it returns).
   */
  static long assertSameEpoch(Map<String, byte[]> expected, Map<String, byte[]> actual,
      String what) {
    Map<String, byte[]> a = shardFiles(expected);
    Map<String, byte[]> b = shardFiles(actual);
    assertFalse(a.isEmpty(), what + ": no shard files to compare");
    assertEquals(a.keySet(), b.keySet(), what + ": shard file names");
    long differing = 0;
    for (String name : a.keySet()) {
      differing += differingBytes(a.get(name), b.get(name));
    }
    assertEquals(0, differing, what + ": bytes differing from the reference run");
    EpochManifest ma = EpochManifest.parse(new String(expected.get("manifest.json"),
        StandardCharsets.UTF_8));
    EpochManifest mb = EpochManifest.parse(new String(actual.get("manifest.json"),
        StandardCharsets.UTF_8));
    assertEquals(ma.configHash, mb.configHash, what);
    assertEquals(ma.inputFingerprint, mb.inputFingerprint, what);
    assertEquals(ma.records, mb.records, what);
    assertEquals(ma.labelHistogram(), mb.labelHistogram(), what);
    assertEquals(ma.shardList.size(), mb.shardList.size(), what);
    for (int i = 0; i < ma.shardList.size(); i++) {
      assertEquals(fileList(ma.shardList.get(i)), fileList(mb.shardList.get(i)),
          what + ": manifest entry of shard " + i);
    }
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()),
        what + ": the epoch's files");
    return differing;
  }

  private static List<String> fileList(dev.preaug.core.format.ShardInfo s) {
    List<String> out = new ArrayList<>();
    for (dev.preaug.core.format.FileInfo f : s.files()) {
      out.add(f.kind() + " " + f.file() + " " + f.bytes() + " " + f.sha256());
    }
    return out;
  }

  static long differingBytes(byte[] a, byte[] b) {
    long d = Math.abs((long) a.length - b.length);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        d++;
      }
    }
    return d;
  }

  /**
   * (sample, copy) records of the epoch that no shard holds, counted independently of verify
   * from the NPY index and ops files: an original copy has an empty ops line.
   */
  static long missingRecords(Path epoch) throws IOException {
    EpochManifest m = EpochManifest.parse(Files.readString(epoch.resolve("manifest.json")));
    int[] originals = new int[(int) m.samples];
    int[] augmented = new int[(int) m.samples];
    for (dev.preaug.core.format.ShardInfo s : m.shardList) {
      byte[] idx = Files.readAllBytes(epoch.resolve(s.file("index").file()));
      List<String> ops = Files.readAllLines(epoch.resolve(s.file("ops").file()));
      int off = idx.length - (int) s.records() * 8;
      for (int i = 0; i < s.records(); i++) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
          v = (v << 8) | (idx[off + 8 * i + k] & 0xFF);
        }
        (ops.get(i).isEmpty() ? originals : augmented)[(int) v]++;
      }
    }
    long missing = 0;
    for (int i = 0; i < m.samples; i++) {
      missing += Math.max(0, m.copiesOriginal - originals[i])
          + Math.max(0, m.copiesAugmented - augmented[i]);
    }
    return missing;
  }

  /** Runs verify on one epoch directory and asserts it passes. */
  static EpochVerifier.Verdict assertVerifies(Path epochDir) {
    EpochVerifier.Verdict v = new EpochVerifier(new HadoopEpochStore(new Configuration()))
        .verify(epochDir.toString());
    assertTrue(v.ok, v.toString());
    return v;
  }

  /** Hidden (in-progress, replaced, deleted) directories and attempt directories under out. */
  static List<String> leftovers(Path out) throws IOException {
    List<String> found = new ArrayList<>();
    if (!Files.exists(out)) {
      return found;
    }
    try (Stream<Path> s = Files.walk(out)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.startsWith(".epoch-") || n.equals("_attempts") || n.startsWith("shard-")
            || n.equals(RunLock.NAME)) {
          found.add(out.relativize(p).toString());
        }
      });
    }
    return found;
  }

  static void assertNoLeftovers(Path out) throws IOException {
    assertEquals(List.of(), leftovers(out), "nothing in progress, no attempts, no lock under "
        + out);
  }

  /** Names of the published epoch directories (those with _SUCCESS) under out. */
  static List<String> published(Path out) throws IOException {
    if (!Files.exists(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().startsWith("epoch-")
          && Files.exists(p.resolve("_SUCCESS"))).map(p -> p.getFileName().toString())
          .sorted().toList();
    }
  }

  /** The whole cause chain's messages, for asserting what reached the caller. */
  static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
