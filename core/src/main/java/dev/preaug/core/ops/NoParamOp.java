package dev.preaug.core.ops;

/**
 * Base of the ops without parameters: the spec is the name, and every instance of a class equals
 * every other.
 */
abstract class NoParamOp implements Op {
  private final String name;

  NoParamOp(String name) {
    this.name = name;
  }

  @Override
  public final String spec() {
    return name;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return name.hashCode();
  }

  @Override
  public final String toString() {
    return name;
  }
}
