package dev.preaug.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;

/**
 * A real YARN cluster with a real HDFS for tests, in this JVM: a {@link MiniDFSCluster} (one
 * NameNode, one DataNode) and a {@link MiniYARNCluster} (one ResourceManager with the
 * CapacityScheduler, one NodeManager whose containers are separate processes launched by its
 * DefaultContainerExecutor), on 127.0.0.1, plus what a client machine of such a cluster has:
 * <pre>
 * dir/spark-home/           jars/ (the embedded classpath and spark-yarn), conf/, bin/spark-submit
 *                           (see {@link StandaloneCluster#layOutSparkHome})
 * dir/hadoop-conf/          core-site.xml (fs.defaultFS) and yarn-site.xml (the ResourceManager's
 *                           addresses): the HADOOP_CONF_DIR a client needs
 * dir/logs/                 spark-submit.log and each launch's stdout and stderr
 * dir/hdfs/                 the HDFS's storage
 * </pre>
 * and, on that HDFS, {@value #SPARK_ARCHIVE}: the Spark home's jars in one zip, world readable,
 * for {@code spark.yarn.archive}, as a cluster's administrator would put it there once.
 *
 * <p>The ResourceManager has two queues, {@value #QUEUE} and {@code default}, half the cluster
 * each and both allowed to use all of it; the NodeManager offers 4 GB and 4 vcores. The
 * NodeManager's own folders (local dirs with the localized archive and the containers' working
 * directories, and the containers' logs) are MiniYARNCluster's, under
 * {@code target/test/data/YarnClusterIT/yarn-N} of the JVM's working directory:
 * {@link #nodeManagerDir}.
 */
public final class YarnCluster implements AutoCloseable {
  /** The executors' main class on YARN, as it appears on their command line. */
  public static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend";
  /** Where on HDFS the Spark jars are, zipped, for {@code spark.yarn.archive}. */
  public static final String SPARK_ARCHIVE = "/spark/spark-libs-4.2.0.zip";
  /** The queue the tests submit to (besides {@code default}). */
  public static final String QUEUE = "preaug";

  private static final String NAME = "YarnClusterIT";

  private static final Pattern CONTAINER_LOG_DIR =
      Pattern.compile("-Dspark\\.yarn\\.app\\.container\\.log\\.dir=(\\S+)");
  private static final Pattern SPARK_CONTAINER = Pattern.compile(
      "org\\.apache\\.spark\\.(executor\\.YarnCoarseGrainedExecutorBackend"
          + "|deploy\\.yarn\\.(ApplicationMaster|ExecutorLauncher))");

  private final Path dir;
  private final Path sparkHome;
  private final Path logs;
  private final Path hadoopConf;
  private MiniDFSCluster hdfs;
  private MiniYARNCluster yarn;
  private FileSystem fs;

  private YarnCluster(Path dir) {
    this.dir = dir.toAbsolutePath();
    this.sparkHome = this.dir.resolve("spark-home");
    this.logs = this.dir.resolve("logs");
    this.hadoopConf = this.dir.resolve("hadoop-conf");
  }

  /**
   * Replaces {@code dir} (a folder of its own under target/) with a new layout, starts HDFS and
   * YARN and uploads the Spark archive; returns once the NodeManager has registered.
   */
  public static YarnCluster start(Path dir, List<Path> classpathFiles) throws Exception {
    YarnCluster c = new YarnCluster(dir);
    boolean ok = false;
    try {
      deleteTree(c.dir);
      StandaloneCluster.layOutSparkHome(c.sparkHome, c.logs, classpathFiles);
      c.startHdfs();
      c.startYarn();
      c.writeClientConf();
      c.uploadSparkArchive();
      ok = true;
      return c;
    } finally {
      if (!ok) {
        c.close();
      }
    }
  }

