package dev.preaug.spark;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A progress line for the epoch being built: records done of total, images/s and ETA. In a
 * terminal it redraws one line in place; into a log file it prints a line every
 * {@code logEverySeconds}, so logs stay readable. Progress comes from Spark's status tracker
 * (tasks completed per stage, weighted by the records each stage handles), polled on a daemon
 * thread: nothing is added to the tasks.
 */
public final class Progress implements AutoCloseable {
  /** How progress is shown. */
  public enum Mode {
    AUTO, TTY, LOG, NONE
  }

  private static final double READ_STAGE_WEIGHT = 0.6;
  private final JavaSparkContext sc;
  private final PrintStream out;
  private final boolean tty;
  private final String group;
  private final String label;
  private final long records;
  private final long start = System.nanoTime();
  private final int logEverySeconds;
  private final Thread thread;
  private volatile boolean done;

  private Progress(JavaSparkContext sc, PrintStream out, boolean tty, String group, String label,
      long records, int logEverySeconds) {
    this.sc = sc;
    this.out = out;
    this.tty = tty;
    this.group = group;
    this.label = label;
    this.records = records;
    this.logEverySeconds = logEverySeconds;
    this.thread = new Thread(this::loop, "preaug-progress");
    this.thread.setDaemon(true);
  }

  static Progress start(Mode mode, JavaSparkContext sc, PrintStream out, String group,
      String label, long records) {
    if (mode == Mode.AUTO) {
      mode = System.console() != null ? Mode.TTY : Mode.LOG;
    }
    Progress p = new Progress(sc, out, mode == Mode.TTY, group, label, records, 15);
    if (mode != Mode.NONE) {
      p.thread.start();
    }
    return p;
  }

  /** Fraction of the epoch's work done, from completed tasks of its two stages. */
  double fraction() {
    int[] jobs = sc.statusTracker().getJobIdsForGroup(group);
    if (jobs.length == 0) {
      return 0;
    }
    SparkJobInfo job = sc.statusTracker().getJobInfo(jobs[jobs.length - 1]);
    if (job == null) {
      return 0;
    }
    int[] stages = job.stageIds().clone();
    java.util.Arrays.sort(stages);
    double f = 0;
    for (int i = 0; i < stages.length && i < 2; i++) {
      SparkStageInfo st = sc.statusTracker().getStageInfo(stages[i]);
      if (st == null || st.numTasks() == 0) {
        continue;
      }
      double w = i == 0 ? READ_STAGE_WEIGHT : 1 - READ_STAGE_WEIGHT;
      f += w * Math.min(1.0, st.numCompletedTasks() / (double) st.numTasks());
    }
    return f;
  }

  private void loop() {
    long lastLog = System.nanoTime();
    while (!done) {
      try {
        Thread.sleep(tty ? 500 : 1000);
      } catch (InterruptedException e) {
        return;
      }
      if (done) {
        return;
      }
      String line = line(fraction());
      if (tty) {
        out.print("\r" + line + "   ");
        out.flush();
      } else if (System.nanoTime() - lastLog > logEverySeconds * 1_000_000_000L) {
        out.println(line);
        lastLog = System.nanoTime();
      }
    }
  }

  String line(double f) {
    double secs = (System.nanoTime() - start) / 1e9;
    long doneRecords = (long) (f * records);
    double rate = secs > 0 ? doneRecords / secs : 0;
    String eta = f > 0.02 ? String.format(Locale.ROOT, "%.0f s", secs * (1 - f) / f) : "?";
    return String.format(Locale.ROOT, "%s: %,d/%,d records (%.0f%%), %,.0f images/s, ETA %s",
        label, doneRecords, records, 100 * f, rate, eta);
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (tty) {
      out.print("\r" + " ".repeat(110) + "\r");
      out.flush();
    }
  }
}
