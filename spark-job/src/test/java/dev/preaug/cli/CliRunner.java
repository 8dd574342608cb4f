package dev.preaug.cli;

import dev.preaug.reliability.Cli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the real {@code ./submit.sh} in a child process, as a user would (see {@link Cli}). */
final class CliRunner {
  /** Exit code and output of one run, as fields for the CLI tests' assertions. */
  static final class Result {
    final int exit;
    final String out;
    final String err;
    private final Cli.Result result;

    Result(Cli.Result result) {
      this.result = result;
      this.exit = result.exit();
      this.out = result.out();
      this.err = result.err();
    }

    /** stderr without JVM start-up notices. */
    List<String> errorLines() {
      return result.errorLines();
    }

    @Override
    public String toString() {
      return result.toString();
    }
  }

  private CliRunner() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return new Result(Cli.run(workDir, args));
  }
}
