package dev.preaug.core.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one op parameter is drawn. Parsed from the recipe syntax:
 * <ul>
 *   <li>{@code 12.5}: a constant;</li>
 *   <li>{@code uniform(a, b)}: Python's {@code random.uniform}, a <= v <= b;</li>
 *   <li>{@code signed_uniform(a, b)}: a random sign times {@code uniform(a, b)}, 0 <= a <= b
 *       (the seed's {@code random.choice([-1, 1]) * random.uniform(0.15, 0.2)});</li>
 *   <li>{@code randrange(a, b)}: an integer a <= v < b, Python's {@code random.randrange};</li>
 *   <li>{@code randint(a, b)}: an integer a <= v <= b;</li>
 *   <li>{@code choice(v1, v2, ...)}: one of the listed numbers, equally likely;</li>
 *   <li>{@code fit}, {@code center}: for paste offsets only, resolved against the canvas and the
 *       drawn size: {@code fit} is {@code randrange(0, canvas - size)} as in the seed,
 *       {@code center} is {@code ceil((canvas - size) / 2)}.</li>
 * </ul>
 */
public abstract class Dist {
  private static final Pattern CALL = Pattern.compile("([a-z_]+)\\s*\\((.*)\\)");

  /** Draws a value; {@code size} and {@code canvas} matter only to offset distributions. */
  public abstract double sample(Rng rng, int canvas, int size);

  /** Smallest value this can produce (offsets: not known until sampling, NaN). */
  public abstract double min();

  public abstract double max();

  /** True when every value drawn is an integer. */
  public abstract boolean integral();

  /** Canonical text, parsing back to an equal distribution. */
  public abstract String spec();

  /** True for {@code fit}/{@code center}, which only make sense for paste offsets. */
  public boolean isOffsetRule() {
    return false;
  }

  @Override
  public String toString() {
    return spec();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dist && ((Dist) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  /** Parses {@code text}; errors are {@link IllegalArgumentException}s stating the rule. */
  public static Dist parse(String text) {
    String t = text.trim();
    if (t.equals("fit")) {
      return new Offset(true);
    }
    if (t.equals("center")) {
      return new Offset(false);
    }
    Matcher m = CALL.matcher(t);
    if (!m.matches()) {
      return new Constant(number(t, text));
    }
    String fn = m.group(1);
    List<Double> args = new ArrayList<>();
    String inner = m.group(2).trim();
    if (!inner.isEmpty()) {
      for (String a : inner.split(",", -1)) {
        args.add(number(a.trim(), text));
      }
    }
    switch (fn) {
      case "uniform":
      case "signed_uniform": {
        need(args, 2, text);
        double a = args.get(0);
        double b = args.get(1);
        if (a > b) {
          throw new IllegalArgumentException(text.trim() + " has an inverted range (low " + fmt(a)
              + " > high " + fmt(b) + ")");
        }
        if (fn.equals("signed_uniform")) {
          if (a < 0) {
            throw new IllegalArgumentException(text.trim()
                + ": signed_uniform takes magnitudes, low must be >= 0, got " + fmt(a));
          }
          return new Uniform(a, b, true);
        }
        return new Uniform(a, b, false);
      }
      case "randrange":
      case "randint": {
        need(args, 2, text);
        long a = integer(args.get(0), text);
        long b = integer(args.get(1), text);
        long hi = fn.equals("randint") ? b : b - 1;
        if (hi < a) {
          throw new IllegalArgumentException(text.trim() + " is an empty range ("
              + (fn.equals("randint") ? "low > high" : "stop must be > start") + ")");
        }
        return new IntRange(a, hi, fn.equals("randint"));
      }
      case "choice": {
        if (args.isEmpty()) {
          throw new IllegalArgumentException(text.trim() + ": choice needs at least one value");
        }
        double[] v = new double[args.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = args.get(i);
        }
        return new Choice(v);
      }
      default:
        throw new IllegalArgumentException("unknown distribution '" + fn + "' in '" + text.trim()
            + "': expected a number, uniform, signed_uniform, randrange, randint, choice, fit or"
            + " center");
    }
  }

  private static void need(List<Double> args, int n, String text) {
    if (args.size() != n) {
      throw new IllegalArgumentException(text.trim() + ": expected " + n + " arguments, got "
          + args.size());
    }
  }

  private static double number(String s, String text) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      if (s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' in '" + text.trim()
          + "' is not a finite number");
    }
  }

  private static long integer(double v, String text) {
    if (v != Math.rint(v) || Math.abs(v) > 1e15) {
      throw new IllegalArgumentException(text.trim() + ": integer ranges need integer bounds, got "
          + fmt(v));
    }
    return (long) v;
  }

  /**
   * Integers as integers (sizes and offsets read naturally), everything else as op specs write
   * numbers: shortest round-trip text, the same on every JDK.
   */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      return Long.toString((long) v);
    }
    return dev.preaug.core.ops.OpSpecs.format(v);
  }

  static final class Constant extends Dist {
    final double v;

    Constant(double v) {
      this.v = v;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      return v;
    }

    @Override
    public double min() {
      return v;
    }

    @Override
    public double max() {
      return v;
    }

    @Override
    public boolean integral() {
      return v == Math.rint(v);
    }

    @Override
    public String spec() {
      return fmt(v);
    }
  }

  static final class Uniform extends Dist {
    final double lo;
    final double hi;
    final boolean signed;

    Uniform(double lo, double hi, boolean signed) {
      this.lo = lo;
      this.hi = hi;
      this.signed = signed;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      // Sign first, then magnitude: the seed's order of draws.
      boolean negative = signed && rng.nextBoolean();
      double v = rng.uniform(lo, hi);
      return negative ? -v : v;
    }

    @Override
    public double min() {
      return signed ? -hi : lo;
    }

    @Override
    public double max() {
      return hi;
    }

    @Override
    public boolean integral() {
      return false;
    }

    @Override
    public String spec() {
      return (signed ? "signed_uniform(" : "uniform(") + fmt(lo) + "," + fmt(hi) + ")";
    }
  }

  static final class IntRange extends Dist {
    final long lo;
    final long hi;
    final boolean inclusiveSyntax;

    IntRange(long lo, long hi, boolean inclusiveSyntax) {
      this.lo = lo;
      this.hi = hi;
      this.inclusiveSyntax = inclusiveSyntax;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      return rng.randrange(lo, hi + 1);
    }

    @Override
    public double min() {
      return lo;
    }

    @Override
    public double max() {
      return hi;
    }

    @Override
    public boolean integral() {
      return true;
    }

    @Override
    public String spec() {
      return inclusiveSyntax ? "randint(" + lo + "," + hi + ")"
          : "randrange(" + lo + "," + (hi + 1) + ")";
    }
  }

  static final class Choice extends Dist {
    final double[] values;

    Choice(double[] values) {
      this.values = values;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      return values[(int) rng.nextLong(values.length)];
    }

    @Override
    public double min() {
      double m = Double.POSITIVE_INFINITY;
      for (double v : values) {
        m = Math.min(m, v);
      }
      return m;
    }

    @Override
    public double max() {
      double m = Double.NEGATIVE_INFINITY;
      for (double v : values) {
        m = Math.max(m, v);
      }
      return m;
    }

    @Override
    public boolean integral() {
      for (double v : values) {
        if (v != Math.rint(v)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String spec() {
      StringBuilder sb = new StringBuilder("choice(");
      for (int i = 0; i < values.length; i++) {
        sb.append(i > 0 ? "," : "").append(fmt(values[i]));
      }
      return sb.append(')').toString();
    }
  }

  static final class Offset extends Dist {
    final boolean random;

    Offset(boolean random) {
      this.random = random;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      int room = canvas - size;
      if (room <= 0) {
        return 0;
      }
      // The seed draws randrange(0, 64 - size): the last position (room) is never chosen.
      return random ? rng.randrange(0, room) : (room + 1) / 2;
    }

    @Override
    public double min() {
      return 0;
    }

    @Override
    public double max() {
      return Double.NaN;
    }

    @Override
    public boolean integral() {
      return true;
    }

    @Override
    public boolean isOffsetRule() {
      return true;
    }

    @Override
    public String spec() {
      return random ? "fit" : "center";
    }
  }
}
