package dev.preaug.core.npy;

/**
 * The NumPy dtypes preaug reads and writes: little-endian (or byte-sized) numbers only. The
 * descriptor strings are what {@code numpy.lib.format} writes for each.
 */
public enum NpyDtype {
  UINT8("|u1", 1),
  INT8("|i1", 1),
  INT16("<i2", 2),
  INT32("<i4", 4),
  INT64("<i8", 8),
  FLOAT16("<f2", 2),
  FLOAT32("<f4", 4);

  private final String descr;
  private final int itemSize;

  NpyDtype(String descr, int itemSize) {
    this.descr = descr;
    this.itemSize = itemSize;
  }

  public String descr() {
    return descr;
  }

  public int itemSize() {
    return itemSize;
  }

  public boolean isInteger() {
    return this != FLOAT16 && this != FLOAT32;
  }

  /** The short numpy name (uint8, int16, float16...). */
  public String numpyName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Parses a descriptor, or returns null with {@code why[0]} set to the reason it is refused.
   * Single-byte types are accepted with any byte-order mark since order is meaningless for them.
   */
  static NpyDtype parse(String descr, String[] why) {
    for (NpyDtype t : values()) {
      if (t.descr.equals(descr)) {
        return t;
      }
    }
    if (descr.length() == 3 && "<>=|".indexOf(descr.charAt(0)) >= 0 && descr.charAt(2) == '1') {
      String rest = descr.substring(1);
      if (rest.equals("u1")) {
        return UINT8;
      }
      if (rest.equals("i1")) {
        return INT8;
      }
    }
    if (descr.startsWith(">")) {
      why[0] = "big-endian dtype '" + descr + "' is not supported (save it as '<"
          + descr.substring(1) + "', e.g. arr.astype('<" + descr.substring(1) + "'))";
    } else if (descr.contains("O")) {
      why[0] = "object dtype '" + descr + "' is not supported (it needs pickle)";
    } else {
      why[0] = "dtype '" + descr + "' is not supported (expected one of |u1, |i1, <i2, <i4, <i8,"
          + " <f2, <f4)";
    }
    return null;
  }
}
