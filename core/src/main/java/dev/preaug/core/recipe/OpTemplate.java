package dev.preaug.core.recipe;

import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpKind;
import dev.preaug.core.ops.OpRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An op with a distribution per parameter, e.g.
 * {@code resize_paste(w=randrange(25,63), h=randrange(25,63), ox=fit, oy=fit)}. Sampling draws
 * the parameters in their declared order from the record's {@link Rng} and builds the op. Which
 * ops exist, their parameters and the domain each may be drawn from come from the op's
 * {@link OpKind} in {@link OpRegistry}.
 */
public final class OpTemplate {
  private final OpKind kind;
  private final Dist[] dists;
  private final Op fixed;
  private final boolean relative;
  /** The resolution for the last image size sampled: a dataset's records all share one. */
  private volatile Sized sized;

  /** Distributions resolved for one image size. */
  private static final class Sized {
    final int width;
    final int height;
    final Dist[] dists;

    Sized(int width, int height, Dist[] dists) {
      this.width = width;
      this.height = height;
      this.dists = dists;
    }
  }

  private OpTemplate(OpKind kind, Dist[] dists) {
    this.kind = kind;
    this.dists = dists;
    this.fixed = kind.params().isEmpty() ? kind.build(new double[0]) : null;
    boolean rel = false;
    for (Dist d : dists) {
      rel |= d.isRelative();
    }
    this.relative = rel;
  }

  private static OpKind kind(String name, String where) {
    OpKind k = OpRegistry.find(name);
    if (k == null) {
      throw new IllegalArgumentException("unknown op '" + name + "' in '" + where
          + "': expected one of " + String.join(", ", OpRegistry.names()));
    }
    return k;
  }

