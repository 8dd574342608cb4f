package dev.preaug.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for tests: one Master and {@code n} Workers, each its own JVM
 * on 127.0.0.1, started from the Spark jars Maven resolved for the build (no Spark
 * distribution needed).
 *
 * <p>It lays out a Spark home under {@code dir}:
 * <pre>
 * dir/spark-home/jars/          symlinks to the provided-scope jars (embedded-classpath.txt)
 * dir/spark-home/conf/          log4j2.properties for Master, Workers and executors
 * dir/spark-home/bin/spark-submit   a stand-in for a distribution's script: Spark's own launcher
 *                               library builds the driver command, as bin/spark-class does
 * dir/logs/                     master.log, worker-N.log, spark-submit.log (invocations)
 * dir/work/worker-N/            each Worker's work dir: app-*&#47;EXEC/stderr of every executor
 * dir/local/, dir/tmp/          Spark local dirs and the JVMs' temp dir
 * </pre>
 * Everything it starts is stopped by {@link #close}, and by a shutdown hook if the test JVM
 * exits first; executors (children of the Workers) are found through the process tree.
 */
public final class StandaloneCluster implements AutoCloseable {
  /** The executors' main class, as it appears on their command line. */
  public static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private static final Pattern MASTER_URL =
      Pattern.compile("Starting Spark master at (spark://[0-9.]+:[0-9]+)");
  private static final String REGISTERED = "Successfully registered with master";
  private static final Set<StandaloneCluster> LIVE = new LinkedHashSet<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      List<StandaloneCluster> all;
      synchronized (LIVE) {
        all = new ArrayList<>(LIVE);
      }
      all.forEach(StandaloneCluster::close);
    }, "standalone-cluster-cleanup"));
  }

  private final Path dir;
  private final Path sparkHome;
  private final Path logs;
  private final List<Process> workers = new ArrayList<>();
  private Process master;
  private String masterUrl;

  private StandaloneCluster(Path dir) {
    this.dir = dir.toAbsolutePath();
    this.sparkHome = this.dir.resolve("spark-home");
    this.logs = this.dir.resolve("logs");
  }

  /**
   * Lays out a Spark home in {@code dir} (new, empty, or an earlier layout, which is replaced)
   * from {@code classpathFile} (a ':'-separated jar list) and starts a Master and
   * {@code workers} Workers of one core and {@code workerMemory} each; returns once every
   * Worker has registered.
   */
  public static StandaloneCluster start(Path dir, Path classpathFile, int workers,
      String workerMemory) throws IOException, InterruptedException {
    StandaloneCluster c = new StandaloneCluster(dir);
    synchronized (LIVE) {
      LIVE.add(c);
    }
    boolean ok = false;
    try {
      c.layOut(classpathFile);
      c.startMaster();
      for (int i = 0; i < workers; i++) {
        c.workers.add(c.startWorker(i, workerMemory));
      }
      for (int i = 0; i < workers; i++) {
        c.awaitLog(c.logs.resolve("worker-" + i + ".log"), c.workers.get(i), REGISTERED);
      }
      ok = true;
      return c;
    } finally {
      if (!ok) {
        c.close();
      }
    }
  }

  /**
   * Starts a cluster by hand (benchmarks, trying submit.sh against it) and keeps it up until
   * this JVM is stopped (Ctrl-C) or its stdin closes:
   * {@code java $OPENS -cp spark-job/target/test-classes:$(cat
   * spark-job/target/embedded-classpath.txt) dev.preaug.cluster.StandaloneCluster DIR
   * [WORKERS [WORKER_MEMORY]]}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: StandaloneCluster DIR [WORKERS [WORKER_MEMORY]]");
      System.exit(2);
    }
    Path cp = Path.of(System.getProperty("preaug.classpath.file",
        "spark-job/target/embedded-classpath.txt"));
    StandaloneCluster c = start(Path.of(args[0]), cp,
        args.length > 1 ? Integer.parseInt(args[1]) : 2, args.length > 2 ? args[2] : "1g");
    System.out.println("export SPARK_HOME=" + c.sparkHome());
    System.out.println("MASTER=" + c.masterUrl());
    System.out.println("logs: " + c.logDir() + "   (stop: Ctrl-C or close stdin)");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Up until stdin closes.
    }
    c.close();
  }

  public String masterUrl() {
    return masterUrl;
  }

  /** The laid-out Spark home (jars/, conf/, bin/spark-submit). */
  public Path sparkHome() {
    return sparkHome;
  }

  public Path logDir() {
    return logs;
  }

  public Path dir() {
    return dir;
  }

  /** The environment a client of this cluster needs: SPARK_HOME and friends. */
  public Map<String, String> clientEnv() {
    return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  /** Live executor JVMs of this cluster (descendants of its Workers). */
  public List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Process w : workers) {
      w.descendants().filter(ProcessHandle::isAlive)
          .filter(p -> cmdline(p).contains(EXECUTOR_MAIN)).forEach(out::add);
    }
    return out;
  }

  /** An executor's work directory (its current directory: work/worker-N/APP/EXEC). */
  public static Path workDir(ProcessHandle executor) throws IOException {
    return Path.of("/proc", Long.toString(executor.pid()), "cwd").toRealPath();
  }

  /** Every log of this cluster, for assertion messages: Master, Workers and executors. */
  public String logs() {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log")
          || p.getFileName().toString().equals("stderr")).sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        sb.append("----- ").append(dir.relativize(p)).append('\n')
            .append(text.length() > 6000 ? "...\n" + text.substring(text.length() - 6000)
                : text);
      }
    } catch (IOException e) {
      sb.append("(cannot read logs: ").append(e).append(")\n");
    }
    return sb.toString();
  }

  /** The text of one log under logs/ ("" when absent). */
  public String log(String name) throws IOException {
    Path p = logs.resolve(name);
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  /**
   * The full command line of a process, from /proc (ProcessHandle's view is cut short for long
   * command lines such as a JVM's with a classpath); "" when it is gone.
   */
  public static String cmdline(ProcessHandle p) {
    try {
      byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return new String(b, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops Workers (and with them their executors), then the Master; kills what is left. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process w : workers) {
      w.descendants().forEach(all::add);
      all.add(w.toHandle());
    }
    if (master != null) {
      master.descendants().forEach(all::add);
      all.add(master.toHandle());
    }
    // A Worker given SIGTERM kills its executors itself; give them a moment, then force.
    for (Process w : workers) {
      w.destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Process w : workers) {
      waitQuietly(w.toHandle(), deadline);
    }
    if (master != null) {
      master.destroy();
      waitQuietly(master.toHandle(), System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
    }
    for (ProcessHandle p : all) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    synchronized (LIVE) {
      LIVE.remove(this);
    }
  }

  private static void waitQuietly(ProcessHandle p, long deadlineNanos) {
    try {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      }
    } catch (Exception e) {
      // Forced below.
    }
  }

  // ---- layout ---------------------------------------------------------------------------

  private void layOut(Path classpathFile) throws IOException {
    // Empties only a folder that is absent, empty, or an earlier layout of this class.
    if (Files.isDirectory(dir) && !Files.exists(sparkHome.resolve("bin/spark-submit"))) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalStateException(dir + " is not empty and holds no earlier cluster"
              + " layout; choose an empty or new folder");
        }
      }
    }
    deleteTree(dir);
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(dir.resolve("local"));
    Files.createDirectories(dir.resolve("tmp"));
    layOutSparkHome(sparkHome, logs, List.of(classpathFile));
  }

  /**
   * Lays out a Spark home (jars/, conf/, bin/spark-submit; see the class comment) in the new
   * folder {@code sparkHome}, its jars linked from {@code classpathFiles} (':'-separated jar
   * lists; the first is the embedded classpath), spark-submit logging into {@code logs}.
   * {@link YarnCluster} adds spark-yarn's list, as a distribution built for YARN has it.
   */
  static void layOutSparkHome(Path sparkHome, Path logs, List<Path> classpathFiles)
      throws IOException {
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    Files.createDirectories(sparkHome.resolve("conf"));
    Files.createDirectories(sparkHome.resolve("bin"));
    Files.createDirectories(logs);
    int n = 0;
    for (Path classpathFile : classpathFiles) {
      String cp = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
      for (String entry : cp.split(":")) {
        Path jar = Path.of(entry);
        if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
          Path link = jars.resolve(jar.getFileName());
          if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, jar.toAbsolutePath());
            n++;
          }
        }
      }
    }
    if (n < 50) {
      throw new IllegalStateException("only " + n + " jars in " + classpathFiles
          + "; build spark-job first (mvn package)");
    }
    // conf/ is on the classpath of Master, Workers, executors and the driver launched through
    // bin/spark-submit: WARN everywhere, INFO for the deploy classes whose lines are awaited.
    Files.writeString(sparkHome.resolve("conf/log4j2.properties"), String.join("\n",
        "rootLogger.level = warn",
        "rootLogger.appenderRef.stderr.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
        "logger.deploy.name = org.apache.spark.deploy",
        "logger.deploy.level = info",
        // "Running task ... in stage S" on each executor: tests watch for it.
        "logger.executor.name = org.apache.spark.executor.Executor",
        "logger.executor.level = info",
        "logger.nativecode.name = org.apache.hadoop.util.NativeCodeLoader",
        "logger.nativecode.level = error",
        ""));
    Path submit = sparkHome.resolve("bin/spark-submit");
    Files.writeString(submit, String.join("\n",
        "#!/usr/bin/env bash",
        "# Test stand-in for a Spark distribution's bin/spark-submit, written by",
        "# dev.preaug.cluster.StandaloneCluster. Like bin/spark-class, it asks Spark's launcher",
        "# library (org.apache.spark.launcher.Main) for the driver's java command, which",
        "# applies --driver-memory, --driver-java-options and Spark's Java 17 module options,",
        "# and then runs that command in place of this script.",
        "set -euo pipefail",
        "export SPARK_HOME=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)\"",
        "export SPARK_SCALA_VERSION=2.13",
        "JAVA=java",
        "[[ -n \"${JAVA_HOME:-}\" ]] && JAVA=\"$JAVA_HOME/bin/java\"",
        "LOG=\"" + logs.toAbsolutePath().resolve("spark-submit.log") + "\"",
        "printf 'spark-submit' >> \"$LOG\"",
        "printf ' %q' \"$@\" >> \"$LOG\"",
        "printf '\\n' >> \"$LOG\"",
        "CMD_FILE=\"$(mktemp)\"",
        "trap 'rm -f \"$CMD_FILE\"' EXIT",
        "\"$JAVA\" -Xmx128m -XX:TieredStopAtLevel=1 -cp \"$SPARK_HOME/jars/*\" \\",
        "  org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \"$@\" \\",
        "  > \"$CMD_FILE\"",
        // The launcher prints its messages, then NUL and newline, then the command's words,
        // each ending in NUL.
        "CMD=()",
        "FIRST=1",
        "while IFS= read -r -d '' arg; do",
        "  if [[ $FIRST == 1 ]]; then",
        "    FIRST=0",
        "    [[ -n \"$arg\" ]] && printf '%s\\n' \"$arg\" >&2",
        "    continue",
        "  fi",
        "  [[ ${#CMD[@]} -eq 0 ]] && arg=\"${arg#$'\\n'}\"",
        "  CMD+=(\"$arg\")",
        "done < \"$CMD_FILE\"",
        "[[ ${#CMD[@]} -gt 0 ]] || { echo 'spark-submit: launcher gave no command' >&2; exit 1; }",
        "rm -f \"$CMD_FILE\"",
        "trap - EXIT",
        "printf 'driver:' >> \"$LOG\"",
        "printf ' %q' \"${CMD[@]}\" >> \"$LOG\"",
        "printf '\\n' >> \"$LOG\"",
        "exec \"${CMD[@]}\"",
        ""));
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  // ---- processes ------------------------------------------------------------------------

  /**
   * Spark's Java 17 module options (the root pom's spark.java.opens, which failsafe passes to
   * this JVM and submit.sh to its own), taken from this JVM's arguments.
   */
  static List<String> javaOpens() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens=") || a.startsWith("--add-modules=")
          || a.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || a.equals("-Djdk.reflect.useDirectMethodHandle=false")
          || a.equals("-Dio.netty.tryReflectionSetAccessible=true")) {
        out.add(a);
      }
    }
    if (out.stream().noneMatch(a -> a.startsWith("--add-opens="))) {
      throw new IllegalStateException("no --add-opens flags among this JVM's arguments: run it"
          + " with the root pom's spark.java.opens (failsafe's argLine does)");
    }
    return out;
  }

  private List<String> javaCommand(String mainClass, String heap) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaOpens());
    cmd.add("-Xmx" + heap);
    // Start-up dominates these daemons' CPU; C1 only roughly halves it on 2 cores.
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
    cmd.add("-Dspark.local.dir=" + dir.resolve("local"));
    cmd.add("-Dspark.master.rest.enabled=false");
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("conf") + "/:" + sparkHome.resolve("jars") + "/*");
    cmd.add(mainClass);
    return cmd;
  }

  private Process launch(List<String> cmd, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(clientEnv());
    pb.environment().remove("PREAUG_EMBEDDED");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  private void startMaster() throws IOException, InterruptedException {
    List<String> cmd = javaCommand("org.apache.spark.deploy.master.Master", "256m");
    cmd.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    Path log = logs.resolve("master.log");
    master = launch(cmd, log);
    Matcher m = awaitLog(log, master, MASTER_URL.pattern());
    masterUrl = m.group(1);
  }

  private Process startWorker(int i, String memory) throws IOException {
    Path work = Files.createDirectories(dir.resolve("work/worker-" + i));
    List<String> cmd = javaCommand("org.apache.spark.deploy.worker.Worker", "256m");
    cmd.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores",
        "1", "--memory", memory, "--work-dir", work.toString(), masterUrl));
    return launch(cmd, logs.resolve("worker-" + i + ".log"));
  }

  /** Waits (60 s at most) until {@code log} has a line matching {@code regex}. */
  private Matcher awaitLog(Path log, Process p, String regex)
      throws IOException, InterruptedException {
    Pattern pat = Pattern.compile(regex);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = pat.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return m;
        }
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(log.getFileName() + ": process exited (" + p.exitValue()
            + ") before '" + regex + "':\n" + logs());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(log.getFileName() + ": no '" + regex + "' within 60 s:\n"
        + logs());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
