package dev.preaug.core.recipe;

import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.ops.ResizePaste;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Shear;
import dev.preaug.core.ops.Sine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An op with a distribution per parameter, e.g.
 * {@code resize_paste(w=randrange(25,63), h=randrange(25,63), ox=fit, oy=fit)}. Sampling draws
 * the parameters in their declared order from the record's {@link Rng} and builds the op.
 */
public final class OpTemplate {

  /** The ops a recipe can use, their parameters in draw order, and each parameter's domain. */
  enum Kind {
    ROTATE("rotate", new Param("angle", -1e6, 1e6, false)),
    SHEAR("shear", new Param("x", -10, 10, false), new Param("y", -10, 10, false)),
    RESIZE_PASTE("resize_paste", new Param("w", 1, 65535, true), new Param("h", 1, 65535, true),
        new Param("ox", -65535, 65535, true), new Param("oy", -65535, 65535, true)),
    SINE("sine", new Param("factor", -100, 100, false)),
    GAUSSIAN_BLUR("gaussian_blur", new Param("radius", 0, 1000, false)),
    SHARPEN("sharpen"),
    SMOOTH("smooth");

    final String opName;
    final Param[] params;

    Kind(String opName, Param... params) {
      this.opName = opName;
      this.params = params;
    }

    static Kind of(String name, String where) {
      for (Kind k : values()) {
        if (k.opName.equals(name)) {
          return k;
        }
      }
      List<String> names = new ArrayList<>();
      for (Kind k : values()) {
        names.add(k.opName);
      }
      throw new IllegalArgumentException("unknown op '" + name + "' in '" + where
          + "': expected one of " + String.join(", ", names));
    }
  }

  static final class Param {
    final String name;
    final double min;
    final double max;
    final boolean integer;

    Param(String name, double min, double max, boolean integer) {
      this.name = name;
      this.min = min;
      this.max = max;
      this.integer = integer;
    }
  }

  private final Kind kind;
  private final Dist[] dists;
  private final Op fixed;

  private OpTemplate(Kind kind, Dist[] dists) {
    this.kind = kind;
    this.dists = dists;
    this.fixed = kind.params.length == 0 ? OpSpecs.parse(kind.opName) : null;
  }

  /** Parses a template; the message of any error states the rule and quotes the text. */
  public static OpTemplate parse(String text) {
    String t = text.trim();
    int open = t.indexOf('(');
    String name = (open < 0 ? t : t.substring(0, open)).trim();
    Kind kind = Kind.of(name, t);
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
    Dist[] dists = new Dist[kind.params.length];
    for (int i = 0; i < kind.params.length; i++) {
      Param p = kind.params[i];
      String v = args.remove(p.name);
      if (v == null) {
        if (kind == Kind.RESIZE_PASTE && (p.name.equals("ox") || p.name.equals("oy"))) {
          v = "fit";
        } else {
          throw new IllegalArgumentException("'" + t + "': missing parameter '" + p.name
              + "' (parameters of " + name + ": " + paramNames(kind) + ")");
        }
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

  private static Dist checkDomain(String text, Param p, Kind kind, Dist d) {
    if (d.isOffsetRule()) {
      if (kind != Kind.RESIZE_PASTE || !(p.name.equals("ox") || p.name.equals("oy"))) {
        throw new IllegalArgumentException("'" + text + "': " + d.spec()
            + " is only allowed for the paste offsets ox and oy");
      }
      return d;
    }
    if (p.integer && !d.integral()) {
      throw new IllegalArgumentException("'" + text + "': " + p.name + " = " + d.spec()
          + " must give integers (use a number, randrange, randint or choice of integers)");
    }
    if (d.min() < p.min || d.max() > p.max) {
      double bad = d.min() < p.min ? d.min() : d.max();
      throw new IllegalArgumentException("'" + text + "': " + p.name + " = " + d.spec()
          + " reaches " + Dist.fmt(bad) + ", outside the domain of " + kind.opName + " "
          + p.name + " [" + Dist.fmt(p.min) + ", " + Dist.fmt(p.max) + "]");
    }
    return d;
  }

  private static String paramNames(Kind kind) {
    if (kind.params.length == 0) {
      return "none";
    }
    List<String> names = new ArrayList<>();
    for (Param p : kind.params) {
      names.add(p.name);
    }
    return String.join(", ", names);
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
    return kind.opName;
  }

  /** Draws parameters and builds the op for an image of the given size. */
  public Op sample(Rng rng, int width, int height) {
    switch (kind) {
      case ROTATE:
        return new Rotate(dists[0].sample(rng, 0, 0));
      case SHEAR: {
        double x = dists[0].sample(rng, 0, 0);
        double y = dists[1].sample(rng, 0, 0);
        return new Shear(x, y);
      }
      case RESIZE_PASTE: {
        int w = (int) dists[0].sample(rng, 0, 0);
        int h = (int) dists[1].sample(rng, 0, 0);
        int ox = (int) dists[2].sample(rng, width, w);
        int oy = (int) dists[3].sample(rng, height, h);
        return new ResizePaste(w, h, ox, oy);
      }
      case SINE:
        return new Sine(dists[0].sample(rng, 0, 0));
      case GAUSSIAN_BLUR:
        return new GaussianBlur(dists[0].sample(rng, 0, 0));
      default:
        return fixed;
    }
  }

  /** Canonical text: {@code name(p=dist,...)} with no spaces, or the bare name. */
  public String spec() {
    if (dists.length == 0) {
      return kind.opName;
    }
    StringBuilder sb = new StringBuilder(kind.opName).append('(');
    for (int i = 0; i < dists.length; i++) {
      sb.append(i > 0 ? "," : "").append(kind.params[i].name).append('=').append(dists[i].spec());
    }
    return sb.append(')').toString();
  }

  /** The distribution of parameter {@code name}, for tests and docs. */
  public Dist param(String name) {
    for (int i = 0; i < kind.params.length; i++) {
      if (kind.params[i].name.equals(name)) {
        return dists[i];
      }
    }
    throw new IllegalArgumentException(kind.opName + " has no parameter " + name + " (has "
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
