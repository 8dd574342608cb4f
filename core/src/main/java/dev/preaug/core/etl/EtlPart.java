package dev.preaug.core.etl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The eleven parts of the ETL Character Database as distributed: directory name, record type and
 * the official file names. Also the facts the official format pages state about record counts and
 * about records at the end of a file that are not handwriting samples.
 */
public enum EtlPart {
  ETL1(EtlFormat.M, 1, "ETL1C_(\\d+)", "ETL1C_%02d", 13, 141_319),
  ETL2(EtlFormat.K, 2, "ETL2_(\\d+)", "ETL2_%d", 5, 52_796),
  ETL3(EtlFormat.C, 3, "ETL3C_(\\d+)", "ETL3C_%d", 2, 9_600),
  ETL4(EtlFormat.C, 4, "ETL4C", "ETL4C", 1, -1),
  ETL5(EtlFormat.C, 5, "ETL5C", "ETL5C", 1, -1),
  ETL6(EtlFormat.M, 6, "ETL6C_(\\d+)", "ETL6C_%02d", 12, 157_662),
  // ETL7 has two series (L and S) of two files each; no single numbering covers them.
  ETL7(EtlFormat.M, 7, "ETL7([LS])C_(\\d+)", null, 4, 16_800),
  ETL8B(EtlFormat.B8, 8, "ETL8B2C(\\d+)", "ETL8B2C%d", 3, -1),
  ETL8G(EtlFormat.G8, 9, "ETL8G_(\\d+)", "ETL8G_%02d", 33, -1),
  ETL9B(EtlFormat.B9, 10, "ETL9B_(\\d+)", "ETL9B_%d", 5, -1),
  ETL9G(EtlFormat.G9, 11, "ETL9G_(\\d+)", "ETL9G_%02d", 50, -1);

  /**
   * Records at the end of one official file that are not samples of the handwriting set: ETL8B2C3
   * ends with 956 model images, ETL9B_5 with one extra data set of 3,036 records whose origin the
   * format page calls uncertain (ETL9G, of which ETL9B is a binarized copy, has no such set).
   * Located by position, because no record field is documented to mark them; the position is only
   * trusted when the file has exactly {@code fileRecords} records.
   */
  public record TrailingSet(
      String canonicalName, long firstRecord, long count, long fileRecords, String what) {}

  private static final Map<String, TrailingSet> TRAILING =
      Map.of(
          "ETL8B2C3", new TrailingSet("ETL8B2C3", 1 + 50_560, 956, 1 + 50_560 + 956,
              "model images"),
          "ETL9B_5", new TrailingSet("ETL9B_5", 1 + 121_440, 3_036, 1 + 121_440 + 3_036,
              "extra data set of uncertain origin"));

  private final EtlFormat format;
  private final int etldrNumber;
  private final Pattern officialPattern;
  private final String canonicalFormat;
  private final int officialFiles;
  private final long totalRecords;

  EtlPart(
      EtlFormat format,
      int etldrNumber,
      String officialRegex,
      String canonicalFormat,
      int officialFiles,
      long totalRecords) {
    this.format = format;
    this.etldrNumber = etldrNumber;
    this.officialPattern = Pattern.compile(officialRegex, Pattern.CASE_INSENSITIVE);
    this.canonicalFormat = canonicalFormat;
    this.officialFiles = officialFiles;
    this.totalRecords = totalRecords;
  }

  /** The record type of every file of this part. */
  public EtlFormat format() {
    return format;
  }

  /** The official directory name, e.g. {@code ETL9G}. */
  public String directoryName() {
    return name();
  }

  /**
   * The part's number in the renamed layout of the etldr Python reader, where directories are
   * ETL1 … ETL11 and ETL8B, ETL8G, ETL9B, ETL9G became ETL8, ETL9, ETL10, ETL11.
   */
  public int etldrNumber() {
    return etldrNumber;
  }

