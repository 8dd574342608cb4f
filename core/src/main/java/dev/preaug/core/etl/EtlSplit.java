package dev.preaug.core.etl;

import java.io.Serializable;

/**
 * Physical records {@code [from, to)} of one data file: a unit of parallel reading.
 */
public record EtlSplit(EtlDataFile file, long from, long to) implements Serializable {
  public EtlSplit {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file.path() + ": bad range [" + from + ", " + to + ")");
    }
  }

  public long records() {
    return to - from;
  }
}
