package dev.preaug.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What the CLI prints for a failure (its one line and exit code), for tests elsewhere. */
public final class CliReport {
  public final int exit;
  public final String text;

  private CliReport(int exit, String text) {
    this.exit = exit;
    this.text = text;
  }

  public static CliReport of(Throwable failure) {
    StringWriter w = new StringWriter();
    int exit = Main.report(failure, new PrintWriter(w, true));
    return new CliReport(exit, w.toString());
  }
}
