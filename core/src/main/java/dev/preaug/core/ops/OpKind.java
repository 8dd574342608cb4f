package dev.preaug.core.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the rest of preaug knows about one kind of op, declared by the op class itself (its
 * {@code KIND} constant) and listed in {@link OpRegistry}: the spec name, the parameters in spec
 * and draw order with the domain a recipe may sample them from, the library call it mirrors, and
 * how to build it from its arguments. The spec parser ({@link OpSpecs}) and the recipe templates
 * ({@code dev.preaug.core.recipe.OpTemplate}) work from this alone, so a new op is its own class
 * plus one line in the registry.
 */
public final class OpKind {
  /** The image axis a paste offset runs along. */
  public enum Axis {
    X, Y
  }

  /** One parameter of an op. */
  public static final class Param {
    private final String name;
    private final double min;
    private final double max;
    private final boolean integer;
    private final String integerRule;
    private final Axis offsetAxis;
    private final int sizeParam;
    private final List<String> choices;
    private final Axis axis;
    private final boolean fill;

    private Param(String name, double min, double max, boolean integer, String integerRule,
        Axis offsetAxis, int sizeParam, List<String> choices, Axis axis) {
      this(name, min, max, integer, integerRule, offsetAxis, sizeParam, choices, axis, false);
    }

    private Param(String name, double min, double max, boolean integer, String integerRule,
        Axis offsetAxis, int sizeParam, List<String> choices, Axis axis, boolean fill) {
      this.name = Objects.requireNonNull(name, "name");
      this.min = min;
      this.max = max;
      this.integer = integer;
      this.integerRule = integerRule;
      this.offsetAxis = offsetAxis;
      this.sizeParam = sizeParam;
      this.choices = choices;
      this.axis = axis;
      this.fill = fill;
    }

    /**
     * A {@link Fill}: a spec writes {@code 200} or {@code 250:120:10}, the factory receives
     * {@link Fill#code()} (decode it with {@link Fill#decode}); a recipe draws single values in
     * [0, 255].
     */
    public static Param fill(String name) {
      return new Param(name, 0, 255, true, "in [0, 255]", null, -1, null, null, true);
    }

    /** Whether this parameter is a {@link Fill}. */
    public boolean isFill() {
      return fill;
    }

    /**
     * This integer parameter, marked as a length or position along {@code axis} of the image
     * (a size, a padding, a crop window): a recipe may then give it relative to the image,
     * {@code 25/64*W}, which is resolved once the input's size is known.
     */
    public Param along(Axis axis) {
      if (!integer || choices != null || offsetAxis != null) {
        throw new IllegalArgumentException(name + ": only plain integer parameters measure the"
            + " image (offsets already do)");
      }
      return new Param(name, min, max, integer, integerRule, null, -1, null,
          Objects.requireNonNull(axis, "axis"));
    }

    /**
     * The image axis this parameter measures or runs along (offsets, and those marked with
     * {@link #along}); null for parameters unrelated to the image's size.
     */
    public Axis axis() {
      return offsetAxis != null ? offsetAxis : axis;
    }

    /**
     * A parameter that names one of {@code values} (a spec writes the word, e.g. {@code reflect});
     * the op's factory receives its index.
     */
    public static Param choice(String name, List<String> values) {
      return new Param(name, 0, values.size() - 1, true, null, null, -1, List.copyOf(values),
          null);
    }

    /** The words of a choice parameter, in index order; empty for numeric parameters. */
    public List<String> choices() {
      return choices == null ? List.of() : choices;
    }

    /** Whether this parameter names a word rather than a number. */
    public boolean isChoice() {
      return choices != null;
    }

    /** The index of {@code word} among the choices, or -1. */
    public int choiceIndex(String word) {
      return choices == null ? -1 : choices.indexOf(word);
    }

    /** A real-valued parameter; a recipe may draw it from within [min, max]. */
    public static Param real(String name, double min, double max) {
      return new Param(name, min, max, false, null, null, -1, null, null);
    }

    /**
     * An integer parameter; {@code rule} is what the op demands beyond being an integer (for
     * example {@code ">= 1"}), quoted when a spec gives a fraction, or null.
     */
    public static Param integer(String name, double min, double max, String rule) {
      return new Param(name, min, max, true, rule, null, -1, null, null);
    }

