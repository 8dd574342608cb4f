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
}
