package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AffineNearest}'s 16.16 engine for a gray shear whose two unit steps are exactly one
 * ({@code fix(a0) = fix(a4) = 65536}), as Pillow's {@code transform} with
 * {@code (1, x, 0, y, 1, 0)} has them, with whole-row vector loads instead of one gather per
 * pixel.
 *
 * <p>Adding exactly one to a 16.16 coordinate leaves its fraction alone, so with no int
 * wrap-around anywhere in the image, output pixel {@code (x, y)} reads input
 * {@code (x + S(y), y + R(x))}: {@code S(y) = (originX + y*fx1) >> 16} is one column shift per
 * row, and {@code R(x) = (originY + x*fy0) >> 16} one row offset per column, the same for every
 * row. R is monotonic, so its values form runs of columns, the same for every row, and an
 * output row is one vector load per run, from input row {@code y + R} at column
 * {@code x + S(y)}, blended in from the run's first column on.
 *
 * <p>Loads read a copy of the image between rows of fill, so an input row above or below the
 * image reads fill, with no bounds test per run or row. Lanes whose input column is outside the
 * image read a neighbouring row instead, and a last pass puts the fill back there (a copy with
 * fill beside every row was slower to make than that pass: one copy per row).
 *
 * <p>Runs go four at a time down the whole image: the four masks are loop constants (byte
 * vectors cut from a ramp and applied by bitwise ops, see {@link #select}), and each row costs
 * one store for four runs. Blending one run at a time in memory stored every row once
 * per run, and keeping a row in a register while blending every run into it needed a mask
 * compare per run and row; both were slower.
 */
final class ShearVectors {
  private static final VectorSpecies<Byte> B = SimdShapes.BYTES;
  /**
   * A vector of zeros then one of all-ones: lane x of the window at {@code v - t} is set when
   * {@code x >= t}.
   */
  private static final byte[] FROM = ramp(0, -1);
  /** All-ones then zeros: lane x of the window at {@code v - t} is set when {@code x < t}. */
  private static final byte[] UNTIL = ramp(-1, 0);

  private ShearVectors() {}

  private static byte[] ramp(int first, int second) {
    byte[] ramp = new byte[2 * B.length()];
    java.util.Arrays.fill(ramp, 0, B.length(), (byte) first);
    java.util.Arrays.fill(ramp, B.length(), ramp.length, (byte) second);
    return ramp;
  }

  /**
   * Samples the shear into {@code out} and returns true, or returns false without writing when
   * the kernel does not apply: rows narrower than one vector, coordinates that wrap around in
   * int arithmetic (which only the per-pixel loop reproduces), or so many runs (steep shears)
   * that per-pixel sampling is cheaper.
   */
  static boolean sample(byte[] src, int w, int h, byte[] out, int fill, int originX, int fx1,
      int originY, int fy0) {
    int v = B.length();
    if (w < v || !AffineNearest.noWrap(originX, fx1, 1 << 16, w, h)
        || !AffineNearest.noWrap(originY, 1 << 16, fy0, w, h)) {
      return false;
    }
    Scratch scratch = Scratch.get();
    int[] starts = scratch.ints(0, w + 1);
    int[] rows = scratch.ints(1, w);
    int runs = 0;
    int previous = h + 1; // no column's offset
    for (int x = 0; x < w; x++) {
      // Limited to [-h, h]: an offset of h or more reads no input row either way. No int
      // overflow: noWrap held for every column.
      int k = Math.max(-h, Math.min(h, (originY + x * fy0) >> 16));
      // Without a branch: every column is written to the next free slot, which only a new run
      // keeps. Where runs start depends on the matrix, so a branch there mispredicted once per
      // run and took a tenth of the kernel (and C2 compiles "k != previous ? 1 : 0" to that
      // branch when new runs are rare): z | -z has its sign bit set exactly when z != 0.
      starts[runs] = x;
      rows[runs] = k;
      int change = k ^ previous;
      runs += (change | -change) >>> 31;
      previous = k;
    }
    // R is monotonic: its extremes are at the ends.
    int above = Math.max(0, -Math.min(rows[0], rows[runs - 1]));
    int below = Math.max(0, Math.max(rows[0], rows[runs - 1]));
    // Each run costs a load and a blend per row and vector; with a run every other pixel or
    // more, a gather per pixel costs less.
    if (2 * runs > w) {
      return false;
    }
    starts[runs] = w;
    // S(y), limited to [-w, w] for the same reason.
    int[] shifts = scratch.ints(2, h);
    for (int y = 0; y < h; y++) {
      shifts[y] = Math.max(-w, Math.min(w, (originX + y * fx1) >> 16));
    }
    // The image between rows of fill: input rows above or below it read fill. One more row on
    // each side is room for a row shifted by up to w.
    int rowZero = (above + 1) * w;
    int n = w * h;
    byte[] padded = scratch.bytes(rowZero + n + (below + 1) * w);
    ByteVector background = ByteVector.broadcast(B, (byte) fill);
    fill(padded, 0, rowZero, background);
    System.arraycopy(src, 0, padded, rowZero, n);
    fill(padded, rowZero + n, rowZero + n + (below + 1) * w, background);
    int lastChunk = w - v;
    int first = 0;
    // The last vector is moved back to end at the row's end and overlaps the one before it,
    // writing the same values there, so there is no tail loop.
    for (int x0 = 0; ; x0 = Math.min(x0 + v, lastChunk)) {
      while (starts[first + 1] <= x0) {
        first++;
      }
      int last = first;
      while (starts[last + 1] < x0 + v) {
        last++;
      }
      // A group short of four repeats its last run: blending the same lanes again is a no-op.
      for (int g = first; g <= last; g += 4) {
        int r1 = Math.min(g + 1, last);
        int r2 = Math.min(g + 2, last);
        int r3 = Math.min(g + 3, last);
        int at = rowZero + x0;
        fourRuns(padded, out, g == first, w, h, shifts, x0,
            starts[g] - x0, starts[r1] - x0, starts[r2] - x0, starts[r3] - x0,
            at + rows[g] * w, at + rows[r1] * w, at + rows[r2] * w, at + rows[r3] * w);
      }
      if (x0 == lastChunk) {
        break;
      }
    }
    fillOutside(out, w, h, background, shifts);
    return true;
  }

  /**
   * Puts the fill back in every lane whose input column {@code x + S(y)} is outside the image
   * (the runs read a neighbouring row there). The lanes to keep come from sliding windows over
   * two fixed byte ramps, all-ones then zeros and the reverse, so a row costs two loads and
   * bitwise ops; masks from compares against broadcast bounds cost four more instructions on
   * the shuffle port per row.
   */
  private static void fillOutside(byte[] out, int w, int h, ByteVector background,
      int[] shifts) {
    int v = B.length();
    int lastChunk = w - v;
    for (int y = 0; y < h; y++) {
      int s = shifts[y];
      if (s == 0) {
        continue;
      }
      // Output columns [lo, hi) read input columns inside the image.
      int lo = Math.max(0, -s);
      int hi = Math.min(w, w - s);
      for (int x0 = 0; ; x0 = Math.min(x0 + v, lastChunk)) {
        if (x0 < lo || x0 + v > hi) {
          int o = y * w + x0;
          // Lane x is kept when lo - x0 <= x (FROM's window) and x < hi - x0 (UNTIL's).
          ByteVector keep = ByteVector.fromArray(B, FROM, v - clamp(lo - x0, v))
              .and(ByteVector.fromArray(B, UNTIL, v - clamp(hi - x0, v)));
          select(background, ByteVector.fromArray(B, out, o), keep).intoArray(out, o);
        }
        if (x0 == lastChunk) {
          break;
        }
      }
    }
  }

  /**
   * {@code Arrays.fill} by whole vectors, the last one overlapping; {@code to - from} is a
   * multiple of w, so at least one vector. (C2's own fill loop stores 16 bytes at a time.)
   */
  private static void fill(byte[] a, int from, int to, ByteVector background) {
    int v = B.length();
    for (int i = from; ; i = Math.min(i + v, to - v)) {
      background.intoArray(a, i);
      if (i == to - v) {
        break;
      }
    }
  }

  private static int clamp(int lanes, int v) {
    return Math.max(0, Math.min(v, lanes));
  }

  /**
   * Runs with first lanes {@code t0 <= t1 <= t2 <= t3} of the vector at column {@code x0}, whose
   * row 0 reads the copy at {@code f0..f3} (plus the row's shift). Blending in that order
   * with "lane >= t" masks gives every run its lanes; lanes past the group's last run take its
   * pixels for now, and the next group, which loads the stored row ({@code fresh} false),
   * overwrites them. The first group of a vector starts from its first run's own load.
   */
  private static void fourRuns(byte[] padded, byte[] out, boolean fresh, int w, int h,
      int[] shifts, int x0, int t0, int t1, int t2, int t3, int f0, int f1, int f2, int f3) {
    int v = B.length();
    ByteVector m0 = ByteVector.fromArray(B, FROM, v - clamp(t0, v));
    ByteVector m1 = ByteVector.fromArray(B, FROM, v - clamp(t1, v));
    ByteVector m2 = ByteVector.fromArray(B, FROM, v - clamp(t2, v));
    ByteVector m3 = ByteVector.fromArray(B, FROM, v - clamp(t3, v));
    for (int y = 0, o = x0, p = 0; y < h; y++, o += w, p += w) {
      int s = shifts[y] + p;
      ByteVector row = ByteVector.fromArray(B, padded, f0 + s);
      if (!fresh) {
        row = select(ByteVector.fromArray(B, out, o), row, m0);
      }
      row = select(row, ByteVector.fromArray(B, padded, f1 + s), m1);
      row = select(row, ByteVector.fromArray(B, padded, f2 + s), m2);
      select(row, ByteVector.fromArray(B, padded, f3 + s), m3).intoArray(out, o);
    }
  }

  /**
   * {@code b} in the lanes where {@code m} is all ones, {@code a} where it is zero: a blend by
   * bitwise ops. JDK 17's C2 keeps a {@link VectorMask} as a vector and turns it back into a
   * mask register with a compare before every masked blend, and that compare shares the shuffle
   * port; these ops do not.
   */
  private static ByteVector select(ByteVector a, ByteVector b, ByteVector m) {
    return a.lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.XOR, b).and(m));
  }
}