  /** The official file names in distribution order, e.g. ETL9G_01 … ETL9G_50. */
  public List<String> officialFileNames() {
    List<String> names = new ArrayList<>();
    if (this == ETL7) {
      Collections.addAll(names, "ETL7LC_1", "ETL7LC_2", "ETL7SC_1", "ETL7SC_2");
    } else if (officialFiles == 1) {
      names.add(canonicalFormat);
    } else {
      for (int i = 1; i <= officialFiles; i++) {
        names.add(String.format(Locale.ROOT, canonicalFormat, i));
      }
    }
    return names;
  }

  /**
   * Whether {@code fileName} has this part's official shape; returns the canonical (official)
   * spelling, e.g. {@code etl9g_1} gives {@code ETL9G_01}, or {@code null} when the shape matches
   * but the number is outside the official numbering, or {@code ""} when the shape does not match.
   */
  String matchOfficial(String fileName) {
    Matcher m = officialPattern.matcher(fileName);
    if (!m.matches()) {
      return "";
    }
    if (this == ETL7) {
      String canonical =
          "ETL7" + m.group(1).toUpperCase(Locale.ROOT) + "C_" + Integer.parseInt(m.group(2));
      return officialFileNames().contains(canonical) ? canonical : null;
    }
    if (officialFiles == 1) {
      return canonicalFormat;
    }
    return canonicalForIndex(m.group(1));
  }

  /** The canonical official name of file number {@code index} in the etldr layout, or null. */
  String canonicalForEtldrIndex(String index) {
    if (this == ETL7) {
      return null; // etldr numbers ETL7's two series in directory-listing order; unknown here.
    }
    if (officialFiles == 1) {
      return parseSmall(index) == 1 ? canonicalFormat : null;
    }
    return canonicalForIndex(index);
  }

  private String canonicalForIndex(String digits) {
    int i = parseSmall(digits);
    return i >= 1 && i <= officialFiles ? String.format(Locale.ROOT, canonicalFormat, i) : null;
  }

  private static int parseSmall(String digits) {
    return digits.length() > 6 ? -1 : Integer.parseInt(digits);
  }

  /** The part whose etldr number is {@code n}, or null. */
  static EtlPart forEtldrNumber(int n) {
    for (EtlPart p : values()) {
      if (p.etldrNumber == n) {
        return p;
      }
    }
    return null;
  }

  /**
   * Records (counting a dummy record 0) that official file {@code canonicalName} has according
   * to the official format pages, where they state it per file: ETL4C, ETL5C, ETL8B2C1–3,
   * ETL9B_1–5 and ETL9G_01–50.
   */
  public static OptionalLong officialRecordCount(String canonicalName) {
    if (canonicalName == null) {
      return OptionalLong.empty();
    }
    switch (canonicalName) {
      case "ETL4C":
        return OptionalLong.of(6_120);
      case "ETL5C":
        return OptionalLong.of(10_608);
      case "ETL8B2C1":
      case "ETL8B2C2":
        return OptionalLong.of(1 + 51_200);
      case "ETL8B2C3":
        return OptionalLong.of(1 + 50_560 + 956);
      case "ETL9B_5":
        return OptionalLong.of(1 + 121_440 + 3_036);
      default:
        break;
    }
    if (canonicalName.startsWith("ETL9B_")) {
      return OptionalLong.of(1 + 121_440);
    }
    if (canonicalName.startsWith("ETL9G_")) {
      return OptionalLong.of(12_144);
    }
    return OptionalLong.empty();
  }

  /**
   * Records in the whole part per the official pages, for parts whose pages give only a total
   * (ETL1, 2, 3, 6, 7; ETL4 and 5 are single files). Empty where the per-file counts cover it.
   */
  public OptionalLong officialTotalRecords() {
    return totalRecords < 0 ? OptionalLong.empty() : OptionalLong.of(totalRecords);
  }

  /** The trailing non-sample records of official file {@code canonicalName}, or null. */
  public static TrailingSet trailingSet(String canonicalName) {
    return canonicalName == null ? null : TRAILING.get(canonicalName);
  }
}
