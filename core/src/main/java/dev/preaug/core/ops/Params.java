package dev.preaug.core.ops;

/** Argument checks shared by the op constructors, with messages that name the op and the rule. */
final class Params {
  private Params() {}

  static double finite(String op, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          op + " " + name + " must be a finite number, got " + show(value));
    }
    return value;
  }

  static int atLeastOne(String op, String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          op + " " + name + " must be an integer >= 1, got " + value);
    }
    return value;
  }

  /** A number as specs write it, or Java's name for NaN and the infinities. */
  static String show(double value) {
    return Double.isFinite(value) ? OpSpecs.format(value) : Double.toString(value);
  }

  /** Equality "by exact parameter bits": -0.0 and 0.0 are different parameters. */
  static boolean sameBits(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }
}
