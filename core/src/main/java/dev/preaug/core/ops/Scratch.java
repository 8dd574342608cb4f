package dev.preaug.core.ops;

/**
 * Per-thread work arrays for the kernels, so that an op on a 64x64 image does not allocate (and
 * zero) several 16 KB int arrays per call. Every kernel asks for the slots it needs at the start
 * of {@code apply} and is done with them when it returns; ops never call other ops while they
 * hold slots, so one set per thread is enough. Contents are garbage on hand-out.
 */
final class Scratch {
  static final int SLOTS = 6;
  /** Larger requests get fresh arrays, so a huge image does not pin memory to a thread. */
  private static final int MAX_CACHED = 1 << 20;
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private final int[][] slots = new int[SLOTS][0];
  private final int[][][] tables = new int[2][0][0];
  private short[] shorts = new short[0];
  private byte[] bytes = new byte[0];

  private Scratch() {}

  static Scratch get() {
    return LOCAL.get();
  }

  /** An int array of at least {@code size} elements for slot {@code slot}. */
  int[] ints(int slot, int size) {
    if (size > MAX_CACHED) {
      return new int[size];
    }
    int[] a = slots[slot];
    if (a.length < size) {
      a = new int[Math.max(size, 4096)];
      slots[slot] = a;
    }
    return a;
  }

  /** A short array of at least {@code size} elements (one slot). */
  short[] shorts(int size) {
    if (size > MAX_CACHED) {
      return new short[size];
    }
    if (shorts.length < size) {
      shorts = new short[Math.max(size, 4096)];
    }
    return shorts;
  }

  /** A byte array of at least {@code size} elements (one slot). */
  byte[] bytes(int size) {
    if (size > MAX_CACHED) {
      return new byte[size];
    }
    if (bytes.length < size) {
      bytes = new byte[Math.max(size, 8192)];
    }
    return bytes;
  }

  /**
   * At least {@code count} int arrays of at least {@code length} elements each, for table
   * {@code slot} (0 or 1). Separate arrays rather than one flat array because the vectoriser
   * only handles loops that index every array at the same position, with no offset.
   */
  int[][] lines(int slot, int count, int length) {
    if ((long) count * length > MAX_CACHED) {
      return new int[count][length];
    }
    int[][] t = tables[slot];
    if (t.length < count || t[0].length < length) {
      t = new int[Math.max(count, t.length)][Math.max(length, t.length == 0 ? 0 : t[0].length)];
      tables[slot] = t;
    }
    return t;
  }
}
