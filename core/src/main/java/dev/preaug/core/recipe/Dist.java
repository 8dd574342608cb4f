package dev.preaug.core.recipe;

import dev.preaug.core.ops.OpKind;
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
 *
 * <p>Integer parameters that measure the image (sizes, offsets, crop windows) may give a constant
 * or the bounds of {@code randrange}/{@code randint} relative to the image: {@code W} or
 * {@code H}, or a fraction of them, {@code 25/64*W}, {@code 0.5*H}, {@code -1/8*W}. Such a
 * distribution is {@linkplain #isRelative relative}: {@link #resolve} turns it into the absolute
 * one for an image size, each term rounded down exactly ({@code floor(p * W / q)}, Python's
 * {@code p * W // q}), and only the resolved distribution draws. So
 * {@code randrange(25/64*W, 63/64*W)} on a 64-wide image is {@code randrange(25, 63)} and draws
 * exactly what that draws.
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

  /** True when the distribution mentions {@code W} or {@code H}: {@link #resolve} it first. */
  public boolean isRelative() {
    return false;
  }

  /**
   * The absolute distribution for a {@code width} x {@code height} image; absolute
   * distributions are their own resolution.
   *
   * @throws IllegalArgumentException when the resolved range is empty, naming both forms
   */
  public Dist resolve(int width, int height) {
    return this;
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
      if (Term.mentionsSize(t)) {
        return new Relative(null, Term.parse(t, text), null);
      }
      return new Constant(number(t, text));
    }
    String fn = m.group(1);
    List<String> texts = new ArrayList<>();
    String inner = m.group(2).trim();
    if (!inner.isEmpty()) {
      for (String a : inner.split(",", -1)) {
        texts.add(a.trim());
      }
    }
    if (texts.stream().anyMatch(Term::mentionsSize)) {
      return relative(fn, texts, text);
    }
    List<Double> args = new ArrayList<>();
    for (String a : texts) {
      args.add(number(a, text));
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

  /** A call with {@code W}/{@code H} in its arguments: only integer ranges take them. */
  private static Dist relative(String fn, List<String> texts, String text) {
    if (!fn.equals("randrange") && !fn.equals("randint")) {
      throw new IllegalArgumentException(text.trim() + ": W and H (sizes relative to the image)"
          + " are allowed alone or as randrange/randint bounds, not in " + fn);
    }
    if (texts.size() != 2) {
      throw new IllegalArgumentException(text.trim() + ": expected 2 arguments, got "
          + texts.size());
    }
    Term[] b = new Term[2];
    for (int i = 0; i < 2; i++) {
      b[i] = Term.mentionsSize(texts.get(i)) ? Term.parse(texts.get(i), text)
          : Term.absolute(integer(number(texts.get(i), text), text));
    }
    return new Relative(fn, b[0], b[1]);
  }

  private static void need(List<?> args, int n, String text) {
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

  /**
   * One bound: an integer, or {@code num/den} times the image's width ({@code W}) or height
   * ({@code H}). Kept as a reduced fraction so resolution is exact integer arithmetic.
   */
  static final class Term {
    private static final Pattern RELATIVE = Pattern.compile(
        "([+-]?)(?:(\\d+(?:\\.\\d*)?|\\.\\d+)(?:/(\\d+))?\\s*\\*\\s*)?([WH])");
    /** Keeps p * extent (extent <= 65535) far from overflowing a long. */
    private static final long LIMIT = 1_000_000_000_000L;

    /** Null for an absolute term. */
    final OpKind.Axis axis;
    final long num;
    final long den;

    private Term(OpKind.Axis axis, long num, long den) {
      this.axis = axis;
      this.num = num;
      this.den = den;
    }

    static Term absolute(long v) {
      return new Term(null, v, 1);
    }

    static boolean mentionsSize(String s) {
      return s.indexOf('W') >= 0 || s.indexOf('H') >= 0;
    }

    static Term parse(String s, String text) {
      Matcher m = RELATIVE.matcher(s.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + s.trim() + "' in '" + text.trim() + "' is not a"
            + " size relative to the image: write W, H, or a fraction of them such as 0.5*W or"
            + " 25/64*H");
      }
      long num = 1;
      long den = 1;
      if (m.group(2) != null) {
        java.math.BigDecimal d = new java.math.BigDecimal(m.group(2));
        java.math.BigInteger n = d.unscaledValue();
        java.math.BigInteger q = java.math.BigInteger.TEN.pow(Math.max(0, d.scale()));
        if (m.group(3) != null) {
          q = q.multiply(new java.math.BigInteger(m.group(3)));
        }
        if (q.signum() == 0) {
          throw new IllegalArgumentException("'" + s.trim() + "' in '" + text.trim()
              + "' divides by zero");
        }
        java.math.BigInteger g = n.gcd(q);
        if (g.signum() != 0) {
          n = n.divide(g);
          q = q.divide(g);
        }
        if (n.compareTo(java.math.BigInteger.valueOf(LIMIT)) > 0
            || q.compareTo(java.math.BigInteger.valueOf(LIMIT)) > 0) {
          throw new IllegalArgumentException("'" + s.trim() + "' in '" + text.trim()
              + "': the fraction's numerator and denominator must stay below 1e12");
        }
        num = n.longValueExact();
        den = q.longValueExact();
      }
      if (m.group(1).equals("-")) {
        num = -num;
      }
      return new Term(m.group(4).equals("W") ? OpKind.Axis.X : OpKind.Axis.Y, num, den);
    }

    boolean relative() {
      return axis != null;
    }

    long at(int width, int height) {
      if (axis == null) {
        return num;
      }
      return Math.floorDiv(num * (axis == OpKind.Axis.X ? width : height), den);
    }

    @Override
    public String toString() {
      if (axis == null) {
        return Long.toString(num);
      }
      String x = axis == OpKind.Axis.X ? "W" : "H";
      if (num == 0) {
        return "0*" + x;
      }
      String sign = num < 0 ? "-" : "";
      long p = Math.abs(num);
      if (p == 1 && den == 1) {
        return sign + x;
      }
      return sign + p + (den == 1 ? "" : "/" + den) + "*" + x;
    }
  }

  /**
   * A constant ({@code fn} null) or an integer range with at least one bound relative to the
   * image. It never draws itself: {@link #resolve} gives the {@link Constant} or
   * {@link IntRange} that does, so the draws are those of the absolute form.
   */
  static final class Relative extends Dist {
    final String fn;
    final Term lo;
    final Term hi;

    Relative(String fn, Term lo, Term hi) {
      this.fn = fn;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    public Dist resolve(int width, int height) {
      long a = lo.at(width, height);
      if (fn == null) {
        return new Constant(a);
      }
      long b = hi.at(width, height);
      boolean inclusive = fn.equals("randint");
      long top = inclusive ? b : b - 1;
      if (top < a) {
        throw new IllegalArgumentException(spec() + " is " + fn + "(" + a + "," + b + ") for a "
            + width + "x" + height + " image, an empty range");
      }
      return new IntRange(a, top, inclusive);
    }

    @Override
    public boolean isRelative() {
      return true;
    }

    @Override
    public double sample(Rng rng, int canvas, int size) {
      throw new IllegalStateException(spec() + " depends on the image size: resolve it first");
    }

    @Override
    public double min() {
      return Double.NaN;
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
    public String spec() {
      return fn == null ? lo.toString() : fn + "(" + lo + "," + hi + ")";
    }
  }
}
