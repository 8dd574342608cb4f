package dev.preaug.core.image;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
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
 * halves (below 2^-14) give products below 1/64, so 0 whatever their exact value. Any value outside [+0, 1] (or -0) sends
 * the whole run to the table loop, which converts -0 and reports the first bad value.
 * The tests compare this with the table for every one of the 65,536 bit patterns.
 */
final class Float16Vectors {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256
      ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_256;
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(I.vectorBitSize()));
  private static final VectorSpecies<Short> S =
      VectorSpecies.of(short.class, VectorShape.forBitSize(I.vectorBitSize() / 2));
  /** Bits of half 1.0. */
  private static final int ONE = 0x3C00;

  private Float16Vectors() {}

  /*
   * Every int lane holds two halves (loaded as little-endian ints), converted side by side and
   * packed back as two bytes of a short. JDK 17's C2 does not compile some conversions between
   * shapes of different lane sizes (short to int, float to int), and a vector op it cannot
   * compile boxes every vector of the loop, so this sticks to same-size reinterpretations, int
   * arithmetic and one int-to-short narrowing; truncation is a shift of the float's significand.
   */
  static int toUint8(byte[] src, int srcOff, byte[] dst, int dstOff, int n) {
    int halves = 2 * I.length();
    int j = 0;
    for (; j + halves <= n; j += halves) {
      IntVector words = IntVector.fromByteArray(I, src, srcOff + 2 * j, ByteOrder.LITTLE_ENDIAN);
      IntVector even = words.and(0xFFFF);
      IntVector odd = words.lanewise(VectorOperators.LSHR, 16);
      if (even.compare(VectorOperators.GT, ONE).or(odd.compare(VectorOperators.GT, ONE))
          .anyTrue()) {
        int bad = Float16.toUint8Table(src, srcOff + 2 * j, dst, dstOff + j, halves);
        if (bad >= 0) {
          return j + bad;
        }
        continue;
      }
      // half -> float: rebias the exponent (subnormal halves come out as tiny normals, which
      // still truncate to 0); times 255, exact; round to 11 significant bits, ties to even.
      IntVector pe = ((FloatVector) even.mul(1 << 13).add(0x38000000)
          .convertShape(VectorOperators.REINTERPRET_I2F, F, 0)).mul(255f)
          .convertShape(VectorOperators.REINTERPRET_F2I, I, 0).reinterpretAsInts();
      IntVector po = ((FloatVector) odd.mul(1 << 13).add(0x38000000)
          .convertShape(VectorOperators.REINTERPRET_I2F, F, 0)).mul(255f)
          .convertShape(VectorOperators.REINTERPRET_F2I, I, 0).reinterpretAsInts();
      pe = pe.add(0xFFF).add(pe.lanewise(VectorOperators.LSHR, 13).and(1)).and(0xFFFFE000);
      po = po.add(0xFFF).add(po.lanewise(VectorOperators.LSHR, 13).and(1)).and(0xFFFFE000);
      // trunc: the significand with its hidden bit, shifted right by 150 - exponent (at least
      // 16, as the product is below 256; capped at 31, which leaves 0 for products below 1).
      IntVector ue = pe.and(0x7FFFFF).or(0x800000).lanewise(VectorOperators.LSHR,
          IntVector.broadcast(I, 150).sub(pe.lanewise(VectorOperators.LSHR, 23)).min(31));
      IntVector uo = po.and(0x7FFFFF).or(0x800000).lanewise(VectorOperators.LSHR,
          IntVector.broadcast(I, 150).sub(po.lanewise(VectorOperators.LSHR, 23)).min(31));
      ((ShortVector) ue.or(uo.lanewise(VectorOperators.LSHL, 8))
          .convertShape(VectorOperators.I2S, S, 0))
          .intoByteArray(dst, dstOff + j, ByteOrder.LITTLE_ENDIAN);
    }
    int bad = Float16.toUint8Table(src, srcOff + 2 * j, dst, dstOff + j, n - j);
    return bad < 0 ? -1 : j + bad;
  }
}