    /**
     * An integer offset along {@code axis} of something whose size is parameter number
     * {@code sizeParam} (drawn earlier): a recipe may leave it out, which means {@code fit}, or
     * draw it with an offset rule that knows the image's extent and that size.
     */
    public static Param offset(String name, Axis axis, int sizeParam) {
      return new Param(name, -65535, 65535, true, null, Objects.requireNonNull(axis, "axis"),
          sizeParam, null, null);
    }

    public String name() {
      return name;
    }

    /** Smallest value a recipe may draw. */
    public double min() {
      return min;
    }

    /** Largest value a recipe may draw. */
    public double max() {
      return max;
    }

    public boolean integer() {
      return integer;
    }

    /** Whether this is a paste offset (offset rules allowed, {@code fit} by default). */
    public boolean isOffset() {
      return offsetAxis != null;
    }

    /** The axis of an offset parameter; null for others. */
    public Axis offsetAxis() {
      return offsetAxis;
    }

    /** For an offset, the index of the parameter holding the size of what is placed. */
    public int sizeParam() {
      return sizeParam;
    }
  }

  /**
   * A size the image must have along {@code axis} for every draw of a recipe to make sense: at
   * least the sum of the largest values of the {@code reach} parameters minus the smallest values
   * of the {@code slack} parameters (a crop window {@code top + h} inside the padded image
   * {@code pt + H + pb}: reach top, h; slack pt, pb). Checked before a job runs.
   */
  public static final class Fit {
    private final Axis axis;
    private final List<Integer> reach;
    private final List<Integer> slack;
    private final String why;

    Fit(Axis axis, List<Integer> reach, List<Integer> slack, String why) {
      this.axis = axis;
      this.reach = List.copyOf(reach);
      this.slack = List.copyOf(slack);
      this.why = why;
    }

    public Axis axis() {
      return axis;
    }

    /** Indices of the parameters whose largest values add up. */
    public List<Integer> reach() {
      return reach;
    }

    /** Indices of the parameters whose smallest values are subtracted. */
    public List<Integer> slack() {
      return slack;
    }

    /** What the bound keeps true, for the error, e.g. "for the crop to end inside the padding". */
    public String why() {
      return why;
    }
  }

  private final String name;
  private final String mirrors;
  private final List<Param> params;
  private final Function<double[], Op> factory;
  private final List<Fit> fits;
  /** {width param, height param} of an op whose output has that size; null if it keeps it. */
  private final int[] sizedBy;
  /** How many leading parameters every spec gives; the rest are optional, all or none. */
  private final int required;

  private OpKind(String name, String mirrors, Function<double[], Op> factory, Param[] params) {
    this(name, mirrors, factory, params, List.of(), null, params.length);
  }

  private OpKind(String name, String mirrors, Function<double[], Op> factory, Param[] params,
      List<Fit> fits, int[] sizedBy, int required) {
    this.name = Objects.requireNonNull(name, "name");
    this.mirrors = Objects.requireNonNull(mirrors, "mirrors");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.fits = List.copyOf(fits);
    this.sizedBy = sizedBy;
    this.required = required;
    List<Param> list = new ArrayList<>(params.length);
    for (int i = 0; i < params.length; i++) {
      Param p = params[i];
      if (p.isOffset() && (p.sizeParam < 0 || p.sizeParam >= i || !params[p.sizeParam].integer)) {
        throw new IllegalArgumentException(name + " " + p.name
            + ": an offset's size must be an earlier integer parameter");
      }
      list.add(p);
    }
    this.params = Collections.unmodifiableList(list);
  }

  /**
   * Declares an op kind.
   *
   * @param mirrors the call the op reproduces bit for bit, e.g. {@code img.rotate(angle)}
   * @param factory builds the op from its arguments in parameter order (integers arrive as
   *     integral doubles)
   */
  public static OpKind of(String name, String mirrors, Function<double[], Op> factory,
      Param... params) {
    return new OpKind(name, mirrors, factory, params.clone());
  }

