package dev.preaug.core.etl;

/**
 * A listed file that is not read as ETL records, and why: {@code toString()} gives the line to
 * log, e.g. {@code ETL9G/README: not an ETL data file name}.
 */
public record SkippedFile(String path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
