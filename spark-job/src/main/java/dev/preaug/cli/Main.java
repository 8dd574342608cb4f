package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * preaug's command line. The main class stays plain: it never sets a Spark master (spark-submit
 * or submit.sh does, as {@code spark.master}), prints usage and exits non-zero on bad usage,
 * and reports any failure as one line.
 *
 * <p>Exit codes: 0 done (including "nothing to do"), 1 failure, 2 bad input, config or usage,
 * 3 another run holds the output's lock.
 */
@Command(name = "preaug", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Pre-augmented, globally shuffled, sharded training data, one directory per"
        + " epoch.",
    subcommands = {RunCommand.class, DemoCommand.class, VerifyCommand.class,
        ParityCommand.class, ApplyCommand.class, PreviewCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_LOCKED = 3;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "missing command");
  }

  public static void main(String[] args) {
    int code = execute(args);
    if (inYarnApplicationMaster()) {
      // YARN cluster mode: Spark's ApplicationMaster runs this method and reports the
      // application's final status when it returns or throws. System.exit would run the AM's
      // shutdown hook first, which reports every application as failed and lets YARN retry it.
      if (code != 0) {
        throw new IllegalStateException("preaug exited with code " + code);
      }
      return;
    }
    System.exit(code);
  }

  /** True in YARN cluster mode's driver, to which the AM hands spark.* as system properties. */
  static boolean inYarnApplicationMaster() {
    return "cluster".equals(System.getProperty("spark.submit.deployMode"))
        && String.valueOf(System.getProperty("spark.master")).startsWith("yarn");
  }

  /** Runs a command line and returns its exit code (tests call this directly). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getErr()));
    cl.setParameterExceptionHandler((ex, args2) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("preaug: " + ex.getMessage());
      ex.getCommandLine().usage(err);
      return EXIT_BAD_INPUT;
    });
    return cl.execute(args);
  }

  /** Prints one line for a failure; the stack trace only with PREAUG_DEBUG=1. */
  static int report(Throwable ex, PrintWriter err) {
    BadInputException bad = dev.preaug.spark.Failures.badInput(ex);
    if (System.getenv("PREAUG_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    if (bad != null) {
      err.println("preaug: error: " + bad.getMessage());
      err.flush();
      return exitCode(bad.kind());
    }
    // A failed write names its file (a full disk must say where); its cause alone would not.
    dev.preaug.spark.OutputWriteException write = dev.preaug.spark.Failures.outputWrite(ex);
    if (write != null) {
      err.println("preaug: failed: " + firstLine(write.getMessage())
          + " (set PREAUG_DEBUG=1 for the stack trace)");
      err.flush();
      return EXIT_FAILURE;
    }
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getName()
        : root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    err.println("preaug: failed: " + msg + " (set PREAUG_DEBUG=1 for the stack trace)");
    err.flush();
    return EXIT_FAILURE;
  }

  /** The exit code of each kind of refused input (see the class comment). */
  static int exitCode(BadInputException.Kind kind) {
    return switch (kind) {
      case LOCKED -> EXIT_LOCKED;
      case INPUT, CONFIG, OUTPUT, CHANGED -> EXIT_BAD_INPUT;
    };
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }

  /** Version from the build. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"preaug " + Version.get()};
    }
  }
}
