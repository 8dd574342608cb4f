package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AffineNearest}'s 16.16 engine for a gray image whose rows are exactly one vector wide
 * (64x64 with 512-bit vectors), any matrix: rotations above all. Instead of one gather per
 * pixel, each output row is put together from whole input rows with byte permutes.
 *
 * <p>Along output row {@code y} the engine reads input column {@code (cx + x*fx0) >> 16} and row
 * {@code (cy + x*fy0) >> 16}, cx and cy being the row's start. Split {@code cx} into its whole
 * part and its 16-bit fraction f: the column is {@code (cx >> 16) + ((x*fx0) >> 16) + carry},
 * where the carry is 1 exactly when {@code f + ((x*fx0) & 0xFFFF)} reaches 65536, that is when
 * {@code f > 65535 - ((x*fx0) & 0xFFFF)}. The terms in x are the same for every row, so they are
 * tables made once per image, and a row needs only its whole parts and fractions: the carries
 * are byte compares of the fraction's two bytes against the tables' (biased by -128, as Java
 * bytes are signed). The same holds for the input row.
 *
 * <p>The row's input columns then lie within one vector's width, so one permute of an input
 * row's window gives every lane its column; an output row blends in, for each input row the
 * output row crosses (up to 18 for a 15 degree turn), the permuted window where that input row
 * is the lane's. Lanes whose input row is outside the image keep the fill they start with; lanes
 * whose input column is outside read a neighbouring row and get the fill back from one compare
 * of their column with the image edge the window crosses. (A copy with fill beside every row,
 * which needs no such compare, was slower to make: one copy per row.)
 *
 * <p>The scalar forms of the API's ops ({@code v.add((byte) 1)}, {@code v.compare(op, b)}) are
 * avoided here and in the other byte kernels: they broadcast through a call whose type profile
 * every byte species in the JVM shares, and once two species have passed through it C2 no longer
 * compiles the op to an instruction.
 *
 * <p>Byte permutes across a 512-bit vector are one instruction only with AVX-512 VBMI; without
 * it the JDK runs them as Java loops, so {@link Simd#BYTE_PERMUTE} gates this kernel.
 */
final class AffineVectors {
  private static final VectorSpecies<Byte> B = SimdShapes.BYTES;

  private AffineVectors() {}

  /**
   * Samples the affine map into {@code out} and returns true, or returns false without writing
   * when the kernel does not apply: rows other than one vector wide, coordinates that wrap around
   * in int arithmetic, or an output row crossing more than half as many input rows as it has
   * pixels (steep turns, where gathering pixel by pixel costs less).
   */
  static boolean sample(byte[] src, int w, int h, byte[] out, int fill, int originX, int fx0,
      int fx1, int originY, int fy0, int fy1) {
    int v = B.length();
    if (w != v || v > 64 || !AffineNearest.noWrap(originX, fx1, fx0, w, h)
        || !AffineNearest.noWrap(originY, fy1, fy0, w, h)) {
      return false;
    }
    // A row's columns fit one window while a step is at most one column; rows cross at most
    // |fy0| * w / 65536 + 2 input rows.
    if (Math.abs((long) fx0) > 1 << 16 || Math.abs((long) fy0) * w > (long) (w / 2 - 2) << 16) {
      return false;
    }
    Scratch scratch = Scratch.get();
    byte[] tables = scratch.bytes(8 * v + w * h);
    // Per lane: whole part, and the two bytes of 65535 - fraction, of x*fx0 and of x*fy0.
    int wholeX = 0;
    int highX = v;
    int lowX = 2 * v;
    int wholeY = 3 * v;
    int highY = 4 * v;
    int lowY = 5 * v;
    for (int x = 0; x < v; x++) {
      int px = x * fx0;
      int py = x * fy0;
      tables[wholeX + x] = (byte) (px >> 16);
      tables[highX + x] = (byte) (((65535 - (px & 0xFFFF)) >> 8) - 128);
      tables[lowX + x] = (byte) (((65535 - (px & 0xFFFF)) & 0xFF) - 128);
      tables[wholeY + x] = (byte) (py >> 16);
      tables[highY + x] = (byte) (((65535 - (py & 0xFFFF)) >> 8) - 128);
      tables[lowY + x] = (byte) (((65535 - (py & 0xFFFF)) & 0xFF) - 128);
    }
    // The image with a vector's room before and after it: a window starting up to one vector
    // before a row, or ending up to one after it, stays in the array.
    int image = 7 * v;
    System.arraycopy(src, 0, tables, image, w * h);
    rows(tables, image, w, h, out, fill, originX, fx0, fx1, originY, fy0, fy1);
    return true;
  }

  private static void rows(byte[] t, int image, int w, int h, byte[] out, int fill,
      int originX, int fx0, int fx1, int originY, int fy0, int fy1) {
    int v = B.length();
    ByteVector background = ByteVector.broadcast(B, (byte) fill);
    ByteVector wholeX = ByteVector.fromArray(B, t, 0);
    ByteVector highX = ByteVector.fromArray(B, t, v);
    ByteVector lowX = ByteVector.fromArray(B, t, 2 * v);
    ByteVector wholeY = ByteVector.fromArray(B, t, 3 * v);
    ByteVector highY = ByteVector.fromArray(B, t, 4 * v);
    ByteVector lowY = ByteVector.fromArray(B, t, 5 * v);
    ByteVector one = ByteVector.broadcast(B, (byte) 1);
    ByteVector wholeX1 = wholeX.add(one);
    ByteVector wholeY1 = wholeY.add(one);
    // The last lane's whole parts bound the row's columns and rows from the other side.
    int endX = (v - 1) * fx0;
    int endY = (v - 1) * fy0;
    for (int y = 0; y < h; y++) {
      int cx = originX + y * fx1;
      int cy = originY + y * fy1;
      int fracX = cx & 0xFFFF;
      int fracY = cy & 0xFFFF;
      // Lane 0 has no carry; the last lane's whole part, carry included, in plain arithmetic.
      int lastX = (fracX + endX) >> 16;
      int lastY = (fracY + endY) >> 16;
      int left = (cx >> 16) + Math.min(0, lastX);
      if (left < -v || left > w) {
        continue; // every column outside: the row stays fill
      }
      VectorMask<Byte> carryX = carry(highX, lowX, fracX);
      VectorMask<Byte> carryY = carry(highY, lowY, fracY);
      ByteVector column = wholeX.blend(wholeX1, carryX)
          .sub(ByteVector.broadcast(B, (byte) Math.min(0, lastX)));
      ByteVector row = wholeY.blend(wholeY1, carryY);
      VectorShuffle<Byte> pick = column.toShuffle();
      int top = cy >> 16;
      int from = Math.max(Math.min(0, lastY), -top);
      int to = Math.min(Math.max(0, lastY), h - 1 - top);
      ByteVector acc = background;
      int window = image + left;
      // The row number to compare with steps by a vector add: a broadcast per input row is two
      // more instructions on the shuffle port, which the permute and the compare already share.
      ByteVector kv = ByteVector.broadcast(B, (byte) from);
      for (int k = from; k <= to; k++) {
        acc = acc.blend(ByteVector.fromArray(B, t, window + (top + k) * w).rearrange(pick),
            row.compare(VectorOperators.EQ, kv));
        kv = kv.add(one);
      }
      // Lanes whose input column is outside the image read a neighbouring row (or the room
      // around the image): Pillow leaves the background there. Columns are 0..w-1 relative to
      // the window, so a window starting left of the image can only cross the image's left
      // edge, and one starting right of it only the right edge: one bound to test, not two.
      VectorMask<Byte> inside = left <= 0
          ? column.compare(VectorOperators.GE, SimdShapes.laneBound(-left))
          : column.compare(VectorOperators.LT, SimdShapes.laneBound(w - left));
      acc = background.blend(acc, inside);
      acc.intoArray(out, y * w);
    }
  }

  /** Lanes where {@code frac > 65535 - fraction}, the tables holding the latter's biased bytes. */
  private static VectorMask<Byte> carry(ByteVector high, ByteVector low, int frac) {
    ByteVector fh = ByteVector.broadcast(B, (byte) ((frac >> 8) - 128));
    ByteVector fl = ByteVector.broadcast(B, (byte) ((frac & 0xFF) - 128));
    return high.compare(VectorOperators.LT, fh)
        .or(high.compare(VectorOperators.EQ, fh).and(low.compare(VectorOperators.LT, fl)));
  }
}
