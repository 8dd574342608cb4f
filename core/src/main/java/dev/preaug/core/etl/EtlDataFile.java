package dev.preaug.core.etl;

import java.io.Serializable;
import java.util.Objects;

/**
 * One ETL data file chosen for reading.
 *
 * @param path the path as the caller listed it (relative to the dataset root, e.g. {@code
 *     ETL9G/ETL9G_01}); used in every message about the file
 * @param part the part the name belongs to, or null when only a format override says what it is
 * @param format the record type the file is read as
 * @param canonicalName the official file name (e.g. {@code ETL8B2C3}) when known; keys the
 *     official count facts and the model-image positions
 * @param length the file length in bytes at listing time, or -1 if not listed
 */
public record EtlDataFile(
    String path, EtlPart part, EtlFormat format, String canonicalName, long length)
    implements Serializable {

  public EtlDataFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
  }

  /** The last path component. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Records in the file, counting a dummy record 0; validates the listed length. */
  public long recordCount() {
    if (length < 0) {
      throw new IllegalStateException(path + ": length was not listed");
    }
    return EtlFileReader.recordCount(format, length, path);
  }
}
