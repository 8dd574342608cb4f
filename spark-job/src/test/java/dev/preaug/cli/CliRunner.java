package dev.preaug.cli;

import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./submit.sh} in a child process, as a user would. */
final class CliRunner {
  /** Exit code and output of one run. */
  static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    /** stderr without JVM start-up notices. */
    List<String> errorLines() {
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

  private CliRunner() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(TestData.repoRoot().resolve("submit.sh").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().put("PREAUG_EMBEDDED", "1");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("PREAUG_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=1");
    Path outFile = Files.createTempFile("cli", ".out");
    Path errFile = Files.createTempFile("cli", ".err");
    pb.redirectOutput(outFile.toFile());
    pb.redirectError(errFile.toFile());
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("submit.sh " + String.join(" ", args) + " timed out");
    }
    Result r = new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
        Files.readString(errFile, StandardCharsets.UTF_8));
    Files.delete(outFile);
    Files.delete(errFile);
    return r;
  }
}
