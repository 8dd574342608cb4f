package dev.preaug.core.etl;

import java.util.Objects;

/**
 * One file found under the dataset root, as an engine lists it.
 *
 * @param path the path relative to the dataset root with '/' separators, e.g. {@code
 *     ETL9G/ETL9G_01}; messages name files this way
 * @param length the file length in bytes
 */
public record EtlListing(String path, long length) {
  public EtlListing {
    Objects.requireNonNull(path, "path");
    if (length < 0) {
      throw new IllegalArgumentException(path + ": negative length " + length);
    }
  }
}