  private void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
  }

  private void startYarn() throws Exception {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", fs.getUri().toString());
    // No capacity-scheduler.xml comes with the minicluster: the queues are declared here.
    conf.set("yarn.scheduler.capacity.root.queues", "default," + QUEUE);
    conf.set("yarn.scheduler.capacity.root.default.capacity", "50");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    conf.set("yarn.scheduler.capacity.root." + QUEUE + ".capacity", "50");
    conf.set("yarn.scheduler.capacity.root." + QUEUE + ".maximum-capacity", "100");
    // The default (10% of a queue for ApplicationMasters) would hold a 2 GB queue to one AM.
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    conf.setInt("yarn.nodemanager.resource.memory-mb", 4096);
    conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
    conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
    conf.setInt("yarn.scheduler.maximum-allocation-mb", 4096);
    // Containers are JVMs on a small shared machine: YARN's memory policing would kill them for
    // virtual memory they never touch.
    conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage",
        "99.5");
    // A NodeManager gives containers JAVA_HOME from its own environment (hadoop-env.sh on a
    // real node); this JVM may have none, so the node's admin environment names it.
    conf.set("yarn.nodemanager.admin-env",
        "MALLOC_ARENA_MAX=2,JAVA_HOME=" + System.getProperty("java.home"));
    // MiniYARNCluster makes a new yarn-RANDOM folder under test.build.data on every start;
    // earlier runs' (each with its ~230 MB of localized jars) go first.
    deleteTree(Path.of(System.getProperty("test.build.data", "target/test/data"), NAME));
    yarn = new MiniYARNCluster(NAME, 1, 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    // start() may return before the ResourceManager has written its bound port back.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ResourceManager has no address after 60 s");
      }
      Thread.sleep(100);
    }
    if (!yarn.waitForNodeManagersToConnect(60_000)) {
      throw new IllegalStateException("the NodeManager did not register within 60 s");
    }
  }

  /** HADOOP_CONF_DIR for clients: what a cluster's gateway machine would have. */
  private void writeClientConf() throws IOException {
    Files.createDirectories(hadoopConf);
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", fs.getUri().toString());
    write(core, hadoopConf.resolve("core-site.xml"));
    Configuration site = new Configuration(false);
    Configuration running = yarn.getConfig();
    for (String key : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
        YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS)) {
      site.set(key, running.get(key));
    }
    write(site, hadoopConf.resolve("yarn-site.xml"));
  }

  private static void write(Configuration conf, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      conf.writeXml(out);
    }
  }

  /**
   * The Spark home's jars, stored uncompressed in one zip on HDFS (world readable, so each
   * NodeManager localizes it once for all applications).
   */
  private void uploadSparkArchive() throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(SPARK_ARCHIVE);
    List<Path> jars;
    try (Stream<Path> s = Files.list(sparkHome.resolve("jars"))) {
      jars = s.sorted().toList();
    }
    try (ZipOutputStream zip = new ZipOutputStream(fs.create(target, false))) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (Path jar : jars) {
        zip.putNextEntry(new ZipEntry(jar.getFileName().toString()));
        try (InputStream in = Files.newInputStream(jar)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
  }

  /** The environment of a client of this cluster: SPARK_HOME, HADOOP_CONF_DIR and friends. */
  public Map<String, String> clientEnv() {
    return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1", "HADOOP_CONF_DIR", hadoopConf.toString());
  }

  public FileSystem fs() {
    return fs;
  }

  /** hdfs://host:port of the NameNode. */
  public String hdfsUri() {
    return fs.getUri().toString();
  }

  public Path dir() {
    return dir;
  }

  public Path logDir() {
    return logs;
  }

  /** MiniYARNCluster's folder: the NodeManager's local and log dirs. */
  public Path nodeManagerDir() {
    return yarn.getTestWorkDir().toPath().toAbsolutePath();
  }

  /** The text of one log under logs/ ("" when absent). */
  public String log(String name) throws IOException {
    Path p = logs.resolve(name);
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  /** Every application the ResourceManager knows, by id. */
  public Map<ApplicationId, RMApp> applications() {
    return Map.copyOf(yarn.getResourceManager().getRMContext().getRMApps());
  }

  /**
   * The NodeManager's public cache entries named {@code name}: what it localized once for all
   * applications (world-readable files on HDFS).
   */
  public List<Path> publicCache(String name) throws IOException {
    try (Stream<Path> s = Files.walk(nodeManagerDir(), 4)) {
      return s.filter(p -> p.getFileName().toString().equals(name)
          && p.getParent().getParent().getFileName().toString().equals("filecache")
          && p.getParent().getParent().getParent().getFileName().toString()
              .contains("-localDir-nm-")).toList();
    }
  }

  /** The log folders of every container of one application (NM log dir/APP/CONTAINER). */
  public List<Path> containerLogDirs(ApplicationId app) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(nodeManagerDir(), 3)) {
      s.filter(p -> p.getParent() != null
          && p.getParent().getFileName().toString().equals(app.toString())
          && p.getFileName().toString().startsWith("container_")).sorted().forEach(out::add);
    }
    return out;
  }

  /**
   * Live Spark executor JVMs in this cluster's containers (descendants of this JVM). Only the
   * java processes: the container's {@code bash -c "java ..."} above each carries the same
   * words, and killing it instead makes the NodeManager clean the container's folders up under
   * a JVM that is still running tasks.
   */
  public List<ProcessHandle> executors() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> {
          String cmd = StandaloneCluster.cmdline(p);
          String argv0 = cmd.contains(" ") ? cmd.substring(0, cmd.indexOf(' ')) : cmd;
          return (argv0.equals("java") || argv0.endsWith("/java")) && cmd.contains(EXECUTOR_MAIN);
        }).toList();
  }

  /** A container JVM's log folder (its stdout and stderr), from its command line. */
  public static Path containerLogDir(ProcessHandle p) {
    Matcher m = CONTAINER_LOG_DIR.matcher(StandaloneCluster.cmdline(p));
    return m.find() ? Path.of(m.group(1)) : null;
  }

  /**
   * Every log of this cluster for assertion messages: spark-submit invocations, launches, and
   * each container's stdout and stderr (tails).
   */
  public String logs() {
    StringBuilder sb = new StringBuilder();
    for (Path root : List.of(logs, nodeManagerDir())) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(Files::isRegularFile).filter(p -> {
          String n = p.getFileName().toString();
          return n.endsWith(".log") || n.endsWith(".stdout") || n.endsWith(".stderr")
              || n.equals("stderr") || n.equals("stdout");
        }).sorted().toList()) {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          sb.append("----- ").append(root.getParent().relativize(p)).append('\n')
              .append(text.length() > 6000 ? "...\n" + text.substring(text.length() - 6000)
                  : text);
        }
      } catch (IOException | RuntimeException e) {
        sb.append("(cannot read ").append(root).append(": ").append(e).append(")\n");
      }
    }
    return sb.toString();
  }

  /** Stops YARN (its NodeManager stops the containers), then HDFS; kills what is left. */
  @Override
  public void close() {
    if (yarn != null) {
      yarn.stop();
    }
    // Containers a stopped NodeManager left behind (none, normally) are children of this JVM.
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      if (SPARK_CONTAINER.matcher(StandaloneCluster.cmdline(p)).find()) {
        p.destroyForcibly();
      }
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
