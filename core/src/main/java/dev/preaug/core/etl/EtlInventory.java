package dev.preaug.core.etl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts the files under a dataset root into data files to read, INFO files, the CO-59 table, and
 * everything else, which is never dropped silently: each appears in {@link #skipped()} with the
 * reason, so a run can name every file it does not read.
 *
 * <p>Data files are recognised by their official names (ETL1C_01, ETL2_1, ETL3C_1, ETL4C, ETL5C,
 * ETL6C_01, ETL7LC_1, ETL7SC_1, ETL8B2C1, ETL8G_01, ETL9B_1, ETL9G_01, case-insensitive, in any
 * directory), optionally by etldr's renamed layout, or all at once by a format override.
 */
public final class EtlInventory {
  private static final Pattern INFO = Pattern.compile("ETL\\d+[A-Z]*INFO", Pattern.CASE_INSENSITIVE);
  private static final Pattern ETLDR = Pattern.compile("ETL(\\d{1,2})_(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ARCHIVE =
      Pattern.compile(".*\\.(zip|z|gz|tgz|tar|bz2|xz|7z|lzh|rar)", Pattern.CASE_INSENSITIVE);

  private final List<EtlDataFile> dataFiles;
  private final List<SkippedFile> skipped;
  private final List<String> infoFiles;
  private final String co59Path;
  private final EtlOptions options;

  private EtlInventory(
      List<EtlDataFile> dataFiles,
      List<SkippedFile> skipped,
      List<String> infoFiles,
      String co59Path,
      EtlOptions options) {
    this.dataFiles = Collections.unmodifiableList(dataFiles);
    this.skipped = Collections.unmodifiableList(skipped);
    this.infoFiles = Collections.unmodifiableList(infoFiles);
    this.co59Path = co59Path;
    this.options = options;
  }

  /** Classifies every listed file under {@code options} (format override, etldr names, dedup). */
  public static EtlInventory scan(Collection<EtlListing> listing, EtlOptions options) {
    Objects.requireNonNull(options, "options");
    List<EtlListing> files = new ArrayList<>(listing);
    files.sort(Comparator.comparing(EtlListing::path, EtlInventory::naturalCompare));
    List<EtlDataFile> data = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    List<String> infos = new ArrayList<>();
    List<String> co59 = new ArrayList<>();
    for (EtlListing f : files) {
      String name = lastComponent(f.path());
      if (name.startsWith(".") || name.startsWith("_")) {
        skipped.add(new SkippedFile(f.path(), "hidden file"));
      } else if (name.equalsIgnoreCase(Co59Table.FILE_NAME)) {
        co59.add(f.path());
      } else if (INFO.matcher(name).matches()) {
        infos.add(f.path());
        skipped.add(new SkippedFile(f.path(), "info file (record counts are checked against it)"));
      } else if (ARCHIVE.matcher(name).matches()) {
        skipped.add(new SkippedFile(f.path(), "compressed archive; extract it first"));
      } else {
        classifyData(f, name, options, data, skipped);
      }
    }
    String chosen = chooseCo59(co59, data, skipped);
    dedup(data, skipped, options.dedup());
    data.sort(
        Comparator.comparing((EtlDataFile d) -> d.part() == null ? Integer.MAX_VALUE : d.part().ordinal())
            .thenComparing(EtlDataFile::path, EtlInventory::naturalCompare));
    skipped.sort(Comparator.comparing(SkippedFile::path, EtlInventory::naturalCompare));
    return new EtlInventory(data, skipped, infos, chosen, options);
  }

  private static void classifyData(
      EtlListing f, String name, EtlOptions options, List<EtlDataFile> data,
      List<SkippedFile> skipped) {
    EtlPart part = null;
    String canonical = null;
    for (EtlPart p : EtlPart.values()) {
      String c = p.matchOfficial(name);
      if (c == null || !c.isEmpty()) {
        part = p;
        canonical = c;
        break;
      }
    }
    EtlFormat override = options.formatOverride();
    if (override != null) {
      if (part != null && part.format() != override) {
        part = null;
        canonical = null;
      }
      data.add(new EtlDataFile(f.path(), part, override, canonical, f.length()));
      return;
    }
    if (part != null) {
      data.add(new EtlDataFile(f.path(), part, part.format(), canonical, f.length()));
      return;
    }
    Matcher m = ETLDR.matcher(name);
    if (m.matches() && EtlPart.forEtldrNumber(Integer.parseInt(m.group(1))) != null) {
      EtlPart p = EtlPart.forEtldrNumber(Integer.parseInt(m.group(1)));
      if (options.etldrNames()) {
        data.add(new EtlDataFile(f.path(), p, p.format(), p.canonicalForEtldrIndex(m.group(2)),
            f.length()));
      } else {
        skipped.add(new SkippedFile(f.path(),
            "etldr renamed-layout name (there ETL" + m.group(1) + " means " + p.directoryName()
                + "); enable etldr names to read it"));
      }
      return;
    }
    skipped.add(new SkippedFile(f.path(), "not an ETL data file name"));
  }

  private static String chooseCo59(
      List<String> candidates, List<EtlDataFile> data, List<SkippedFile> skipped) {
    if (candidates.isEmpty()) {
      return null;
    }
    candidates.sort(
        Comparator.comparingInt((String p) -> depth(p)).thenComparing(EtlInventory::naturalCompare));
    String chosen = candidates.get(0);
    boolean needed = data.stream().anyMatch(d -> d.format() == EtlFormat.K);
    skipped.add(new SkippedFile(chosen, needed
        ? "CO-59 label table for ETL2"
        : "CO-59 label table (unused: no ETL2 files)"));
    for (String other : candidates.subList(1, candidates.size())) {
      skipped.add(new SkippedFile(other, "another CO-59 table is used: " + chosen));
    }
    return chosen;
  }

  private static void dedup(List<EtlDataFile> data, List<SkippedFile> skipped, EtlOptions.Dedup dedup) {
    if (dedup == EtlOptions.Dedup.OFF) {
      return;
    }
    boolean has9B = data.stream().anyMatch(d -> d.part() == EtlPart.ETL9B);
    boolean has9G = data.stream().anyMatch(d -> d.part() == EtlPart.ETL9G);
    if (!has9B || !has9G) {
      return;
    }
    EtlPart drop = dedup == EtlOptions.Dedup.KEEP_9G ? EtlPart.ETL9B : EtlPart.ETL9G;
    EtlPart keep = drop == EtlPart.ETL9B ? EtlPart.ETL9G : EtlPart.ETL9B;
    String reason = "duplicate of " + keep.directoryName() + " (ETL9B is a binarized copy of ETL9G;"
        + " dedup keeps " + keep.directoryName() + ")";
    data.removeIf(d -> {
      if (d.part() == drop) {
        skipped.add(new SkippedFile(d.path(), reason));
        return true;
      }
      return false;
    });
  }

  /** Data files to read, in distribution order (part, then natural order of paths). */
  public List<EtlDataFile> dataFiles() {
    return dataFiles;
  }

  /** Every listed file not read as data, with the reason; sorted by path. */
  public List<SkippedFile> skipped() {
    return skipped;
  }

  /** INFO files found (also listed in {@link #skipped()}). */
  public List<String> infoFiles() {
    return infoFiles;
  }

  /** The CO-59 table's path, or null if none was listed. */
  public String co59Path() {
    return co59Path;
  }

  /** Whether any data file is ETL2 (K), whose labels need the CO-59 table. */
  public boolean needsCo59() {
    return dataFiles.stream().anyMatch(d -> d.format() == EtlFormat.K);
  }

  /**
   * The CO-59 table's path when ETL2 files are to be read, null when none are.
   *
   * @throws EtlFormatException naming the expected path when ETL2 files are present but no table
   */
  public String requireCo59Path() {
    if (!needsCo59()) {
      return null;
    }
    if (co59Path == null) {
      EtlDataFile first =
          dataFiles.stream().filter(d -> d.format() == EtlFormat.K).findFirst().orElseThrow();
      throw EtlFormatException.file(
          first.path(),
          "ETL2 (K-type) labels need the CO-59 table; expected " + Co59Table.FILE_NAME
              + " at the dataset root (it ships with the official unpack tools; preaug does not"
              + " bundle it)");
    }
    return co59Path;
  }

  /** Physical records over all data files (dummies and model images included). */
  public long totalRecords() {
    long n = 0;
    for (EtlDataFile d : dataFiles) {
      n += d.recordCount();
    }
    return n;
  }

  /** Every data file cut into ranges of at most {@code maxRecords} records; empty files give none. */
  public List<EtlSplit> splits(long maxRecords) {
    if (maxRecords <= 0) {
      throw new IllegalArgumentException("maxRecords must be positive: " + maxRecords);
    }
    List<EtlSplit> out = new ArrayList<>();
    for (EtlDataFile d : dataFiles) {
      long n = d.recordCount();
      for (long from = 0; from < n; from += maxRecords) {
        out.add(new EtlSplit(d, from, Math.min(n, from + maxRecords)));
      }
    }
    return out;
  }

  public EtlOptions options() {
    return options;
  }

  static String lastComponent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  static String directory(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private static int depth(String path) {
    int d = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        d++;
      }
    }
    return d;
  }

  /** Orders digit runs by value (ETL11_2 before ETL11_10), the rest by char, case-insensitively first. */
  static int naturalCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
        if (c != 0) {
          return c;
        }
      } else {
        int c = Character.compare(Character.toUpperCase(ca), Character.toUpperCase(cb));
        if (c != 0) {
          return c;
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "EtlInventory[%d data files, %d skipped]", dataFiles.size(),
        skipped.size());
  }
}
