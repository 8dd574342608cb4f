package dev.preaug.core.ops;

/**
 * Base of Pillow's enhancers as torchvision calls them ({@code F.adjust_*(img, factor)}): one
 * finite, non-negative factor (torchvision refuses negative ones before Pillow sees them), the
 * spec {@code name(factor)}, equality by the factor's exact bits.
 */
abstract class FactorOp implements Op {
  private final String name;
  private final double factor;

  FactorOp(String name, double factor) {
    this.name = name;
    this.factor = Params.finite(name, "factor", factor);
    if (factor < 0) {
      throw new IllegalArgumentException(name + " factor must be >= 0, got " + Params.show(factor));
    }
  }

  public final double factor() {
    return factor;
  }

  @Override
  public final String spec() {
    return name + "(" + OpSpecs.format(factor) + ")";
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && Params.sameBits(factor, ((FactorOp) o).factor);
  }

  @Override
  public final int hashCode() {
    return Double.hashCode(factor) * 31 + name.hashCode();
  }

  @Override
  public final String toString() {
    return spec();
  }
}
