package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Fill;
import dev.preaug.core.ops.PadCrop;
import dev.preaug.core.recipe.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A recipe written as torchvision users write their transforms: {@code RandomCrop(32, padding=4)
 * | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)}, or the same as
 * {@code transforms.Compose([...])}. Each transform takes torchvision 0.14's positional and keyword
 * arguments by its parameter order and names, written as Python literals (numbers, tuples and
 * lists, quoted strings, {@code None}, {@code True}/{@code False}, {@code
 * InterpolationMode.BILINEAR} or {@code 'bilinear'}, {@code AutoAugmentPolicy.CIFAR10}); a
 * transform or enum may carry a {@code T.}, {@code transforms.} or {@code
 * torchvision.transforms.} prefix. Each becomes a {@link Stage}, whose canonical {@link
 * Stage#spec()} parses back to an equal stage.
 *
 * <p>Errors are one line: the text (the whole pipeline with a column for syntax, the transform
 * for its arguments), the argument and value at fault, the rule, and what is supported.
 */
public final class TorchvisionPipeline {
  /** Module prefixes a transform or enum may be written with. */
  private static final List<String> PREFIXES =
      List.of("", "T", "transforms", "torchvision.transforms", "F", "tv");

  /** One transform: its torchvision name, parameters in order, and how to build it. */
  private static final class Transform {
    final String name;
    final List<String> params;
    final Function<TvArgs, Stage> build;

    Transform(String name, List<String> params, Function<TvArgs, Stage> build) {
      this.name = name;
      this.params = params;
      this.build = build;
    }
  }

  private static final Map<String, Transform> TRANSFORMS = new LinkedHashMap<>();

  private static void add(String name, List<String> params, Function<TvArgs, Stage> build) {
    TRANSFORMS.put(name, new Transform(name, params, build));
  }

  static {
    add("RandomCrop", List.of("size", "padding", "pad_if_needed", "fill", "padding_mode"),
        TorchvisionPipeline::randomCrop);
    add("RandomResizedCrop", List.of("size", "scale", "ratio", "interpolation", "antialias"),
        TorchvisionPipeline::randomResizedCrop);
    add("RandomHorizontalFlip", List.of("p"),
        a -> new RandomHorizontalFlip(a.number("p", 0.5)));
    add("RandomVerticalFlip", List.of("p"), a -> new RandomVerticalFlip(a.number("p", 0.5)));
    add("ColorJitter", List.of("brightness", "contrast", "saturation", "hue"),
        TorchvisionPipeline::colorJitter);
    add("RandomRotation", List.of("degrees", "interpolation", "expand", "center", "fill"),
        TorchvisionPipeline::randomRotation);
    add("RandomAffine", List.of("degrees", "translate", "scale", "shear", "interpolation", "fill",
        "center"), TorchvisionPipeline::randomAffine);
    add("RandomGrayscale", List.of("p"), a -> new RandomGrayscale(a.number("p", 0.1)));
    add("RandomInvert", List.of("p"), a -> RandomPixelOp.invert(a.number("p", 0.5)));
    add("RandomPosterize", List.of("bits", "p"),
        a -> RandomPixelOp.posterize(a.integer("bits", required(a, "RandomPosterize", "bits")),
            a.number("p", 0.5)));
    add("RandomSolarize", List.of("threshold", "p"),
        a -> RandomPixelOp.solarize(a.number("threshold", required(a, "RandomSolarize",
            "threshold")), a.number("p", 0.5)));
    add("RandomAdjustSharpness", List.of("sharpness_factor", "p"),
        a -> RandomPixelOp.adjustSharpness(a.number("sharpness_factor",
            required(a, "RandomAdjustSharpness", "sharpness_factor")), a.number("p", 0.5)));
    add("RandomAutocontrast", List.of("p"), a -> RandomPixelOp.autocontrast(a.number("p", 0.5)));
    add("RandomEqualize", List.of("p"), a -> RandomPixelOp.equalize(a.number("p", 0.5)));
    add("RandomApply", List.of("transforms", "p"),
        a -> new RandomApply(a.stages("transforms"), a.number("p", 0.5)));
    add("RandomChoice", List.of("transforms", "p"),
        TorchvisionPipeline::randomChoice);
    add("RandomOrder", List.of("transforms"), a -> new RandomOrder(a.stages("transforms")));
    add("RandAugment", List.of("num_ops", "magnitude", "num_magnitude_bins", "interpolation",
        "fill"), a -> new RandAugment(a.integer("num_ops", 2), a.integer("magnitude", 9),
            a.integer("num_magnitude_bins", 31), policyMode(a), a.fill("fill", null)));
    add("TrivialAugmentWide", List.of("num_magnitude_bins", "interpolation", "fill"),
        a -> new TrivialAugmentWide(a.integer("num_magnitude_bins", 31), policyMode(a),
            a.fill("fill", null)));
    add("AutoAugment", List.of("policy", "interpolation", "fill"),
        a -> new AutoAugment(policy(a), policyMode(a), a.fill("fill", null)));
  }

  private TorchvisionPipeline() {}

  /** The transforms a pipeline may use, in the order the docs list them. */
  public static List<String> transforms() {
    return List.copyOf(TRANSFORMS.keySet());
  }

  /**
   * Parses a pipeline: transforms joined by {@code |}, or one {@code Compose([...])}.
   *
   * @throws IllegalArgumentException with a one-line message quoting the text at fault
   */
  public static List<Stage> parse(String text) {
    PyLiteral in = PyLiteral.at(text, 0, c -> stage(c, text));
    in.skipSpace();
    if (in.atEnd()) {
      throw new IllegalArgumentException("empty pipeline: expected transforms joined by '|',"
          + " e.g. RandomCrop(32, padding=4) | RandomHorizontalFlip()");
    }
    List<Stage> stages = new ArrayList<>();
    int start = in.pos();
    String first = in.dottedName();
    if (first != null && unprefixed(first).equals("Compose")) {
      in.expect('(', "after Compose in '" + text.strip() + "'");
      in.expect('[', "(Compose takes a list of transforms) in '" + text.strip() + "'");
      while (!in.eat(']')) {
        stages.add(stage(in, text));
        if (!in.eat(',')) {
          in.expect(']', "after a transform of Compose in '" + text.strip() + "'");
          break;
        }
      }
      in.expect(')', "to close Compose in '" + text.strip() + "'");
    } else {
      in.seek(start);
      while (true) {
        stages.add(stage(in, text));
        if (!in.eat('|')) {
          break;
        }
      }
    }
    in.skipSpace();
    if (!in.atEnd()) {
      throw syntax(text, in.error("expected '|' between transforms, found '" + in.peek() + "'"));
    }
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("'" + text.strip() + "': Compose has no transforms");
    }
    return stages;
  }

  /** Parses one transform ({@code RandomCrop(32, padding=4)}). */
  public static Stage parseStage(String text) {
    PyLiteral in = PyLiteral.at(text, 0, c -> stage(c, text));
    Stage s = stage(in, text);
    in.skipSpace();
    if (!in.atEnd()) {
      throw syntax(text, in.error("unexpected '" + in.peek() + "' after the transform"));
    }
    return s;
  }

  /** The canonical text of a pipeline: each stage's spec, joined by {@code " | "}. */
  public static String spec(List<? extends Stage> stages) {
    List<String> parts = new ArrayList<>(stages.size());
    for (Stage s : stages) {
      parts.add(s.spec());
    }
    return String.join(" | ", parts);
  }

  private static IllegalArgumentException syntax(String text, IllegalArgumentException e) {
    return new IllegalArgumentException("'" + text.strip() + "': " + e.getMessage());
  }

  private static Stage stage(PyLiteral in, String text) {
    in.skipSpace();
    int start = in.pos();
    String dotted = in.dottedName();
    if (dotted == null) {
      throw syntax(text, in.atEnd() ? in.error("expected a transform, found the end")
          : in.error("expected a transform, found '" + in.peek() + "'"));
    }
    String name = unprefixed(dotted);
    Transform t = TRANSFORMS.get(name);
    if (t == null) {
      throw new IllegalArgumentException("'" + dotted + "': unknown transform " + dotted
          + " (supported: " + String.join(", ", TRANSFORMS.keySet()) + ")");
    }
    if (!in.eat('(')) {
      throw syntax(text, in.error("expected '(' after " + dotted + " (write " + dotted
          + "() for its defaults)"));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    int positional = 0;
    boolean keywords = false;
    try {
      while (!in.eat(')')) {
        int at = in.pos();
        String key = in.dottedName();
        in.skipSpace();
        boolean keyword = key != null && !key.contains(".") && in.peek() == '='
            && !text.startsWith("==", in.pos());
        if (keyword) {
          in.eat('=');
        } else {
          in.seek(at);
        }
        Object v = in.value();
        String param;
        if (keyword) {
          if (!t.params.contains(key)) {
            throw new IllegalArgumentException("unknown argument '" + key + "' for " + name
                + " (arguments: " + String.join(", ", t.params) + ")");
          }
          param = key;
          keywords = true;
        } else {
          if (keywords) {
            throw new IllegalArgumentException("a positional argument follows a keyword"
                + " argument");
          }
          if (positional >= t.params.size()) {
            throw new IllegalArgumentException(name + " takes at most " + t.params.size()
                + " positional arguments (" + String.join(", ", t.params) + ")");
          }
          param = t.params.get(positional++);
        }
        if (values.put(param, v) != null) {
          throw new IllegalArgumentException("argument '" + param + "' given twice");
        }
        if (!in.eat(',')) {
          in.expect(')', "after an argument");
          break;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + callText(text, start) + "': "
          + e.getMessage());
    }
    String call = text.substring(start, in.pos()).strip();
    try {
      return t.build.apply(new TvArgs(name, values));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + call + "': " + e.getMessage());
    }
  }

  /** The transform's text for an error: up to its closing parenthesis, or to the end. */
  private static String callText(String text, int start) {
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
        if (depth == 0) {
          return text.substring(start, i + 1).strip();
        }
      }
    }
    return text.substring(start).strip();
  }

  /** {@code RandomCrop} for {@code T.RandomCrop}; other prefixes are kept, so they fail. */
  private static String unprefixed(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return dot >= 0 && PREFIXES.contains(dotted.substring(0, dot)) ? dotted.substring(dot + 1)
        : dotted;
  }

  /** Whether {@code n} is a member of torchvision's enum {@code type}, with any prefix. */
  static boolean isEnum(PyLiteral.Name n, String type) {
    String owner = n.owner();
    if (owner.equals(type)) {
      return true;
    }
    return owner.endsWith("." + type)
        && PREFIXES.contains(owner.substring(0, owner.length() - type.length() - 1));
  }

  /** {@code InterpolationMode.NEAREST, InterpolationMode.BILINEAR} for error texts. */
  static String modes(List<String> modes) {
    List<String> out = new ArrayList<>();
    for (String m : modes) {
      out.add(TvArgs.modeText(m));
    }
    return String.join(", ", out);
  }

  /** {@code 'constant', 'edge'} for error texts. */
  static String quoted(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add("'" + w + "'");
    }
    return String.join(", ", out);
  }

  /** Fails unless a required argument without a default was given; returns a placeholder. */
  private static int required(TvArgs a, String transform, String name) {
    if (!a.given(name)) {
      throw new IllegalArgumentException(transform + " needs " + name);
    }
    return 0;
  }

  private static final String SIZE = "an int or a sequence (h, w) of ints";

  /** torchvision's {@code _setup_size}: a number, or a sequence of one or two. */
  private static int[] size(TvArgs a, String transform) {
    if (!a.given("size")) {
      throw new IllegalArgumentException(transform + " needs size (" + SIZE + ")");
    }
    int[] s = a.ints("size", SIZE, 1, 2);
    return s.length == 1 ? new int[] {s[0], s[0]} : s;
  }

  private static Stage randomCrop(TvArgs a) {
    int[] size = size(a, "RandomCrop");
    int[] pad = {0, 0, 0, 0};
    if (!a.none("padding")) {
      int[] p = a.ints("padding", "None, an int or a sequence of 1, 2 or 4 ints", 1, 2, 4);
      pad = p.length == 1 ? new int[] {p[0], p[0], p[0], p[0]}
          : p.length == 2 ? new int[] {p[0], p[1], p[0], p[1]} : p;
    }
    String mode = a.string("padding_mode", "constant");
    if (!PadCrop.MODES.contains(mode)) {
      throw a.bad("padding_mode", "expected one of " + quoted(PadCrop.MODES));
    }
    Fill fill = a.fill("fill", Fill.BLACK);
    return new RandomCrop(size[0], size[1], pad, a.bool("pad_if_needed", false),
        fill == null ? Fill.BLACK : fill, mode);
  }

  private static Stage randomResizedCrop(TvArgs a) {
    int[] size = size(a, "RandomResizedCrop");
    double[] scale = a.given("scale") ? a.numbers("scale", "a pair (min, max)", 2)
        : RandomResizedCrop.SCALE;
    double[] ratio = a.given("ratio") ? a.numbers("ratio", "a pair (min, max)", 2)
        : RandomResizedCrop.RATIO;
    if (a.given("scale") && !a.isSequence("scale")) {
      throw a.bad("scale", "expected a pair (min, max)");
    }
    if (a.given("ratio") && !a.isSequence("ratio")) {
      throw a.bad("ratio", "expected a pair (min, max)");
    }
    if (!a.none("antialias")) {
      a.bool("antialias", false); // accepted; PIL images are always resized with antialiasing
    }
    return new RandomResizedCrop(size[0], size[1], scale, ratio,
        a.interpolation("interpolation", "bilinear", RandomResizedCrop.INTERPOLATIONS));
  }

  private static Stage colorJitter(TvArgs a) {
    String[] names = {"brightness", "contrast", "saturation", "hue"};
    double[][] r = new double[4][];
    for (int i = 0; i < 4; i++) {
      String n = names[i];
      if (!a.given(n)) {
        r[i] = i == 3 ? new double[] {0, 0} : new double[] {1, 1};
        continue;
      }
      double[] v = a.numbers(n, "a number or a pair (min, max)", 2);
      if (a.isSequence(n)) {
        r[i] = v;
      } else if (!(v[0] >= 0) || (i == 3 && v[0] > 0.5)) {
        throw a.bad(n, "a single number must be >= 0" + (i == 3 ? " and <= 0.5" : ""));
      } else {
        r[i] = i == 3 ? new double[] {-v[0], v[0]}
            : new double[] {Math.max(1 - v[0], 0.0), 1 + v[0]};
      }
    }
    return new ColorJitter(r[0], r[1], r[2], r[3]);
  }

  /** torchvision's {@code _setup_angle}: a number {@code d >= 0} is {@code (-d, d)}. */
  private static double[] angles(TvArgs a, String name, String what, int... lengths) {
    double[] v = a.numbers(name, what, lengths);
    if (a.isSequence(name)) {
      return v;
    }
    if (!(v[0] >= 0)) {
      throw a.bad(name, "a single number must be >= 0");
    }
    return new double[] {-v[0], v[0]};
  }

  private static Stage randomRotation(TvArgs a) {
    if (!a.given("degrees")) {
      throw new IllegalArgumentException("RandomRotation needs degrees (a number or a pair)");
    }
    double[] d = angles(a, "degrees", "a number or a pair (min, max)", 2);
    if (!a.none("center")) {
      throw a.bad("center", "not supported: preaug's rotate turns about the image centre"
          + " (leave center=None)");
    }
    Fill fill = a.fill("fill", Fill.BLACK);
    return new RandomRotation(d[0], d[1],
        a.interpolation("interpolation", "nearest", RandomRotation.INTERPOLATIONS),
        a.bool("expand", false), fill == null ? Fill.BLACK : fill);
  }

  private static Stage randomAffine(TvArgs a) {
    if (!a.given("degrees")) {
      throw new IllegalArgumentException("RandomAffine needs degrees (a number or a pair)");
    }
    double[] degrees = angles(a, "degrees", "a number or a pair (min, max)", 2);
    double[] translate = null;
    if (!a.none("translate")) {
      translate = a.numbers("translate", "None or a pair (fraction of width, of height)", 2);
      if (!a.isSequence("translate")) {
        throw a.bad("translate", "expected None or a pair (fraction of width, of height)");
      }
    }
    double[] scale = null;
    if (!a.none("scale")) {
      scale = a.numbers("scale", "None or a pair (min, max)", 2);
      if (!a.isSequence("scale")) {
        throw a.bad("scale", "expected None or a pair (min, max)");
      }
    }
    double[] shear = a.none("shear") ? null
        : angles(a, "shear", "None, a number, or a sequence of 2 or 4", 2, 4);
    double[] center = null;
    if (!a.none("center")) {
      center = a.numbers("center", "None or a pair (x, y)", 2);
      if (!a.isSequence("center")) {
        throw a.bad("center", "expected None or a pair (x, y)");
      }
    }
    Fill fill = a.fill("fill", Fill.BLACK);
    return new RandomAffine(degrees, translate, scale, shear,
        a.interpolation("interpolation", "nearest", RandomAffine.INTERPOLATIONS),
        fill == null ? Fill.BLACK : fill, center);
  }

  private static Stage randomChoice(TvArgs a) {
    List<Stage> stages = a.stages("transforms");
    if (a.none("p")) {
      return new RandomChoice(stages, null);
    }
    String what = "None or a sequence of weights, one per transform (" + stages.size() + ")";
    double[] w = a.numbers("p", what, stages.size());
    if (!a.isSequence("p")) {
      throw a.bad("p", "expected " + what);
    }
    return new RandomChoice(stages, w);
  }

  /** The policies' interpolation: what Pillow's affine and rotate take. */
  private static String policyMode(TvArgs a) {
    return a.interpolation("interpolation", "nearest", RandomAffine.INTERPOLATIONS);
  }

  /**
   * AutoAugment's policy: {@code AutoAugmentPolicy.CIFAR10} (any prefix), {@code 'cifar10'}, or
   * the bare word its canonical spec writes ({@code policy=cifar10}).
   */
  private static AutoAugment.Policy policy(TvArgs a) {
    if (!a.given("policy")) {
      return AutoAugment.Policy.IMAGENET;
    }
    Object v = a.raw("policy");
    String word = null;
    if (v instanceof PyLiteral.Name) {
      PyLiteral.Name n = (PyLiteral.Name) v;
      if (n.owner().isEmpty() || isEnum(n, "AutoAugmentPolicy")) {
        word = n.last().toLowerCase(Locale.ROOT);
      }
    } else if (v instanceof String) {
      word = (String) v;
    }
    for (AutoAugment.Policy p : AutoAugment.Policy.values()) {
      if (p.word().equals(word)) {
        return p;
      }
    }
    throw a.bad("policy", "expected AutoAugmentPolicy.IMAGENET, AutoAugmentPolicy.CIFAR10 or"
        + " AutoAugmentPolicy.SVHN");
  }
}
