package dev.preaug.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * preaug on a real YARN cluster with a real HDFS ({@link YarnCluster}: MiniYARNCluster and
 * MiniDFSCluster from hadoop-client-minicluster), submitted by the real {@code ./submit.sh
 * --master yarn} through {@code SPARK_HOME/bin/spark-submit} in client and in cluster deploy
 * mode, input and output on that HDFS, the Spark jars taken by the containers from
 * {@code spark.yarn.archive} on HDFS. Every published file must be byte-identical to a
 * {@code local[2]} run of the same input, config and seed, also when an executor's container
 * process is killed while epoch 0 is being written.
 *
 * <p>Everything lands in {@code spark-job/target/yarn-cluster-it/} (spark home, HADOOP_CONF_DIR,
 * launches' output, the local reference, the HDFS outputs copied back) and
 * {@code spark-job/target/test/data/YarnClusterIT/} (the NodeManager's dirs: every container's
 * stdout and stderr under its log dir).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class YarnClusterIT {
  private static final int CLASSES = 40;
  private static final int PER_CLASS = 10;
  private static final int SHARDS = 4;
  private static final int EPOCHS = 2;
  private static final Pattern STAGE_1_TASK =
      Pattern.compile("Running task \\S+ in stage 1\\.0 ");

  static Path root;
  static YarnCluster cluster;
  static Path localOut;
  static String images;
  static String labels;

  @BeforeAll
  static void start() throws Exception {
    root = TestData.repoRoot().resolve("spark-job/target/yarn-cluster-it");
    Path target = TestData.repoRoot().resolve("spark-job/target");
    cluster = YarnCluster.start(root.resolve("cluster"),
        List.of(target.resolve("embedded-classpath.txt"), target.resolve("yarn-classpath.txt")));
    Path runs = root.resolve("runs");
    Path[] data = TestData.glyphs(root.resolve("data"), CLASSES, PER_CLASS);
    images = cluster.hdfsUri() + "/data/images.npy";
    labels = cluster.hdfsUri() + "/data/labels.npy";
    cluster.fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(data[0].toString()),
        new org.apache.hadoop.fs.Path(images));
    cluster.fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(data[1].toString()),
        new org.apache.hadoop.fs.Path(labels));
    // The reference: the same data, config and seed in embedded local[2] mode, on local disk.
    // A previous build's outputs here were written with its config hash; start clean.
    StandaloneClusterIT.deleteTree(runs);
    Files.createDirectories(runs);
    localOut = runs.resolve("local");
    Map<String, String> env = Map.of("PREAUG_EMBEDDED", "1", "SPARK_LOCAL_IP", "127.0.0.1",
        "PREAUG_JAVA_OPTS", "-Xmx768m -XX:TieredStopAtLevel=1");
    Launch local = Launch.run(runs, env, cluster.logDir(), "local", 180,
        runArgs(List.of("--master", "local[2]"), data[0].toString(), data[1].toString(),
            localOut.toString()));
    assertEquals(0, local.exit(), local.toString());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static List<String> runArgs(List<String> sparkOptions, String images, String labels,
      String output) {
    List<String> a = new ArrayList<>(sparkOptions);
    a.addAll(List.of("run", "--images", images, "--labels", labels, "--output", output,
        "--epochs", Integer.toString(EPOCHS), "--shards", Integer.toString(SHARDS), "--format",
        "both", "--seed", "5"));
    return a;
  }

  /**
   * What a user passes to submit.sh for this cluster: the queue, two one-core executors, and
   * small JVMs for this machine; the Spark jars come from the archive on HDFS.
   */
  private static List<String> yarnOptions(String deployMode) {
    List<String> o = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", deployMode,
        "--queue", YarnCluster.QUEUE, "--num-executors", "2", "--executor-cores", "1",
        "--executor-memory", "512m", "--driver-memory", "512m",
        "--conf", "spark.yarn.archive=" + cluster.hdfsUri() + YarnCluster.SPARK_ARCHIVE,
        "--conf", "spark.yarn.am.memory=512m",
        "--conf", "spark.yarn.maxAppAttempts=1",
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
    if (deployMode.equals("client")) {
      // The driver is on this machine; the AM (an ExecutorLauncher) is a container.
      o.addAll(List.of("--conf", "spark.driver.host=127.0.0.1",
          "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.yarn.am.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
    } else {
      o.addAll(List.of("--driver-java-options", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
    }
    return o;
  }

  private static Map<String, String> clientEnv() {
    Map<String, String> env = new HashMap<>(cluster.clientEnv());
    env.put("PREAUG_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
    return env;
  }

  private static String out(String name) {
    return cluster.hdfsUri() + "/epochs/" + name;
  }

  /** Runs preaug on YARN; returns the application it ran as, after checking its outcome. */
  private static RMApp runOnYarn(String deployMode, String name) throws Exception {
    Set<ApplicationId> before = new HashSet<>(cluster.applications().keySet());
    String submitsBefore = cluster.log("spark-submit.log");
    Launch run = Launch.run(root, clientEnv(), cluster.logDir(), name, 300,
        runArgs(yarnOptions(deployMode), images, labels, out(name)));
    RMApp app = newApplication(before);
    String diag = run + "\n" + cluster.logs();
    assertEquals(0, run.exit(), diag);
    assertEquals(FinalApplicationStatus.SUCCEEDED, finalStatus(app), diag);
    assertEquals("root." + YarnCluster.QUEUE, app.getQueue(), diag);
    String submits = cluster.log("spark-submit.log").substring(submitsBefore.length());
    assertTrue(submits.contains("--master yarn --deploy-mode " + deployMode), submits);
    assertTrue(submits.contains("--class dev.preaug.cli.Main"), submits);
    return app;
  }

  private static RMApp newApplication(Set<ApplicationId> before) {
    List<RMApp> added = cluster.applications().entrySet().stream()
        .filter(e -> !before.contains(e.getKey())).map(Map.Entry::getValue).toList();
    assertEquals(1, added.size(), "one new YARN application: " + added);
    return added.get(0);
  }

  /**
   * The application's final status once YARN has recorded it. In client mode spark-submit exits
   * as soon as the driver stops; the ApplicationMaster learns of it by a message (or the lost
   * connection) and unregisters afterwards, so right after the exit the ResourceManager can still
   * say UNDEFINED on a busy machine.
   */
  private static FinalApplicationStatus finalStatus(RMApp app) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (app.getFinalApplicationStatus() == FinalApplicationStatus.UNDEFINED
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return app.getFinalApplicationStatus();
  }

  /** The containers' stdout, concatenated (the driver's, in cluster mode). */
  private static String containerStdout(ApplicationId app) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path c : cluster.containerLogDirs(app)) {
      Path stdout = c.resolve("stdout");
      if (Files.exists(stdout)) {
        sb.append(Files.readString(stdout, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  /** The HDFS output copied to local disk, compared with the local[2] reference. */
  private static void assertSameAsLocal(String name, String diag) throws IOException {
    Path copy = root.resolve("runs/" + name);
    cluster.fs().copyToLocalFile(false, new org.apache.hadoop.fs.Path(out(name)),
        new org.apache.hadoop.fs.Path(copy.toString()), true);
    SameEpochs.assertSame(localOut, copy, EPOCHS, SHARDS, diag);
    List<String> listed = new ArrayList<>();
    for (FileStatus s : cluster.fs().listStatus(new org.apache.hadoop.fs.Path(out(name)))) {
      if (!s.getPath().getName().startsWith("_preaug")) {
        listed.add(s.getPath().getName());
      }
    }
    listed.sort(null);
    assertEquals(List.of("epoch-00000", "epoch-00001"), listed, "no in-progress leftovers");
  }

  private static void assertVerifies(String name) throws Exception {
    Launch verify = Launch.run(root, clientEnv(), cluster.logDir(), name + "-verify", 120,
        List.of("verify", out(name)));
    assertEquals(0, verify.exit(), verify.toString());
    assertEquals(EPOCHS, verify.out().lines().filter(l -> l.startsWith("OK ")).count(),
        verify.toString());
  }

  @Test
  void clientModeIsByteIdenticalToLocal() throws Exception {
    RMApp app = runOnYarn("client", "client");
    String diag = cluster.logs();
    assertTrue(cluster.log("client.stdout").contains("done: " + EPOCHS + " epoch(s) published"),
        diag);
    // The ExecutorLauncher (client mode's AM) and the two executors.
    assertEquals(3, cluster.containerLogDirs(app.getApplicationId()).size(), diag);
    assertSameAsLocal("client", diag);
    assertVerifies("client");
    // The archive is public on HDFS: the NodeManager keeps one copy for every application.
    assertEquals(1, cluster.publicCache(
        Path.of(YarnCluster.SPARK_ARCHIVE).getFileName().toString()).size(), diag);
  }

  @Test
  void clusterModeIsByteIdenticalToLocal() throws Exception {
    RMApp app = runOnYarn("cluster", "cluster");
    String diag = cluster.logs();
    // The driver ran in the ApplicationMaster's container: its summary is that one's stdout.
    assertTrue(containerStdout(app.getApplicationId())
        .contains("done: " + EPOCHS + " epoch(s) published"), diag);
    assertEquals(3, cluster.containerLogDirs(app.getApplicationId()).size(), diag);
    assertSameAsLocal("cluster", diag);
  }

  @Test
  void clusterModeBadInputFailsTheApplicationWithTheOneLineError() throws Exception {
    Set<ApplicationId> before = new HashSet<>(cluster.applications().keySet());
    String missing = cluster.hdfsUri() + "/data/missing.npy";
    Launch run = Launch.run(root, clientEnv(), cluster.logDir(), "cluster-bad", 300,
        runArgs(yarnOptions("cluster"), missing, labels, out("cluster-bad")));
    RMApp app = newApplication(before);
    String diag = run + "\n" + cluster.logs();
    assertNotEquals(0, run.exit(), diag);
    assertEquals(FinalApplicationStatus.FAILED, finalStatus(app), diag);
    // The driver's one-line error is in the AM container's stderr; the AM reports preaug's exit
    // code to YARN as the application's diagnostics, which spark-submit prints.
    StringBuilder amErr = new StringBuilder();
    for (Path c : cluster.containerLogDirs(app.getApplicationId())) {
      amErr.append(Files.readString(c.resolve("stderr"), StandardCharsets.UTF_8));
    }
    assertTrue(amErr.toString().contains("preaug: error: ")
        && amErr.toString().contains("missing.npy"), diag);
    assertTrue(run.err().contains("preaug exited with code " + dev.preaug.cli.Main.EXIT_BAD_INPUT), diag);
    assertFalse(cluster.fs().exists(new org.apache.hadoop.fs.Path(out("cluster-bad")
        + "/epoch-00000")), diag);
  }

  @Test
  void executorContainerKilledWhileWritingStillPublishesTheSameBytes() throws Exception {
    String name = "client-kill";
    Set<ApplicationId> before = new HashSet<>(cluster.applications().keySet());
    Set<ProcessHandle> earlier = new HashSet<>(cluster.executors());
    ProcessHandle killed = null;
    boolean publishedAtKill = true;
    try (Launch run = Launch.start(root, clientEnv(), cluster.logDir(), name,
        runArgs(yarnOptions("client"), images, labels, out(name)))) {
      // Wait until an executor of this application starts a task of stage 1 (epoch 0 is then
      // being computed; checked below: not yet published), then kill -9 its JVM, the
      // container's process, as the kernel's OOM killer would.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (killed == null && run.isAlive() && System.nanoTime() < deadline) {
        for (ProcessHandle e : cluster.executors()) {
          Path logDir = YarnCluster.containerLogDir(e);
          if (earlier.contains(e) || logDir == null) {
            continue;
          }
          Path stderr = logDir.resolve("stderr");
          if (Files.exists(stderr) && STAGE_1_TASK.matcher(
              Files.readString(stderr, StandardCharsets.UTF_8)).find()) {
            e.destroyForcibly();
            killed = e;
            publishedAtKill = cluster.fs().exists(
                new org.apache.hadoop.fs.Path(out(name) + "/epoch-00000"));
            break;
          }
        }
        Thread.sleep(10);
      }
      String diag0 = run + "\n" + cluster.logs();
      assertNotNull(killed, "no executor ran a task of stage 1\n" + diag0);
      assertFalse(publishedAtKill, "the kill came after epoch 0 was published\n" + diag0);
      killed.onExit().get(30, TimeUnit.SECONDS);
      int exit = run.await(300);
      RMApp app = newApplication(before);
      String diag = run + "\n" + cluster.logs();
      assertEquals(0, exit, diag);
      assertEquals(FinalApplicationStatus.SUCCEEDED, finalStatus(app), diag);
      assertTrue(run.out().contains("done: " + EPOCHS + " epoch(s) published"), diag);
      // The driver lost the executor, YARN reported its container's exit, and the driver's
      // allocator got a new container for a replacement executor.
      assertTrue(run.err().contains("Lost executor"), "the driver saw the loss\n" + diag);
      assertTrue(run.err().contains("Exit status: 137"), "the killed container's exit\n" + diag);
      assertEquals(4, cluster.containerLogDirs(app.getApplicationId()).size(),
          "the AM, two executors and a replacement\n" + diag);
      assertSameAsLocal(name, diag);
    }
    assertVerifies(name);
  }
}
