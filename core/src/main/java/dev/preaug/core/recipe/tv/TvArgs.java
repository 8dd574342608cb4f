package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Fill;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments one transform of a pipeline was given, by torchvision's parameter names, read
 * into Java values the way torchvision reads them. Type errors name the argument, its value and
 * what it must be; ranges are the stages' constructors' business.
 */
final class TvArgs {
  /**
   * torchvision's {@code InterpolationMode} values in its order, with the Pillow constants its
   * deprecated integer form maps from ({@code _interpolation_modes_from_int}): index = the int.
   */
  private static final List<String> PIL_INTS =
      List.of("nearest", "lanczos", "bilinear", "bicubic", "box", "hamming");
  private static final List<String> MODES = List.of("nearest", "nearest-exact", "bilinear",
      "bicubic", "box", "hamming", "lanczos");

  private final String transform;
  private final Map<String, Object> values;

  TvArgs(String transform, Map<String, Object> values) {
    this.transform = transform;
    this.values = values;
  }

  /** Whether the argument was written (even as {@code None}). */
  boolean given(String name) {
    return values.containsKey(name);
  }

  /** Whether the argument is absent or {@code None}. */
  boolean none(String name) {
    return !given(name) || values.get(name) == PyLiteral.NONE;
  }

  Object raw(String name) {
    return values.get(name);
  }

  /** An error about {@code name}'s value: {@code padding=(1, 'a'): <rule>}. */
  IllegalArgumentException bad(String name, String rule) {
    return new IllegalArgumentException(name + "=" + PyLiteral.repr(values.get(name)) + ": "
        + rule);
  }