  /** Parses a template; the message of any error states the rule and quotes the text. */
  public static OpTemplate parse(String text) {
    String t = text.trim();
    int open = t.indexOf('(');
    String name = (open < 0 ? t : t.substring(0, open)).trim();
    OpKind kind = kind(name, t);
    Map<String, String> args = new LinkedHashMap<>();
    if (open >= 0) {
      if (!t.endsWith(")")) {
        throw new IllegalArgumentException("'" + t + "': missing ')' at the end");
      }
      for (String part : splitTopLevel(t.substring(open + 1, t.length() - 1))) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("'" + t + "': parameter '" + part.trim()
              + "' must be written name=value (parameters of " + name + ": "
              + paramNames(kind) + ")");
        }
        String key = part.substring(0, eq).trim();
        if (args.put(key, part.substring(eq + 1).trim()) != null) {
          throw new IllegalArgumentException("'" + t + "': parameter '" + key + "' given twice");
        }
      }
    }
    List<OpKind.Param> params = kind.params();
    // Optional parameters (OpKind.optional) are drawn when the template names any of them.
    boolean optionals = false;
    for (int i = kind.required(); i < params.size(); i++) {
      optionals |= args.containsKey(params.get(i).name());
    }
    Dist[] dists = new Dist[optionals ? params.size() : kind.required()];
    for (int i = 0; i < dists.length; i++) {
      OpKind.Param p = params.get(i);
      String v = args.remove(p.name());
      if (v == null) {
        if (p.isOffset()) {
          v = "fit";
        } else {
          throw new IllegalArgumentException("'" + t + "': missing parameter '" + p.name()
              + "' (parameters of " + name + ": " + paramNames(kind) + ")");
        }
      }
      if (p.isChoice() && p.choiceIndex(v) >= 0) {
        v = Integer.toString(p.choiceIndex(v)); // a word fixes the choice: a constant index
      }
      dists[i] = checkDomain(t, p, kind, Dist.parse(v));
    }
    if (!args.isEmpty()) {
      throw new IllegalArgumentException("'" + t + "': unknown parameter '"
          + args.keySet().iterator().next() + "' for " + name + " (parameters: "
          + paramNames(kind) + ")");
    }
    return new OpTemplate(kind, dists);
  }

  private static Dist checkDomain(String text, OpKind.Param p, OpKind kind, Dist d) {
    if (d.isRelative()) {
      if (p.axis() == null) {
        throw new IllegalArgumentException("'" + text + "': " + p.name() + " = " + d.spec()
            + ": W and H (sizes relative to the image) are only for parameters that measure the"
            + " image (" + kind.name() + ": " + measuring(kind) + ")");
      }
      return d; // its domain is checked once resolved for the input's size
    }
    if (d.isOffsetRule()) {
      if (!p.isOffset()) {
        throw new IllegalArgumentException("'" + text + "': " + d.spec()
            + " is only allowed for the paste offsets ox and oy");
      }
      return d;
    }
    if (p.integer() && !d.integral()) {
      throw new IllegalArgumentException("'" + text + "': " + p.name() + " = " + d.spec()
          + " must give integers (use a number, randrange, randint or choice of integers)");
    }
    if (d.min() < p.min() || d.max() > p.max()) {
      double bad = d.min() < p.min() ? d.min() : d.max();
      throw new IllegalArgumentException("'" + text + "': " + p.name() + " = " + d.spec()
          + " reaches " + Dist.fmt(bad) + ", outside the domain of " + kind.name() + " "
          + p.name() + " [" + Dist.fmt(p.min()) + ", " + Dist.fmt(p.max()) + "]");
    }
    return d;
  }

  private static String measuring(OpKind kind) {
    List<String> names = new ArrayList<>();
    for (OpKind.Param p : kind.params()) {
      if (p.axis() != null) {
        names.add(p.name());
      }
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static String paramNames(OpKind kind) {
    List<String> names = kind.paramNames();
    if (names.isEmpty()) {
      return "none";
    }
    String head = String.join(", ", names.subList(0, kind.required()));
    return kind.required() == names.size() ? head
        : head + "[, " + String.join(", ", names.subList(kind.required(), names.size())) + "]";
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  /** The op name ({@code rotate}, ...). */
  public String opName() {
    return kind.name();
  }

  /**
   * Draws parameters and builds the op for an image of the given size: parameters in order, each
   * from the record's stream; an offset also sees the image's extent along its axis and the size
   * drawn for what it places. Parameters relative to the image draw as their resolution for this
   * size does.
   *
   * @throws IllegalArgumentException when a relative parameter has no valid value at this size
   *     ({@link #unfit} says so before a job starts)
   */
  public Op sample(Rng rng, int width, int height) {
    if (fixed != null) {
      return fixed;
    }
    Dist[] ds = relative ? resolved(width, height) : dists;
    List<OpKind.Param> params = kind.params();
    double[] v = new double[ds.length];
    for (int i = 0; i < v.length; i++) {
      OpKind.Param p = params.get(i);
      v[i] = p.isOffset()
          ? ds[i].sample(rng, p.offsetAxis() == OpKind.Axis.X ? width : height,
              (int) v[p.sizeParam()])
          : ds[i].sample(rng, 0, 0);
    }
    return kind.build(v);
  }

  /** True when some parameter is given relative to the image ({@code W}, {@code H}). */
  public boolean isRelative() {
    return relative;
  }

  /**
   * The absolute template this one is for a {@code width} x {@code height} image (itself when
   * nothing is relative): the same op with every relative distribution resolved.
   *
   * @throws IllegalArgumentException as {@link #unfit} would report it
   */
  public OpTemplate resolve(int width, int height) {
    return relative ? new OpTemplate(kind, resolved(width, height)) : this;
  }

  private Dist[] resolved(int width, int height) {
    Sized s = sized;
    if (s == null || s.width != width || s.height != height) {
      Dist[] out = new Dist[dists.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = dists[i].isRelative() ? resolveOne(i, width, height) : dists[i];
      }
      s = new Sized(width, height, out);
      sized = s;
    }
    return s.dists;
  }

  private Dist resolveOne(int i, int width, int height) {
    OpKind.Param p = kind.params().get(i);
    String what = kind.name() + " " + p.name() + "=";
    Dist r;
    try {
      r = dists[i].resolve(width, height);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + e.getMessage());
    }
    if (r.min() < p.min() || r.max() > p.max()) {
      double bad = r.min() < p.min() ? r.min() : r.max();
      throw new IllegalArgumentException(what + dists[i].spec() + " is " + r.spec() + " for a "
          + width + "x" + height + " image, reaching " + Dist.fmt(bad) + ", outside the domain"
          + " of " + kind.name() + " " + p.name() + " [" + Dist.fmt(p.min()) + ", "
          + Dist.fmt(p.max()) + "]");
    }
    return r;
  }

  /**
   * Why this template cannot serve {@code width} x {@code height} images, or null when it can.
   * Checked: relative parameters resolve to non-empty ranges inside their domains; a size placed
   * with {@code fit} stays below the image's extent (the seed's {@code randrange(0, W - w)} needs
   * room) and one placed with {@code center} within it; an op that sets its output's size
   * ({@link OpKind#outputSize}) sets the input's, since a recipe's ops keep the size; and the
   * op's own {@link OpKind.Fit}s hold for the largest and smallest values every distribution
   * can draw. The text names the
   * op, the parameters with their values, the size needed and the input's size.
   */
  public String unfit(int width, int height) {
    Dist[] ds;
    try {
      ds = relative ? resolved(width, height) : dists;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String input = ", the input is " + width + "x" + height + " (WxH)";
    List<OpKind.Param> params = kind.params();
    int[] out = kind.outputSize();
    if (out != null) {
      for (int a = 0; a < 2; a++) {
        int i = out[a];
        OpKind.Axis axis = a == 0 ? OpKind.Axis.X : OpKind.Axis.Y;
        long lo = (long) ds[i].min();
        long hi = (long) ds[i].max();
        int extent = extent(axis, width, height);
        if (lo != extent || hi != extent) {
          String dim = a == 0 ? " wide" : " high";
          return kind.name() + " " + show(i, ds) + (lo == hi
              ? " needs images exactly " + lo + dim
              : " makes images " + lo + " to " + hi + dim + ", but every image must be "
                  + extent + dim)
              + " (a recipe's ops keep the image size; " + params.get(i).name() + "="
              + (axis == OpKind.Axis.X ? "W" : "H") + " always fits)" + input;
        }
      }
    }
    for (int i = 0; i < ds.length; i++) {
      OpKind.Param p = params.get(i);
      if (!p.isOffset() || !dists[i].isOffsetRule()) {
        continue;
      }
      boolean fit = dists[i].spec().equals("fit");
      long need = (long) ds[p.sizeParam()].max() + (fit ? 1 : 0);
      if (extent(p.offsetAxis(), width, height) < need) {
        return kind.name() + " " + show(p.sizeParam(), ds) + " needs images at least " + need
            + dimension(p.offsetAxis()) + " for " + p.name() + "=" + dists[i].spec() + input;
      }
    }
    for (OpKind.Fit f : kind.fits()) {
      long need = 0;
      List<String> reach = new ArrayList<>();
      List<String> slack = new ArrayList<>();
      for (int i : f.reach()) {
        need += (long) ds[i].max();
        reach.add(show(i, ds));
      }
      for (int i : f.slack()) {
        need -= (long) ds[i].min();
        slack.add(show(i, ds));
      }
      if (extent(f.axis(), width, height) < need) {
        return kind.name() + " " + String.join(", ", reach) + " needs images at least " + need
            + dimension(f.axis()) + " " + f.why() + " (" + String.join(", ", slack) + ")" + input;
      }
    }
    return null;
  }

  private static int extent(OpKind.Axis axis, int width, int height) {
    return axis == OpKind.Axis.X ? width : height;
  }

  private static String dimension(OpKind.Axis axis) {
    return axis == OpKind.Axis.X ? " wide" : " high";
  }

  /** {@code w=randrange(25,63)}, and for a relative one what it is at this size. */
  private String show(int i, Dist[] resolved) {
    String s = kind.params().get(i).name() + "=" + dists[i].spec();
    return dists[i].isRelative() ? s + " (" + resolved[i].spec() + " here)" : s;
  }

  /** Canonical text: {@code name(p=dist,...)} with no spaces, or the bare name. */
  public String spec() {
    if (dists.length == 0) {
      return kind.name();
    }
    StringBuilder sb = new StringBuilder(kind.name()).append('(');
    for (int i = 0; i < dists.length; i++) {
      OpKind.Param p = kind.params().get(i);
      boolean word = p.isChoice() && dists[i].min() == dists[i].max();
      sb.append(i > 0 ? "," : "").append(p.name()).append('=')
          .append(word ? p.choices().get((int) dists[i].min()) : dists[i].spec());
    }
    return sb.append(')').toString();
  }

  /** The distribution of parameter {@code name}, for tests and docs. */
  public Dist param(String name) {
    int i = kind.paramNames().indexOf(name);
    if (i >= dists.length) {
      throw new IllegalArgumentException(kind.name() + " " + name + " is optional and this"
          + " template leaves it out: " + spec());
    }
    if (i >= 0) {
      return dists[i];
    }
    throw new IllegalArgumentException(kind.name() + " has no parameter " + name + " (has "
        + paramNames(kind).toLowerCase(Locale.ROOT) + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpTemplate && ((OpTemplate) o).spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
