package dev.preaug.cluster;

import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real {@code ./submit.sh} in a child process, its stdout and stderr kept in
 * files (for diagnosis after a failure). Killing it kills its whole process tree.
 */
final class Launch implements AutoCloseable {
  private static final java.util.Set<Launch> LIVE =
      java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (LIVE) {
        new ArrayList<>(LIVE).forEach(Launch::close);
      }
    }, "launch-cleanup"));
  }

  final List<String> args;
  final Path stdout;
  final Path stderr;
  private final Process process;

  private Launch(List<String> args, Process process, Path stdout, Path stderr) {
    this.args = args;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code ./submit.sh ARGS} in {@code cwd} with {@code env} added to (and
   * PREAUG_EMBEDDED removed from) this JVM's environment; output goes to {@code logs/name.*}.
   */
  static Launch start(Path cwd, Map<String, String> env, Path logs, String name,
      List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(TestData.repoRoot().resolve("submit.sh").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().remove("PREAUG_EMBEDDED");
    pb.environment().putAll(env);
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".stdout");
    Path err = logs.resolve(name + ".stderr");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Launch l = new Launch(List.copyOf(args), pb.start(), out, err);
    LIVE.add(l);
    return l;
  }

  /** Runs to completion (or kills it after {@code seconds} and fails). */
  static Launch run(Path cwd, Map<String, String> env, Path logs, String name, int seconds,
      List<String> args) throws IOException, InterruptedException {
    Launch l = start(cwd, env, logs, name, args);
    l.await(seconds);
    return l;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the exit; on timeout kills the tree and throws with the output so far. */
  int await(int seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("submit.sh " + String.join(" ", args) + " still running"
          + " after " + seconds + " s; killed\n" + this);
    }
    return process.exitValue();
  }

  int exit() {
    return process.exitValue();
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    try {
      return "submit.sh " + String.join(" ", args) + "\n"
          + (process.isAlive() ? "(running)" : "exit " + process.exitValue())
          + "\n--- stdout\n" + out() + "\n--- stderr\n" + err();
    } catch (IOException e) {
      return "submit.sh " + String.join(" ", args) + " (output unreadable: " + e + ")";
    }
  }

  /** Kills the launcher and everything it started (spark-submit's driver JVM). */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    for (ProcessHandle p : tree) {
      p.destroyForcibly();
    }
    LIVE.remove(this);
  }
}
