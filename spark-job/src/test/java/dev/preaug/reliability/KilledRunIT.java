package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.spark.HadoopEpochStore;
import dev.preaug.spark.RunLock;
import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the real job (the JVM that {@code ./submit.sh run} execs, started by the test) at
 * several points of a three-epoch run, then a rerun. While anything runs, a reader thread lists
 * the output continuously, as a trainer would, and verifies every {@code epoch-*} directory it
 * sees: a partial epoch must never be visible. The rerun must take over the dead run's lock,
 * remove only its own leftovers (and say so), and produce exactly the bytes of an uninterrupted
 * run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KilledRunIT {
  @TempDir
  static Path tmp;
  static Path[] input;
  static Path reference;
  static Reader reader;
  static int kills;
  static long samplesLost;
  static long differingBytes;

  /**
   * A run long enough to hit (three epochs of 4,000 records, 64x64, both formats). Spark's
   * scratch space goes under the test's directory: a killed JVM cannot clean up its shuffle
   * files.
   */
  private static String[] runArgs(Path out) {
    return new String[] {"--master", "local[2]", "--conf", "spark.local.dir="
        + tmp.resolve("spark-scratch"), "run", "--images", input[0].toString(),
        "--labels", input[1].toString(), "--output", out.toString(), "--epochs", "3",
        "--shards", "8", "--format", "both", "--seed", "5"};
  }

  @BeforeAll
  static void referenceRun() throws Exception {
    input = TestData.glyphs(tmp.resolve("in"), 100, 20);
    reader = new Reader();
    reference = tmp.resolve("reference");
    reader.watch(reference);
    Cli.Result r = Cli.run(tmp, runArgs(reference));
    assertEquals(0, r.exit(), r.toString());
    assertEquals(List.of("epoch-00000", "epoch-00001", "epoch-00002"),
        Reliability.published(reference));
    Reliability.assertNoLeftovers(reference);
  }

  @AfterAll
  static void closingNote() throws Exception {
    if (reader != null) {
      reader.stop();
    }
    System.out.println("reliability: " + kills + " SIGKILLs; reader made "
        + (reader == null ? 0 : reader.listings) + " listings and " + (reader == null ? 0
            : reader.verified) + " verifications, saw 0 partial epochs; samples lost "
        + samplesLost + "; bytes differing after recovery " + differingBytes);
  }

  /** Lists watched output directories continuously and verifies every epoch that appears. */
  static final class Reader implements Runnable {
    private final List<Path> roots = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    private final Thread thread = new Thread(this, "epoch-reader");
    private volatile boolean running = true;
    volatile long listings;
    volatile long verified;

    Reader() {
      thread.setDaemon(true);
      thread.start();
    }

    void watch(Path out) {
      roots.add(out);
    }

    /** Stops watching {@code out}; returns once no listing of it can still be under way. */
    void unwatch(Path out) throws InterruptedException {
      roots.remove(out);
      long until = listings + 2;
      while (listings < until && thread.isAlive()) {
        Thread.sleep(5);
      }
    }

    @Override
    public void run() {
      EpochVerifier verifier = new EpochVerifier(new HadoopEpochStore(new Configuration()));
      while (running) {
        for (Path root : List.copyOf(roots)) {
          try {
            look(root, verifier);
          } catch (IOException e) {
            // The directory may not exist yet.
          }
        }
        listings++;
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void look(Path root, EpochVerifier verifier) throws IOException {
      List<Path> epochs;
      try (Stream<Path> s = Files.list(root)) {
        epochs = s.filter(p -> p.getFileName().toString().startsWith("epoch-")).toList();
      } catch (NoSuchFileException e) {
        return;
      }
      for (Path e : epochs) {
        // What a trainer relies on: an epoch-* directory is complete the moment it is seen.
        if (!Files.exists(e.resolve("_SUCCESS")) || !Files.exists(e.resolve("manifest.json"))) {
          if (Files.exists(e)) {
            problems.add(e + " visible without _SUCCESS or manifest.json");
          }
          continue;
        }
        String key = e + " " + Files.getLastModifiedTime(e.resolve("manifest.json"));
        if (seen.add(key)) {
          EpochVerifier.Verdict v = verifier.verify(e.toString());
          verified++;
          if (!v.ok && Files.exists(e)) {
            problems.add(v.toString());
          }
        }
      }
    }

    List<String> problems() {
      return List.copyOf(problems);
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(60_000);
    }
  }

  /** Polls {@code out} until {@code when} holds, then SIGKILLs the run's JVM. */
  private static void killWhen(Cli.Running run, Path out, String what, Predicate<Path> when)
      throws Exception {
    long pid = run.process.pid();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!when.test(out)) {
      assertTrue(run.process.isAlive(), "the run ended before " + what + ": " + run.out());
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
    // The child started as env/bash (submit.sh) and exec'd the JVM under the same pid: the kill
    // must reach the job itself, not a wrapper that would leave it running.
    String command = ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("?");
    assertTrue(command.endsWith("/java"), "the child is the job's JVM, not a shell: " + command);
    run.close(); // destroyForcibly: SIGKILL to the JVM
    assertEquals(137, run.process.exitValue(), "killed by SIGKILL " + what);
    kills++;
    System.out.println("KilledRunIT: killed pid " + pid + " " + what + "; output then held "
        + listing(out));
  }

  private static List<String> listing(Path out) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out, 3)) {
      s.filter(p -> !p.equals(out)).map(p -> out.relativize(p).toString())
          .filter(n -> !n.contains("-train.") || n.startsWith("."))
          .sorted().forEach(names::add);
    }
    return names;
  }

  private static boolean hasAttemptFiles(Path out) {
    try (Stream<Path> s = Files.walk(out)) {
      return s.anyMatch(p -> p.toString().contains("/_attempts/a")
          && p.getFileName().toString().contains("-train.") && sizeOf(p) > 0);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean exists(Path p) {
    return Files.exists(p);
  }

  /**
   * Kills a run at {@code what}, checks what the dead run left, reruns it and compares the result
   * with the uninterrupted reference byte for byte.
   */
  private static void killAndRecover(String name, String what, Predicate<Path> when,
      boolean leftoverExpected) throws Exception {
    Path out = tmp.resolve(name);
    reader.watch(out);
    try (Cli.Running run = Cli.start(tmp, runArgs(out))) {
      killWhen(run, out, what, when);
    }
    // The dead run's lock is still there, and its in-progress directory, if any.
    assertTrue(exists(out.resolve(RunLock.NAME)), "the killed run's lock is left behind");
    List<Path> inProgress = new ArrayList<>();
    try (Stream<Path> s = Files.list(out)) {
      s.filter(p -> p.getFileName().toString().startsWith(".epoch-")).forEach(inProgress::add);
    }
    for (Path p : inProgress) {
      // Marked, or empty: killed between creating the directory and writing its marker.
      boolean empty;
      try (Stream<Path> s = Files.list(p)) {
        empty = s.findAny().isEmpty();
      }
      assertTrue(exists(p.resolve("_PREAUG_IN_PROGRESS")) || empty,
          p + " carries preaug's marker or is empty");
    }
    if (leftoverExpected) {
      assertFalse(inProgress.isEmpty(), "an in-progress directory was left by the kill");
    }
    List<String> publishedBefore = Reliability.published(out);

    Cli.Result again = Cli.run(tmp, runArgs(out));
    assertEquals(0, again.exit(), again.toString());
    for (Path p : inProgress) {
      assertTrue(again.out().lines().anyMatch(l -> l.startsWith("removing leftover of an earlier"
          + " run: ") && l.endsWith("/" + p.getFileName())), "rerun removes " + p + ": "
          + again.out());
    }
    assertEquals(inProgress.size(), again.out().lines()
        .filter(l -> l.startsWith("removing leftover")).count(), again.out());
    for (String e : publishedBefore) {
      assertTrue(again.out().contains("epoch " + Integer.parseInt(e.substring(6))
          + ": already published with this config and input, skipped"),
          "a complete epoch of the killed run is kept: " + again.out());
    }
    assertEquals(List.of("epoch-00000", "epoch-00001", "epoch-00002"),
        Reliability.published(out));
    Reliability.assertNoLeftovers(out);
    for (String e : List.of("epoch-00000", "epoch-00001", "epoch-00002")) {
      Map<String, byte[]> want = TestData.files(reference.resolve(e));
      Map<String, byte[]> got = TestData.files(out.resolve(e));
      differingBytes += Reliability.assertSameEpoch(want, got, name + " " + e);
      samplesLost += lostSamples(out.resolve(e));
    }
    assertEquals(List.of(), reader.problems(), "what a reader saw");
    reader.unwatch(out);
    deleteTree(out);
  }

  /** Records missing from an epoch; the epoch must also pass verify (exactly once each). */
  private static long lostSamples(Path epoch) throws IOException {
    Reliability.assertVerifies(epoch);
    long missing = Reliability.missingRecords(epoch);
    assertEquals(0, missing, "records missing from " + epoch);
    return missing;
  }

  @Test
  @Order(1)
  void killedDuringStageOneThenRerun() throws Exception {
    killAndRecover("kill-stage1", "during stage 1 (epoch 0 reading and augmenting)",
        out -> exists(out.resolve(".epoch-00000.inprogress/_PREAUG_IN_PROGRESS"))
            && !exists(out.resolve(".epoch-00000.inprogress/_attempts")), true);
  }

  @Test
  @Order(2)
  void killedDuringStageTwoThenRerun() throws Exception {
    killAndRecover("kill-stage2", "during stage 2 (shard files in _attempts)",
        KilledRunIT::hasAttemptFiles, true);
  }

  @Test
  @Order(3)
  void killedRightAfterAnEpochWasPublishedThenRerun() throws Exception {
    killAndRecover("kill-published", "right after epoch 0 was published",
        out -> exists(out.resolve("epoch-00000/_SUCCESS")), false);
  }

  @Test
  @Order(4)
  void killedWhileTheSecondEpochIsWrittenThenRerun() throws Exception {
    killAndRecover("kill-epoch1", "while epoch 1 is written (epoch 0 published)",
        out -> exists(out.resolve("epoch-00000/_SUCCESS")) && hasAttemptFiles(out), true);
  }

  @Test
  @Order(5)
  void exhaustedRetriesReachTheCallerAsOneLine() throws Exception {
    Path small = tmp.resolve("small");
    Path[] in = TestData.glyphs(small, 6, 4);
    Path out = tmp.resolve("exhausted");
    List<String> args = new java.util.ArrayList<>(List.of("--master", "local[2,4]"));
    args.addAll(FaultPlan.submitOptions("fraction=1;points=mid_shard;attempts=9;seed=2",
        TestData.repoRoot().resolve("spark-job/target/test-classes")));
    args.addAll(List.of("run", "--images", in[0].toString(), "--labels", in[1].toString(),
        "--output", out.toString(), "--shards", "3", "--format", "npy"));
    Cli.Result r = Cli.run(tmp, args.toArray(String[]::new));
    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.errorLines();
    assertEquals(1, lines.size(), "one line: " + r);
    assertTrue(lines.get(0).startsWith("preaug: failed: "), lines.get(0));
    assertTrue(lines.get(0).contains("injected fault at mid_shard in epoch 0"), lines.get(0));
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    assertEquals(List.of(), Reliability.published(out));
    Reliability.assertNoLeftovers(out);
    System.out.println("KilledRunIT: " + lines.get(0));
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
