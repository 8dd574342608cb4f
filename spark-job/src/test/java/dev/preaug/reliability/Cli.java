package dev.preaug.reliability;

import dev.preaug.spark.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher in a child process: {@code ./submit.sh} in embedded local mode, whose
 * {@code exec} makes the child's pid the job's JVM (so killing the child kills the job).
 */
public final class Cli {
  private Cli() {}

  /** Exit code and output of a finished run. */
  public record Result(int exit, String out, String err) {
    /** stderr lines, without blank ones and the JVM's incubator-module notice. */
    public List<String> errorLines() {
      List<String> lines = new ArrayList<>();
      for (String l : err.split("\n")) {
        if (!l.isBlank() && !l.startsWith("WARNING: Using incubator modules")) {
          lines.add(l);
        }
      }
      return lines;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** A started run; its output goes to files read by {@link #finish}. */
  public static final class Running implements AutoCloseable {
    public final Process process;
    final Path outFile;
    final Path errFile;

    Running(Process process, Path outFile, Path errFile) {
      this.process = process;
      this.outFile = outFile;
      this.errFile = errFile;
    }

    public String out() throws IOException {
      return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    public Result finish(long seconds) throws IOException, InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        close();
        throw new IllegalStateException("the run did not finish within " + seconds + " s: "
            + out() + Files.readString(errFile, StandardCharsets.UTF_8));
      }
      Result r = new Result(process.exitValue(), out(),
          Files.readString(errFile, StandardCharsets.UTF_8));
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
      return r;
    }

    /** Kills the run (SIGKILL) and waits for it to be gone; safe to call twice. */
    @Override
    public void close() throws IOException {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  public static Running start(Path workDir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(TestData.repoRoot().resolve("submit.sh").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().put("PREAUG_EMBEDDED", "1");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("PREAUG_JAVA_OPTS", "-Xmx768m -XX:TieredStopAtLevel=1");
    pb.environment().remove("PREAUG_DEBUG");
    Path outFile = Files.createTempFile("cli", ".out");
    Path errFile = Files.createTempFile("cli", ".err");
    pb.redirectOutput(outFile.toFile());
    pb.redirectError(errFile.toFile());
    pb.redirectInput(new File("/dev/null"));
    return new Running(pb.start(), outFile, errFile);
  }

  public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    try (Running r = start(workDir, args)) {
      return r.finish(300);
    }
  }
}