  /**
   * This kind with one more {@link Fit}: along {@code axis} the image must be at least
   * {@code sum(max(reach)) - sum(min(slack))}, named by parameter.
   */
  public OpKind needs(Axis axis, List<String> reach, List<String> slack, String why) {
    List<Fit> more = new ArrayList<>(fits);
    more.add(new Fit(Objects.requireNonNull(axis, "axis"), indices(reach), indices(slack),
        Objects.requireNonNull(why, "why")));
    return new OpKind(name, mirrors, factory, params.toArray(new Param[0]), more, sizedBy,
        required);
  }

  /**
   * This kind, with the parameters from {@code first} on optional: a spec gives all of them or
   * none ({@code affine(...,fill)} or {@code affine(...,fill,cx,cy)}), and the factory then
   * receives the shorter or the full argument list.
   */
  public OpKind optional(String first) {
    int i = paramNames().indexOf(first);
    if (i < 0 || required != params.size()) {
      throw new IllegalArgumentException(name + ": no parameter " + first
          + " to start the optional ones, or optional ones declared twice");
    }
    return new OpKind(name, mirrors, factory, params.toArray(new Param[0]), fits, sizedBy, i);
  }

  /** How many leading parameters every spec gives; {@code params().size()} without optionals. */
  public int required() {
    return required;
  }

  /** Whether {@code n} arguments are a valid count: the required ones, or all of them. */
  public boolean takes(int n) {
    return n == required || n == params.size();
  }

  /**
   * The parameter list as a message shows it, optional ones in brackets:
   * {@code angle,tx,ty,scale,shx,shy,interpolation,fill[,cx,cy]}.
   */
  public String signature() {
    List<String> names = paramNames();
    String head = String.join(",", names.subList(0, required));
    return required == names.size() ? head
        : head + "[," + String.join(",", names.subList(required, names.size())) + "]";
  }

  /**
   * This kind, declared to output images of {@code width} x {@code height} (parameter names)
   * rather than its input's size. A recipe's ops must keep the image size, so a recipe may use
   * it only where those parameters equal the input's width and height for every draw.
   */
  public OpKind outputSize(String width, String height) {
    return new OpKind(name, mirrors, factory, params.toArray(new Param[0]), fits,
        new int[] {indices(List.of(width)).get(0), indices(List.of(height)).get(0)}, required);
  }

  /**
   * The indices of the parameters giving the output's width and height, or null for ops whose
   * output has their input's size.
   */
  public int[] outputSize() {
    return sizedBy == null ? null : sizedBy.clone();
  }

  private List<Integer> indices(List<String> names) {
    List<Integer> out = new ArrayList<>();
    for (String n : names) {
      int i = paramNames().indexOf(n);
      if (i < 0 || !params.get(i).integer) {
        throw new IllegalArgumentException(name + " has no integer parameter " + n);
      }
      out.add(i);
    }
    return out;
  }

  /** The size rules recipes of this op are checked against; empty for most ops. */
  public List<Fit> fits() {
    return fits;
  }

  /** The spec name, e.g. {@code rotate}. */
  public String name() {
    return name;
  }

  /** The library call the op mirrors. */
  public String mirrors() {
    return mirrors;
  }

  /** The parameters in spec and draw order. */
  public List<Param> params() {
    return params;
  }

  /** The parameter names in order. */
  public List<String> paramNames() {
    List<String> names = new ArrayList<>(params.size());
    for (Param p : params) {
      names.add(p.name);
    }
    return names;
  }

  /**
   * The op with these arguments, in parameter order.
   *
   * @throws IllegalArgumentException for the wrong number of arguments, a fraction (or an
   *     out-of-int value) given for an integer parameter, or anything the op's constructor
   *     refuses; the message names the op, the parameter and the rule
   */
  public Op build(double[] args) {
    if (!takes(args.length)) {
      throw new IllegalArgumentException(name + " takes " + (required == params.size() ? ""
          : required + " or ") + params.size() + " arguments " + (required == params.size()
          ? paramNames() : "[" + signature() + "]") + ", got " + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      Param p = params.get(i);
      double v = args[i];
      if (p.integer && (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
        throw new IllegalArgumentException(name + " " + p.name + " must be an integer"
            + (p.integerRule == null ? "" : " " + p.integerRule) + ", got " + Params.show(v));
      }
    }
    return factory.apply(args.clone());
  }

  @Override
  public String toString() {
    return name;
  }
}
