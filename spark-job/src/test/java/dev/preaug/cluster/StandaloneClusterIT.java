package dev.preaug.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * preaug on a real Spark standalone cluster: a Master and two Workers (1 core each), each its
 * own JVM, executors in further JVMs, the job submitted by the real {@code ./submit.sh
 * --master spark://...} through {@code SPARK_HOME/bin/spark-submit}. Every published file must
 * be byte-identical to a {@code local[2]} run of the same command line, also when an executor
 * JVM is killed while the epoch is being written.
 *
 * <p>The runs use relative input and output paths from one working directory, as a user
 * would: the driver and the executors (whose working directories are the Workers') must agree
 * on what they mean.
 *
 * <p>Everything lands in {@code spark-job/target/standalone-cluster-it/} for diagnosis:
 * {@code cluster/logs} (Master, Workers, spark-submit invocations, each launch's stdout and
 * stderr), {@code cluster/work} (executors' stderr), {@code runs/} (the outputs).
 */
class StandaloneClusterIT {
  private static final int CLASSES = 40;
  private static final int PER_CLASS = 10;
  private static final int SHARDS = 4;
  private static final int EPOCHS = 2;
  private static final Pattern WRITE_STAGE_TASK =
      Pattern.compile("Running task \\S+ in stage 1\\.0 ");

  static Path root;
  static Path runs;
  static StandaloneCluster cluster;
  static Path localOut;

  @BeforeAll
  static void start() throws Exception {
    root = TestData.repoRoot().resolve("spark-job/target/standalone-cluster-it");
    cluster = StandaloneCluster.start(root.resolve("cluster"),
        TestData.repoRoot().resolve("spark-job/target/embedded-classpath.txt"), 2, "1g");
    runs = root.resolve("runs");
    deleteTree(runs);
    Files.createDirectories(runs);
    TestData.glyphs(root.resolve("data"), CLASSES, PER_CLASS);
    // The reference: the same command line in embedded local[2] mode.
    Map<String, String> env = Map.of("PREAUG_EMBEDDED", "1", "SPARK_LOCAL_IP", "127.0.0.1",
        "PREAUG_JAVA_OPTS", "-Xmx768m -XX:TieredStopAtLevel=1");
    Launch local = Launch.run(runs, env, cluster.logDir(), "local", 180,
        runArgs(List.of("--master", "local[2]"), "local"));
    assertEquals(0, local.exit(), local.toString());
    localOut = runs.resolve("local");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** spark-submit options, then the run command with relative paths (cwd = runs/). */
  private static List<String> runArgs(List<String> sparkOptions, String output) {
    List<String> a = new ArrayList<>(sparkOptions);
    a.addAll(List.of("run", "--images", "../data/images.npy", "--labels", "../data/labels.npy",
        "--output", output, "--epochs", Integer.toString(EPOCHS), "--shards",
        Integer.toString(SHARDS), "--format", "both", "--seed", "5"));
    return a;
  }

  /** What a user would pass to submit.sh for this cluster (small JVMs for this machine). */
  private static List<String> clusterOptions() {
    return List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
        "--driver-memory", "512m", "--executor-memory", "512m",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -Djava.io.tmpdir="
            + cluster.dir().resolve("tmp"));
  }

  private static Map<String, String> clusterEnv() {
    Map<String, String> env = new HashMap<>(cluster.clientEnv());
    env.put("PREAUG_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
    return env;
  }

  @Test
  void clusterRunIsByteIdenticalToLocal() throws Exception {
    String submitsBefore = cluster.log("spark-submit.log");
    Launch run = Launch.run(runs, clusterEnv(), cluster.logDir(), "cluster", 180,
        runArgs(clusterOptions(), "cluster"));
    String diag = run + "\n" + cluster.logs();
    assertEquals(0, run.exit(), diag);
    assertTrue(run.out().contains("done: " + EPOCHS + " epoch(s) published"), diag);

    // It went through SPARK_HOME/bin/spark-submit with the thin jar and main class, and the
    // cluster ran the application's executors.
    String submits = cluster.log("spark-submit.log").substring(submitsBefore.length());
    assertTrue(submits.contains("--master " + cluster.masterUrl()), submits);
    assertTrue(submits.contains("--class dev.preaug.cli.Main"), submits);
    assertTrue(submits.contains("preaug-spark-job-"), submits);
    assertTrue(submits.contains("org.apache.spark.deploy.SparkSubmit"), submits);
    List<Path> appDirs = executorDirs(run);
    assertEquals(2, appDirs.size(), "one executor per Worker: " + appDirs + "\n" + diag);

    SameEpochs.assertSame(localOut, runs.resolve("cluster"), EPOCHS, SHARDS, diag);
    Launch verify = Launch.run(runs, clusterEnv(), cluster.logDir(), "cluster-verify", 120,
        List.of("verify", "cluster"));
    assertEquals(0, verify.exit(), verify.toString());
    assertEquals(EPOCHS, verify.out().lines().filter(l -> l.startsWith("OK ")).count(),
        verify.toString());
  }

  @Test
  void executorKilledWhileWritingStillPublishesTheSameBytes() throws Exception {
    Path out = runs.resolve("cluster-kill");
    ProcessHandle killed = null;
    boolean publishedAtKill = true;
    // Executors of earlier applications (still shutting down) are not this run's.
    List<Path> earlierApps = appDirs();
    try (Launch run = Launch.start(runs, clusterEnv(), cluster.logDir(), "cluster-kill",
        runArgs(clusterOptions(), "cluster-kill"))) {
      // Wait until an executor of this application starts a task of epoch 0's write stage
      // (stage 1: reading the shuffle, writing shard files into _attempts), then kill -9 it.
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (killed == null && run.isAlive() && System.nanoTime() < deadline) {
        for (ProcessHandle e : cluster.executors()) {
          Path dir;
          try {
            dir = StandaloneCluster.workDir(e);
          } catch (IOException gone) {
            continue;
          }
          Path stderr = dir.resolve("stderr");
          if (!earlierApps.contains(dir.getParent()) && Files.exists(stderr)
              && WRITE_STAGE_TASK.matcher(Files.readString(stderr, StandardCharsets.UTF_8))
                  .find()) {
            e.destroyForcibly();
            killed = e;
            publishedAtKill = Files.exists(out.resolve("epoch-00000"));
            break;
          }
        }
        Thread.sleep(10);
      }
      String diag0 = run + "\n" + cluster.logs();
      assertNotNull(killed, "no executor ran epoch 0's write stage\n" + diag0);
      assertFalse(publishedAtKill, "the kill came after epoch 0 was published\n" + diag0);
      killed.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      int exit = run.await(240);
      String diag = run + "\n" + cluster.logs();
      assertEquals(0, exit, diag);
      assertTrue(run.out().contains("done: " + EPOCHS + " epoch(s) published"), diag);
      // The driver lost the executor, its Worker saw it die, and the Master replaced it.
      assertTrue(run.err().contains("Lost executor"), "the driver saw the loss\n" + diag);
      assertTrue(cluster.logs().contains("exitStatus 137")
          || cluster.logs().contains("exited with code 137"), "the killed executor\n" + diag);
      assertTrue(executorDirs(run).size() >= 3, "a replacement executor\n" + diag);

      SameEpochs.assertSame(localOut, out, EPOCHS, SHARDS, diag);
      try (Stream<Path> s = Files.list(out)) {
        assertEquals(List.of("epoch-00000", "epoch-00001"), s.map(p -> p.getFileName()
            .toString()).filter(n -> !n.startsWith("_preaug")).sorted().toList(),
            "no in-progress leftovers");
      }
    }
    Launch verify = Launch.run(runs, clusterEnv(), cluster.logDir(), "cluster-kill-verify",
        120, List.of("verify", "cluster-kill"));
    assertEquals(0, verify.exit(), verify.toString());
    assertEquals(EPOCHS, verify.out().lines().filter(l -> l.startsWith("OK ")).count(),
        verify.toString());
  }

  /** The application directories on all Workers (work/worker-N/APP), real paths. */
  private static List<Path> appDirs() throws IOException {
    try (Stream<Path> s = Files.list(cluster.dir().resolve("work"))) {
      List<Path> out = new ArrayList<>();
      for (Path worker : s.toList()) {
        try (Stream<Path> apps = Files.list(worker)) {
          for (Path app : apps.toList()) {
            out.add(app.toRealPath());
          }
        }
      }
      return out;
    }
  }

  /** The executor directories of the application a launch ran (work/worker-N/APP/EXEC). */
  private static List<Path> executorDirs(Launch run) throws IOException {
    String err = run.err();
    java.util.regex.Matcher m = Pattern.compile("app-\\d+-\\d+").matcher(
        cluster.log("master.log"));
    List<String> apps = new ArrayList<>();
    while (m.find()) {
      if (!apps.contains(m.group())) {
        apps.add(m.group());
      }
    }
    assertFalse(apps.isEmpty(), "no application registered with the Master\n" + err);
    String app = apps.get(apps.size() - 1);
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(cluster.dir().resolve("work"), 3)) {
      s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals(app))
          .forEach(dirs::add);
    }
    return dirs;
  }

  /** Removes a test's own earlier outputs (a rerun with another config would be refused). */
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
