package dev.preaug.core.image;

import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Float16#toUint8(byte[], int, byte[], int, int)} with the Vector API: the seed's
 * {@code np.uint8(half_x * 255)} computed in int and float lanes instead of read from the table.
 *
 * <p>Why the arithmetic is exact: a normal half in [2^-14, 1] widens to a float by moving its
 * bits (rebias the exponent); its 11-bit significand times 255 (8 bits) fits a float's 24, so the
 * float product is the exact product numpy forms; numpy then rounds it to half precision, i.e.
 * to 11 significant bits with ties to even, which on the float's bits is adding 0xFFF plus the
 * lowest kept bit and clearing the 13 dropped bits (the product is at least 255 * 2^-14, a
 * normal half, so no subnormal rounding applies); {@code np.uint8} then truncates. Subnormal
 * halves (below 2^-14) give products below 1/64, so 0. Any value outside [+0, 1] (or -0) sends
 * the whole run to the table loop, which converts -0 and reports the first bad value.
 * The tests compare this with the table for every one of the 65,536 bit patterns.
 */
final class Float16Vectors {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256
      ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_256;
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(I.vectorBitSize() / 2));
  private static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(I.vectorBitSize() / 4));
  /** Bits of half 1.0. */
  private static final int ONE = 0x3C00;
  /** Bits of the smallest normal half, 2^-14. */
  private static final int MIN_NORMAL = 0x0400;

  private Float16Vectors() {}

  static int toUint8(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
    int lanes = I.length();
    int j = 0;
    for (; j + lanes <= n; j += lanes) {
      IntVector bits = ((IntVector) ShortVector.fromByteArray(S, src, srcOff + 2 * j,
          ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
      if (bits.compare(VectorOperators.GT, ONE).anyTrue()) {
        int bad = Float16.toUint8Table(src, srcOff + 2 * j, dst, dstOff + j, lanes);
        if (bad >= 0) {
          return j + bad;
        }
        continue;
      }
      VectorMask<Integer> normal = bits.compare(VectorOperators.GE, MIN_NORMAL);
      IntVector product = bits.lanewise(VectorOperators.LSHL, 13).add(0x38000000)
          .reinterpretAsFloats().mul(255f).reinterpretAsInts();
      IntVector rounded = product.add(0xFFF)
          .add(product.lanewise(VectorOperators.LSHR, 13).and(1)).and(0xFFFFE000);
      IntVector u8 = ((IntVector) rounded.reinterpretAsFloats()
          .convertShape(VectorOperators.F2I, I, 0)).blend(0, normal.not());
      ((ByteVector) u8.convertShape(VectorOperators.I2B, B, 0)).intoArray(dst, dstOff + j);
    }
    int bad = Float16.toUint8Table(src, srcOff + 2 * j, dst, dstOff + j, n - j);
    return bad < 0 ? -1 : j + bad;
  }
}
