package dev.preaug.core.etl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Checks that every data file has the records it should, so a truncated download fails loudly
 * instead of training on less data.
 *
 * <p>Expectations, strongest first: the entry for the file in an INFO file in the same directory
 * (byte size if the entry has one, else record count; for 8B/9B files a count with or without the
 * dummy record is accepted, since the layout of those INFO files is unknown here); else the
 * per-file counts of the official format pages (ETL4C, ETL5C, ETL8B2C1–3, ETL9B_1–5,
 * ETL9G_01–50); else, when every official file of ETL1, 2, 3, 6 or 7 is present and none had an
 * INFO entry, the part's official total. Files with none of these are reported as unchecked.
 *
 * <p>A mismatch is an error for the run: call {@link Report#requireConsistent()}. Unchecked files
 * and INFO files with no parseable line are worth a warning.
 */
public final class EtlCounts {
  private EtlCounts() {}

  /**
   * One expectation checked.
   *
   * @param subject the file (or part directory, for a part total)
   * @param actual what was found, e.g. {@code 12143 records (99560857 bytes)}
   * @param expected what the source says, e.g. {@code 12144 records}
   * @param source where the expectation comes from
   * @param ok whether they agree
   */
  public record Check(String subject, String actual, String expected, String source, boolean ok) {
    @Override
    public String toString() {
      return subject + ": has " + actual + ", " + source + " says " + expected;
    }
  }

  /** The outcome of {@link #check}. */
  public static final class Report {
    private final List<Check> checks;
    private final List<String> unchecked;
    private final List<String> unparsedInfoFiles;

    private Report(List<Check> checks, List<String> unchecked, List<String> unparsedInfoFiles) {
      this.checks = Collections.unmodifiableList(checks);
      this.unchecked = Collections.unmodifiableList(unchecked);
      this.unparsedInfoFiles = Collections.unmodifiableList(unparsedInfoFiles);
    }

    public List<Check> checks() {
      return checks;
    }

    public List<Check> mismatches() {
      List<Check> out = new ArrayList<>();
      for (Check c : checks) {
        if (!c.ok()) {
          out.add(c);
        }
      }
      return out;
    }

    /** Data files no expectation covered. */
    public List<String> unchecked() {
      return unchecked;
    }

    /** INFO files in which no entry could be parsed. */
    public List<String> unparsedInfoFiles() {
      return unparsedInfoFiles;
    }

    /**
     * @throws EtlFormatException for the first mismatch, one line, noting how many more there are
     */
    public void requireConsistent() {
      List<Check> bad = mismatches();
      if (bad.isEmpty()) {
        return;
      }
      Check c = bad.get(0);
      String more = bad.size() > 1 ? " (and " + (bad.size() - 1) + " more count mismatches)" : "";
      throw EtlFormatException.file(
          c.subject(), "has " + c.actual() + ", " + c.source() + " says " + c.expected() + more);
    }
  }

  /** Checks {@code inventory}'s data files against {@code infoFiles} and the official facts. */
  public static Report check(EtlInventory inventory, Collection<EtlInfoFile> infoFiles) {
    Map<String, List<EtlInfoFile>> infoByDir = new HashMap<>();
    List<String> unparsed = new ArrayList<>();
    for (EtlInfoFile info : infoFiles) {
      infoByDir.computeIfAbsent(EtlInventory.directory(info.path()), k -> new ArrayList<>())
          .add(info);
      if (info.entries().isEmpty()) {
        unparsed.add(info.path());
      }
    }
    List<Check> checks = new ArrayList<>();
    List<String> unchecked = new ArrayList<>();
    Set<String> infoChecked = new HashSet<>();
    for (EtlDataFile d : inventory.dataFiles()) {
      long records = d.recordCount();
      String actual = records + " records (" + d.length() + " bytes)";
      EtlInfoFile.Entry entry = null;
      EtlInfoFile from = null;
      for (EtlInfoFile info : infoByDir.getOrDefault(EtlInventory.directory(d.path()), List.of())) {
        EtlInfoFile.Entry e = info.find(d.name());
        if (e != null) {
          entry = e;
          from = info;
        }
      }
      if (entry != null) {
        infoChecked.add(d.path());
        checks.add(infoCheck(d, records, actual, entry, from));
        continue;
      }
      OptionalLong official = EtlPart.officialRecordCount(d.canonicalName());
      if (official.isPresent() && d.part() != null && d.format() == d.part().format()) {
        checks.add(new Check(d.path(), actual, official.getAsLong() + " records",
            "the official format page for " + d.canonicalName(), official.getAsLong() == records));
        continue;
      }
      unchecked.add(d.path());
    }
    checkPartTotals(inventory, infoChecked, checks, unchecked);
    return new Report(checks, unchecked, unparsed);
  }

  private static Check infoCheck(
      EtlDataFile d, long records, String actual, EtlInfoFile.Entry e, EtlInfoFile info) {
    String source = info.path() + " line " + e.line();
    if (e.recordLength() != d.format().recordLength()) {
      return new Check(d.path(), "records of " + d.format().recordLength() + " bytes (read as "
          + d.format().code() + ")", "records of " + e.recordLength() + " bytes", source, false);
    }
    if (e.bytes() >= 0) {
      return new Check(d.path(), actual, e.bytes() + " bytes", source, e.bytes() == d.length());
    }
    if (e.records() >= 0) {
      boolean ok = e.records() == records
          || (d.format().hasDummyFirstRecord() && e.records() == records - 1);
      return new Check(d.path(), actual, e.records() + " records", source, ok);
    }
    return new Check(d.path(), actual, "no count", source, true);
  }

  private static void checkPartTotals(
      EtlInventory inventory, Set<String> infoChecked, List<Check> checks, List<String> unchecked) {
    for (EtlPart part : EtlPart.values()) {
      OptionalLong total = part.officialTotalRecords();
      if (total.isEmpty()) {
        continue;
      }
      List<EtlDataFile> files = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (EtlDataFile d : inventory.dataFiles()) {
        if (d.part() == part && d.format() == part.format() && d.canonicalName() != null) {
          files.add(d);
          names.add(d.canonicalName());
        }
      }
      boolean complete = names.containsAll(part.officialFileNames())
          && files.size() == part.officialFileNames().size();
      boolean anyInfo = files.stream().anyMatch(d -> infoChecked.contains(d.path()));
      if (!complete || anyInfo) {
        continue;
      }
      long sum = 0;
      for (EtlDataFile d : files) {
        sum += d.recordCount();
        unchecked.remove(d.path());
      }
      String dir = EtlInventory.directory(files.get(0).path());
      checks.add(new Check(
          (dir.isEmpty() ? part.directoryName() : dir) + " (all " + files.size() + " files)",
          sum + " records", total.getAsLong() + " records",
          "the official format page for " + part.directoryName(), sum == total.getAsLong()));
    }
  }
}
