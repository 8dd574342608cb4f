package dev.preaug.core.parity;

import dev.preaug.core.parity.CaseResult.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a parity run: every case's result, a per-op table and the summary line
 * {@code N exact, M within 1, K worse} (the same words {@code compare_golden.py} ends with, so
 * scripts can read either).
 */
public final class ParityReport {
  private final List<CaseResult> results;

  public ParityReport(List<CaseResult> results) {
    this.results = List.copyOf(results);
  }

  public List<CaseResult> results() {
    return results;
  }

  public long count(Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  /** True when no compared case is worse than within 1. */
  public boolean passed() {
    return count(Status.WORSE) == 0;
  }

  /** {@code N exact, M within 1, K worse}, over the compared cases. */
  public String summary() {
    return count(Status.EXACT) + " exact, " + count(Status.WITHIN_1) + " within 1, "
        + count(Status.WORSE) + " worse";
  }

  /**
   * The report as printed: one line per case that is not exact (cases without an expected file
   * only counted), the per-op table, and the summary as the last line.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (CaseResult r : results) {
      if (r.status() == Status.WITHIN_1 || r.status() == Status.WORSE) {
        out.add(r.describe());
      }
    }
    if (!out.isEmpty()) {
      out.add("");
    }
    Map<String, int[]> perOp = new LinkedHashMap<>();
    int[] all = newRow();
    for (CaseResult r : results) {
      int[] row = perOp.computeIfAbsent(r.parityCase().opName(), k -> newRow());
      add(row, r);
      add(all, r);
    }
    String fmt = "%-14s %6s %6s %9s %6s %13s";
    out.add(String.format(Locale.ROOT, fmt, "op", "cases", "exact", "within 1", "worse",
        "max abs diff"));
    for (Map.Entry<String, int[]> e : perOp.entrySet()) {
      out.add(row(fmt, e.getKey(), e.getValue()));
    }
    out.add(row(fmt, "all", all));
    long missing = count(Status.NOT_COMPARED);
    if (missing > 0) {
      out.add(missing + " case(s) had no expected output: written, not compared");
    }
    out.add(summary());
    return out;
  }

  private static int[] newRow() {
    int[] row = new int[6];
    row[5] = -1;
    return row;
  }

  // Row layout: cases, exact, within 1, worse, not compared, max abs diff (-1: none compared).
  private static void add(int[] row, CaseResult r) {
    row[0]++;
    switch (r.status()) {
      case EXACT:
        row[1]++;
        break;
      case WITHIN_1:
        row[2]++;
        break;
      case WORSE:
        row[3]++;
        break;
      default:
        row[4]++;
    }
    row[5] = Math.max(row[5], r.maxDiff());
  }

  private static String row(String fmt, String op, int[] r) {
    return String.format(Locale.ROOT, fmt, op, r[0], r[1], r[2], r[3],
        r[5] < 0 ? "-" : Integer.toString(r[5]));
  }
}