  /** A number (int or float, not a bool); {@code dflt} when absent. */
  double number(String name, double dflt) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    if (!PyLiteral.isNumber(v)) {
      throw bad(name, "expected a number, got " + PyLiteral.kind(v));
    }
    return ((Number) v).doubleValue();
  }

  /** An int (a float is refused, as torchvision's checks refuse it); {@code dflt} when absent. */
  int integer(String name, int dflt) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    if (!(v instanceof Long)) {
      throw bad(name, "expected an int, got " + PyLiteral.kind(v));
    }
    long l = (Long) v;
    if (l != (int) l) {
      throw bad(name, "out of range");
    }
    return (int) l;
  }

  boolean bool(String name, boolean dflt) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    if (!(v instanceof Boolean)) {
      throw bad(name, "expected True or False, got " + PyLiteral.kind(v));
    }
    return (Boolean) v;
  }

  /**
   * A number or a sequence of numbers whose length is one of {@code lengths}; a number comes back
   * as an array of one, so {@link #isSequence} tells them apart.
   */
  double[] numbers(String name, String what, int... lengths) {
    Object v = values.get(name);
    if (PyLiteral.isNumber(v)) {
      return new double[] {((Number) v).doubleValue()};
    }
    if (v instanceof List) {
      List<?> l = (List<?>) v;
      boolean lengthOk = false;
      for (int n : lengths) {
        lengthOk |= l.size() == n;
      }
      if (lengthOk) {
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
          if (!PyLiteral.isNumber(l.get(i))) {
            throw bad(name, "expected " + what);
          }
          out[i] = ((Number) l.get(i)).doubleValue();
        }
        return out;
      }
    }
    throw bad(name, "expected " + what);
  }

  /** As {@link #numbers}, each an int. */
  int[] ints(String name, String what, int... lengths) {
    double[] d = numbers(name, what, lengths);
    Object v = values.get(name);
    List<?> items = v instanceof List ? (List<?>) v : List.of(v);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      if (!(items.get(i) instanceof Long) || d[i] != (int) d[i]) {
        throw bad(name, "expected " + what);
      }
      out[i] = (int) d[i];
    }
    return out;
  }

  /** A list or tuple of transforms ({@code [ColorJitter(0.4), RandomGrayscale()]}). */
  List<Stage> stages(String name) {
    Object v = values.get(name);
    if (v instanceof List && !((List<?>) v).isEmpty()) {
      List<Stage> out = new java.util.ArrayList<>();
      for (Object o : (List<?>) v) {
        if (!(o instanceof Stage)) {
          throw bad(name, "expected a list of transforms");
        }
        out.add((Stage) o);
      }
      return out;
    }
    throw bad(name, "expected a non-empty list of transforms");
  }

  boolean isSequence(String name) {
    return values.get(name) instanceof List;
  }

  /** A quoted string; {@code dflt} when absent. */
  String string(String name, String dflt) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    if (!(v instanceof String)) {
      throw bad(name, "expected a quoted string, got " + PyLiteral.kind(v));
    }
    return (String) v;
  }

  /**
   * An interpolation as torchvision takes it ({@code InterpolationMode.BILINEAR}, with any of the
   * prefixes {@code T.}, {@code transforms.}, {@code torchvision.transforms.}, {@code F.}; its
   * value {@code 'bilinear'}; or the deprecated Pillow integer), as the lower-case value, checked
   * against what the op behind the transform can do.
   */
  String interpolation(String name, String dflt, List<String> supported) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    String mode = null;
    if (v instanceof PyLiteral.Name) {
      PyLiteral.Name n = (PyLiteral.Name) v;
      if (TorchvisionPipeline.isEnum(n, "InterpolationMode")) {
        mode = n.last().toLowerCase(Locale.ROOT).replace('_', '-');
      }
    } else if (v instanceof String) {
      mode = (String) v;
    } else if (v instanceof Long && (Long) v >= 0 && (Long) v < PIL_INTS.size()) {
      mode = PIL_INTS.get((int) (long) (Long) v);
    }
    if (mode == null || !MODES.contains(mode)) {
      throw bad(name, "expected an InterpolationMode (InterpolationMode.NEAREST, ... or 'nearest',"
          + " ...)");
    }
    if (!supported.contains(mode)) {
      throw bad(name, transform + " supports " + TorchvisionPipeline.modes(supported)
          + " here (what preaug's op for it computes)");
    }
    return mode;
  }

  /**
   * A fill as torchvision's PIL path takes it ({@code _parse_fill}): None (returned as null), a
   * number, or one per band ({@code (r, g, b)}, or one value in a sequence), each truncated with
   * {@code int()} and in [0, 255].
   */
  Fill fill(String name, Fill dflt) {
    if (!given(name)) {
      return dflt;
    }
    Object v = values.get(name);
    if (v == PyLiteral.NONE) {
      return null;
    }
    double[] d = numbers(name, "None, a number in [0, 255] or a sequence of 3 (one per band)", 1,
        3);
    int[] ints = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      if (!(d[i] > -1 && d[i] < 256)) {
        throw bad(name, "fill values must be in [0, 255]");
      }
      ints[i] = (int) d[i]; // int() truncates toward zero, as _parse_fill does
    }
    return Fill.perBand(ints);
  }

  /**
   * Why a fill cannot serve images of {@code channels} bands, or null: torchvision's
   * {@code _parse_fill} refuses a value per band that does not match the image's bands.
   */
  static String fillUnfit(String transform, Fill f, int channels) {
    if (f == null || f.uniform() || channels == 3) {
      return null;
    }
    return transform + " fill=" + fillText(f) + " has a value for each of 3 bands, but the"
        + " input's images have " + channels + " (mode L): give one value";
  }

  /** Writes a fill as torchvision's argument: {@code 0}, {@code (250, 120, 10)}. */
  static String fillText(Fill f) {
    return f.uniform() ? Integer.toString(f.band(0))
        : "(" + f.band(0) + ", " + f.band(1) + ", " + f.band(2) + ")";
  }

  /** {@code InterpolationMode.BILINEAR} for {@code bilinear}. */
  static String modeText(String mode) {
    return "InterpolationMode." + mode.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
