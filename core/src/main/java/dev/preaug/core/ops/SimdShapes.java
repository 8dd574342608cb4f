package dev.preaug.core.ops;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels use, sized from the CPU's preferred width: samples widen from
 * bytes to short or int lanes, so a byte vector is a half or a quarter of the lane vector's bits.
 * Only loaded when {@link Simd} finds the module, so the rest of core never needs it.
 */
final class SimdShapes {
  /**
   * The preferred shape, or 256 bits where the CPU prefers less: {@link Simd} does not enable the
   * kernels there, but tests still run them (slowly, and with the same results).
   */
  static final VectorSpecies<Short> SHORTS = wideEnough() ? ShortVector.SPECIES_PREFERRED
      : ShortVector.SPECIES_256;
  /** Bytes across the whole preferred width (256 bits where the CPU prefers less). */
  static final VectorSpecies<Byte> BYTES = bytes(SHORTS.vectorBitSize());
  /** As many bytes as {@link #SHORTS} has lanes. */
  static final VectorSpecies<Byte> BYTES_FOR_SHORTS = bytes(SHORTS.vectorBitSize() / 2);
  static final VectorSpecies<Integer> INTS = wideEnough() ? IntVector.SPECIES_PREFERRED
      : IntVector.SPECIES_256;
  /** As many bytes as {@link #INTS} has lanes. */
  static final VectorSpecies<Byte> BYTES_FOR_INTS = bytes(INTS.vectorBitSize() / 4);

  private SimdShapes() {}

  /**
   * {@code t} limited to [0, {@link #BYTES} lanes], as a vector of bytes to compare lane indexes
   * (0, 1, ...) with: lanes before {@code t} compare below it, the others not.
   */
  static ByteVector laneBound(int t) {
    return ByteVector.broadcast(BYTES, (byte) Math.max(0, Math.min(BYTES.length(), t)));
  }

  private static VectorSpecies<Byte> bytes(int bits) {
    return VectorSpecies.of(byte.class, VectorShape.forBitSize(bits));
  }

  static boolean wideEnough() {
    return bits() >= 256;
  }

  /** The CPU's preferred vector width. */
  static int bits() {
    return ShortVector.SPECIES_PREFERRED.vectorBitSize();
  }
}
