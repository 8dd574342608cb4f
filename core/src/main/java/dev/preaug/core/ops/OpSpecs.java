package dev.preaug.core.ops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses and formats op specs, the canonical text form of an op recorded with every output.
 *
 * <p>Grammar: {@code spec := step ('|' step)*}, {@code step := name | name '(' [arg (',' arg)*]
 * ')'}, {@code arg := decimal number | word}. The canonical form has no spaces; the parser tolerates
 * spaces around names, parentheses, commas and bars. Names and parameters are those of the ops
 * in {@link OpRegistry}, plus {@code identity} for the empty chain. A parameter that names one of
 * a few choices ({@link OpKind.Param#choice}) is written as the word, e.g. {@code reflect}; a
 * {@link Fill} as a number or {@code r:g:b}.
 */
public final class OpSpecs {
  /** The spec of the empty chain. */
  public static final String IDENTITY = "identity";
  /** Every op name the parser knows, in the order error messages list them. */
  public static final List<String> NAMES = names();

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // Plain decimals only: Double.parseDouble alone would also take "NaN", "0x1p3" or "1d".
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private OpSpecs() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>(OpRegistry.names());
    names.add(IDENTITY);
    return List.copyOf(names);
  }

  /**
   * The op a spec describes: a single op for one step, an {@link OpChain} for several (or for
   * {@code identity}). {@code parse(op.spec())} equals {@code op} for every op, with the one
   * exception described at {@link OpChain}.
   *
   * @throws IllegalArgumentException naming the offending text and the rule it breaks
   */
  public static Op parse(String spec) {
    if (spec.isBlank()) {
      throw new IllegalArgumentException(
          "empty op spec '" + spec + "': expected e.g. rotate(-7.5)|gaussian_blur(0.8), or "
              + IDENTITY);
    }
    String[] steps = spec.split("\\|", -1);
    List<Op> ops = new ArrayList<>(steps.length);
    for (String step : steps) {
      try {
        ops.add(parseStep(step.strip()));
      } catch (IllegalArgumentException e) {
        if (steps.length == 1) {
          throw e;
        }
        throw new IllegalArgumentException(e.getMessage() + " (in '" + spec + "')", e);
      }
    }
    return OpChain.of(ops);
  }

  private static Op parseStep(String step) {
    if (step.isEmpty()) {
      throw new IllegalArgumentException(
          "empty step: steps are op specs separated by single '|'");
    }
    int open = step.indexOf('(');
    String name = (open < 0 ? step : step.substring(0, open)).strip();
    if (!NAME.matcher(name).matches()) {
      throw malformed(step);
    }
    double[] args = new double[0];
    String[] texts = new String[0];
    if (open >= 0) {
      if (!step.endsWith(")")) {
        throw malformed(step);
      }
      String inner = step.substring(open + 1, step.length() - 1);
      if (inner.indexOf('(') >= 0 || inner.indexOf(')') >= 0) {
        throw malformed(step);
      }
      if (!inner.isBlank()) {
        texts = inner.split(",", -1);
        args = new double[texts.length];
        OpKind kind = OpRegistry.find(name);
        for (int i = 0; i < texts.length; i++) {
          texts[i] = texts[i].strip();
          OpKind.Param p = kind != null && i < kind.params().size() ? kind.params().get(i) : null;
          args[i] = p != null && p.isChoice() ? choice(p, texts[i], name, step)
              : p != null && p.isFill() && texts[i].contains(":") ? fill(texts[i], step)
              : number(texts[i], step);
        }
      }
    }
    try {
      return build(name, args, step);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().contains("'" + step + "'")) {
        throw e;
      }
      throw new IllegalArgumentException(e.getMessage() + " (in '" + step + "')", e);
    }
  }

  private static IllegalArgumentException malformed(String step) {
    return new IllegalArgumentException(
        "malformed op '" + step + "': expected name or name(arg,arg,...) with decimal arguments");
  }

  private static double choice(OpKind.Param p, String text, String op, String step) {
    int i = p.choiceIndex(text);
    if (i < 0) {
      throw new IllegalArgumentException("bad " + p.name() + " '" + text + "' in '" + step
          + "': " + op + " " + p.name() + " is one of " + String.join(", ", p.choices()));
    }
    return i;
  }

  private static double fill(String text, String step) {
    try {
      return Fill.parse(text).code();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad fill '" + text + "' in '" + step + "': "
          + Fill.RULE, e);
    }
  }

  private static double number(String text, String step) {
    if (!NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "bad number '" + text + "' in '" + step + "': expected a decimal such as -7.5 or 1e-3");
    }
    double v = Double.parseDouble(text);
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "number '" + text + "' in '" + step + "' is beyond the range of a double");
    }
    return v;
  }

  private static Op build(String name, double[] a, String step) {
    if (IDENTITY.equals(name)) {
      arity(step, a, List.of());
      return OpChain.IDENTITY;
    }
    OpKind kind = OpRegistry.find(name);
    if (kind == null) {
      throw new IllegalArgumentException("unknown op '" + name + "' in '" + step
          + "': expected one of " + String.join(", ", NAMES));
    }
    if (kind.required() == kind.params().size()) {
      arity(step, a, kind.paramNames());
    } else if (!kind.takes(a.length)) {
      throw new IllegalArgumentException("'" + step + "': expected " + kind.required() + " or "
          + kind.params().size() + " arguments (" + kind.signature() + "), got " + a.length);
    }
    return kind.build(a);
  }

  private static void arity(String step, double[] args, List<String> names) {
    if (args.length != names.size()) {
      String expected = names.isEmpty()
          ? "no arguments"
          : names.size() + (names.size() == 1 ? " argument (" : " arguments (")
              + String.join(",", names) + ")";
      throw new IllegalArgumentException(
          "'" + step + "': expected " + expected + ", got " + args.length);
    }
  }

  /**
   * The canonical text of a spec number: the shortest decimal that reads back as exactly
   * {@code v}, without a trailing {@code .0} ({@code 12}, {@code -7.5}, {@code -0},
   * {@code -7.312948123091345}). Magnitudes in [1e-3, 1e7) print in plain notation, others as
   * e.g. {@code 1E-7} or {@code 1.5E+300}. Parsing the result with {@link Double#parseDouble} gives
   * back the same bits.
   *
   * @throws IllegalArgumentException for NaN and infinities, which no op accepts
   */
  public static String format(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("op parameters are finite numbers, got " + v);
    }
    if (v == 0.0) {
      return Double.doubleToRawLongBits(v) == 0L ? "0" : "-0";
    }
    double magnitude = Math.abs(v);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
      // In this range Double.toString prints plain digits, and its digits are the shortest that
      // round-trip, closest to v; the tests check that against shortest() on random values, so
      // the text does not depend on the JDK's algorithm (which changed in JDK 19).
      String s = Double.toString(v);
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    BigDecimal shortest = shortest(v).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -3 && exponent < 7) {
      return shortest.toPlainString(); // an integer of 1e7 or more can round down into range
    }
    String digits = shortest.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    return sb.append(exponent < 0 ? "E-" : "E+").append(Math.abs(exponent)).toString();
  }

  /**
   * The decimal with the fewest significant digits that converts back to {@code v}, and among
   * those the one closest to {@code v}, computed exactly (slow, for unusual magnitudes).
   */
  static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == v) {
        return candidate;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
