package dev.preaug.core.parity;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preaug.core.BadInputException;
import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.Fill;
import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.OpKind;
import dev.preaug.core.ops.OpRegistry;
import dev.preaug.core.ops.PadCrop;
import dev.preaug.core.ops.ResizePaste;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Sharpen;
import dev.preaug.core.ops.Shear;
import dev.preaug.core.ops.Sine;
import dev.preaug.core.ops.Smooth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest in the golden format of pillow-ops.md section 10, as {@code make_golden.py} writes
 * it: {@code {"set", "pillow_version", ..., "cases": [{"id", "op", "params", "input", "output",
 * ...}]}}. Parameter names are the manifest's, not the op specs': {@code rotate{angle}},
 * {@code shear{x_shear, y_shear}}, {@code resize_paste{w, h, ox, oy}}, {@code sine{f}},
 * {@code gaussian_blur{radius}}, {@code sharpen{}}, {@code smooth{}} and
 * {@code chain{steps: [{op, params}, ...]}}; torchvision's ops by torchvision's argument names
 * ({@code posterize{bits}}, {@code brightness{factor}}, ..., {@code pad_crop{pad, mode, top,
 * left, h, w, fill}}, {@code affine{angle, translate, scale, shear, interpolation, fill, center}},
 * {@code rotate{angle, interpolation, fill}} (the seed's rotate when both are absent),
 * {@code grayscale{}}), as
 * tools/golden/make_tv_golden.py writes them.
 *
 * <p>Parsing is strict, because a misspelt parameter silently defaulting would make a parity
 * check pass for the wrong op: unknown ops or parameters, missing or mistyped values, duplicate
 * ids and output paths that leave the output directory are each a {@link BadInputException}
 * naming the manifest, the case and the field. Fields the tool does not use ({@code debug},
 * {@code changed_pixels}, ...) are ignored.
 */
public final class ParityManifest {
  /** The seed's op names and chain, in the order error messages list them first. */
  public static final List<String> OPS = List.of("rotate", "shear", "resize_paste", "sine",
      "gaussian_blur", "sharpen", "smooth", "chain");

  /** Every op name a case may use: the seed's, chain, then the registry's other ops. */
  static List<String> names() {
    List<String> all = new ArrayList<>(OPS);
    for (String n : OpRegistry.names()) {
      if (!all.contains(n)) {
        all.add(n);
      }
    }
    return all;
  }

  private final Path file;
  private final String set;
  private final String pillowVersion;
  private final List<ParityCase> cases;

  private ParityManifest(Path file, String set, String pillowVersion, List<ParityCase> cases) {
    this.file = file;
    this.set = set;
    this.pillowVersion = pillowVersion;
    this.cases = List.copyOf(cases);
  }

  /** Reads and validates a manifest file. */
  public static ParityManifest read(Path file) throws IOException {
    String name = file.toString();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(name, "", "no such file");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new BadInputException(name, where, "not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(name, "", "expected a JSON object with a 'cases' array");
    }
    JsonNode cases = root.get("cases");
    if (cases == null || !cases.isArray()) {
      throw new BadInputException(name, "field 'cases'", "expected an array of cases");
    }
    List<ParityCase> out = new ArrayList<>(cases.size());
    Map<String, Integer> ids = new HashMap<>();
    Map<String, String> outputs = new HashMap<>();
    for (int i = 0; i < cases.size(); i++) {
      ParityCase c = parseCase(name, i, cases.get(i));
      Integer dup = ids.putIfAbsent(c.id(), i);
      if (dup != null) {
        throw new BadInputException(name, "case '" + c.id() + "' (#" + i + ")",
            "field 'id': duplicates the id of case #" + dup);
      }
      String key = Path.of(c.output()).normalize().toString();
      String other = outputs.putIfAbsent(key, c.id());
      if (other != null) {
        throw new BadInputException(name, "case '" + c.id() + "'", "field 'output': '"
            + c.output() + "' is also the output of case '" + other + "'");
      }
      out.add(c);
    }
    return new ParityManifest(file, text(root.get("set")), text(root.get("pillow_version")), out);
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }

  /** The manifest file as given. */
  public Path file() {
    return file;
  }

  /** The directory inputs and expected outputs are relative to. */
  public Path dir() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** The manifest's {@code set} name, or null. */
  public String set() {
    return set;
  }

  /** The Pillow version that made the expected outputs, or null. */
  public String pillowVersion() {
    return pillowVersion;
  }

  public List<ParityCase> cases() {
    return cases;
  }

  private static ParityCase parseCase(String file, int i, JsonNode c) {
    if (c == null || !c.isObject()) {
      throw new BadInputException(file, "case #" + i, "expected an object with id, op, params,"
          + " input and output");
    }
    JsonNode idNode = c.get("id");
    if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
      throw new BadInputException(file, "case #" + i, "field 'id': expected a non-empty string,"
          + " got " + show(idNode));
    }
    Fields f = new Fields(file, "case '" + idNode.asText() + "'");
    String op = f.string(c, "op", "");
    String input = f.string(c, "input", "");
    String output = f.string(c, "output", "");
    f.path("input", input);
    Path outPath = f.path("output", output);
    Path normal = outPath.normalize();
    // Outputs are written under --out: a path leaving it could overwrite anything.
    if (outPath.isAbsolute() || normal.startsWith("..") || normal.toString().isEmpty()) {
      throw f.error("output", "must be a relative path inside the output directory, got '"
          + output + "'");
    }
    return new ParityCase(i, idNode.asText(), op, f.op(op, c.get("params"), "", false), input,
        output);
  }

  static String show(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    String s = n.toString();
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  /** Reads typed fields of one case and reports errors naming the case and the field path. */
  private static final class Fields {
    final String file;
    final String where;

    Fields(String file, String where) {
      this.file = file;
      this.where = where;
    }

    BadInputException error(String field, String rule) {
      return new BadInputException(file, where, "field '" + field + "': " + rule);
    }

    Path path(String field, String text) {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw error(field, "not a valid path: " + e.getReason());
      }
    }

    String string(JsonNode obj, String key, String prefix) {
      JsonNode n = obj.get(key);
      if (n == null || !n.isTextual() || n.asText().isBlank()) {
        throw error(prefix + key, "expected a non-empty string, got " + show(n));
      }
      return n.asText();
    }

    /**
     * Builds op {@code name} from its params object; {@code prefix} is the field path of the
     * enclosing step ("" for the case itself, "params.steps[1]." inside a chain).
     */
    Op op(String name, JsonNode params, String prefix, boolean inChain) {
      String p = prefix + "params";
      if (params != null && !params.isObject()) {
        throw error(p, "expected an object, got " + show(params));
      }
      switch (name) {
        case "rotate":
          only(params, p, name, "angle", "interpolation", "fill");
          return rotate(params, p);
        case "shear":
          only(params, p, name, "x_shear", "y_shear");
          return build(p, () -> new Shear(number(params, p, "x_shear"),
              number(params, p, "y_shear")));
        case "resize_paste":
          only(params, p, name, "w", "h", "ox", "oy");
          return build(p, () -> new ResizePaste(integer(params, p, "w"), integer(params, p, "h"),
              integer(params, p, "ox"), integer(params, p, "oy")));
        case "sine":
          only(params, p, name, "f");
          return build(p, () -> new Sine(number(params, p, "f")));
        case "gaussian_blur":
          only(params, p, name, "radius");
          return build(p, () -> new GaussianBlur(number(params, p, "radius")));
        case "sharpen":
          only(params, p, name);
          return Sharpen.INSTANCE;
        case "smooth":
          only(params, p, name);
          return Smooth.INSTANCE;
        case "chain":
          if (inChain) {
            throw error(prefix + "op", "a chain step must be a single op, not a chain");
          }
          only(params, p, name, "steps");
          return chain(params, p);
        case "pad_crop":
          only(params, p, name, "pad", "mode", "top", "left", "h", "w", "fill");
          return padCrop(params, p);
        case "affine":
          only(params, p, name, "angle", "translate", "scale", "shear", "interpolation", "fill",
              "center");
          return affine(params, p);
        default:
          OpKind kind = OpRegistry.find(name);
          if (kind == null) {
            throw error(prefix + "op", "unknown op '" + name + "' (expected one of "
                + String.join(", ", names()) + ")");
          }
          // torchvision's pixel ops: the manifest's parameters are the spec's, by name.
          only(params, p, name, kind.paramNames().toArray(new String[0]));
          double[] args = new double[kind.params().size()];
          for (int k = 0; k < args.length; k++) {
            OpKind.Param q = kind.params().get(k);
            if (q.isChoice()) {
              String word = string(params, q.name(), p + ".");
              args[k] = q.choiceIndex(word);
              if (args[k] < 0) {
                throw error(p + "." + q.name(), "'" + word + "' is not one of "
                    + String.join(", ", q.choices()));
              }
            } else {
              args[k] = q.integer() ? integer(params, p, q.name())
                  : number(params, p, q.name());
            }
          }
          return build(p, () -> kind.build(args));
      }
    }

    /**
     * {@code F.crop(F.pad(img, pad, fill, padding_mode), top, left, h, w)}: pad is torchvision's
     * p, [p], [left/right, top/bottom] or [left, top, right, bottom].
     */
    private Op padCrop(JsonNode params, String p) {
      JsonNode pad = params.get("pad");
      int[] ltrb;
      if (pad != null && pad.isNumber()) {
        int v = integer(params, p, "pad");
        ltrb = new int[] {v, v, v, v};
      } else if (pad != null && pad.isArray() && (pad.size() == 1 || pad.size() == 2
          || pad.size() == 4)) {
        int[] v = new int[pad.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = integer(pad, p + ".pad", Integer.toString(k), pad.get(k));
        }
        ltrb = v.length == 1 ? new int[] {v[0], v[0], v[0], v[0]}
            : v.length == 2 ? new int[] {v[0], v[1], v[0], v[1]} : v;
      } else {
        throw error(p + ".pad", "expected an integer or a list of 1, 2 or 4 integers, got "
            + show(pad));
      }
      String mode = string(params, "mode", p + ".");
      Fill fill = fill(params, p);
      int top = integer(params, p, "top");
      int left = integer(params, p, "left");
      int h = integer(params, p, "h");
      int w = integer(params, p, "w");
      return build(p, () -> new PadCrop(ltrb[0], ltrb[1], ltrb[2], ltrb[3], mode, top, left, h,
          w, fill));
    }

    /**
     * {@code F.affine(img, angle, translate, scale, shear, NEAREST, fill, center)}; without a
     * center, about the image's.
     */
    private Op affine(JsonNode params, String p) {
      double[] t = pair(params, p, "translate");
      JsonNode sh = params.get("shear");
      double[] shear = sh != null && sh.isNumber() ? new double[] {number(params, p, "shear"), 0}
          : pair(params, p, "shear");
      String interpolation = interpolation(params, p);
      double angle = number(params, p, "angle");
      double scale = number(params, p, "scale");
      Fill fill = fill(params, p);
      if (params.has("center")) {
        double[] c = pair(params, p, "center");
        return build(p, () -> new Affine(angle, t[0], t[1], scale, shear[0], shear[1],
            interpolation, fill, c[0], c[1]));
      }
      return build(p, () -> new Affine(angle, t[0], t[1], scale, shear[0], shear[1],
          interpolation, fill));
    }

    /**
     * {@code F.rotate(img, angle, interpolation, fill=fill)}: without interpolation and fill, the
     * seed's {@code img.rotate(angle)}.
     */
    private Op rotate(JsonNode params, String p) {
      double angle = number(params, p, "angle");
      if (params == null || !(params.has("interpolation") || params.has("fill"))) {
        return build(p, () -> new Rotate(angle));
      }
      String interpolation = params.has("interpolation") ? interpolation(params, p) : "nearest";
      Fill fill = fill(params, p);
      return build(p, () -> new Rotate(angle, interpolation, fill));
    }

    private String interpolation(JsonNode params, String p) {
      String word = string(params, "interpolation", p + ".");
      if (!List.of("nearest", "bilinear", "bicubic").contains(word)) {
        throw error(p + ".interpolation", "'" + word + "' is not one of nearest, bilinear,"
            + " bicubic");
      }
      return word;
    }

    private double[] pair(JsonNode params, String p, String key) {
      JsonNode n = params.get(key);
      if (n == null || !n.isArray() || n.size() != 2 || !n.get(0).isNumber()
          || !n.get(1).isNumber()) {
        throw error(p + "." + key, "expected a list of two numbers, got " + show(n));
      }
      return new double[] {n.get(0).doubleValue(), n.get(1).doubleValue()};
    }

    /**
     * torchvision's fill: absent is 0; one integer is every band's; a list has one number per
     * band (1 or 3), each truncated toward zero as {@code _parse_fill}'s {@code int()} does.
     */
    private Fill fill(JsonNode params, String p) {
      JsonNode f = params.get("fill");
      if (f == null) {
        return Fill.BLACK;
      }
      int[] v;
      if (!f.isArray()) {
        v = new int[] {integer(params, p, "fill")};
      } else {
        v = new int[f.size()];
      }
      for (int k = 0; f.isArray() && k < v.length; k++) {
        JsonNode n = f.get(k);
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())
            || Math.abs(n.doubleValue()) > 1e6) {
          throw error(p + ".fill[" + k + "]", "expected a number, got " + show(n));
        }
        v[k] = (int) n.doubleValue();
      }
      try {
        return Fill.perBand(v);
      } catch (IllegalArgumentException e) {
        throw error(p + ".fill", e.getMessage());
      }
    }

    private Op chain(JsonNode params, String p) {
      JsonNode steps = params == null ? null : params.get("steps");
      if (steps == null || !steps.isArray() || steps.isEmpty()) {
        throw error(p + ".steps", "expected a non-empty array of {\"op\", \"params\"} steps, got "
            + show(steps));
      }
      List<Op> ops = new ArrayList<>(steps.size());
      for (int k = 0; k < steps.size(); k++) {
        String sp = p + ".steps[" + k + "].";
        JsonNode step = steps.get(k);
        if (!step.isObject()) {
          throw error(p + ".steps[" + k + "]", "expected {\"op\", \"params\"}, got " + show(step));
        }
        ops.add(op(string(step, "op", sp), step.get("params"), sp, true));
      }
      return new OpChain(ops);
    }

    /** Refuses parameters the op does not take, so a typo is never silently ignored. */
    private void only(JsonNode params, String p, String op, String... names) {
      if (params == null) {
        if (names.length > 0) {
          throw error(p, "missing (" + op + " takes " + String.join(", ", names) + ")");
        }
        return;
      }
      Set<String> allowed = Set.of(names);
      for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          throw error(p + "." + k, "unknown parameter of " + op + " (" + (names.length == 0
              ? op + " takes none" : "expected " + String.join(", ", names)) + ")");
        }
      }
    }

    private double number(JsonNode params, String p, String key) {
      JsonNode n = params.get(key);
      if (n == null) {
        throw error(p + "." + key, "missing");
      }
      if (!n.isNumber()) {
        throw error(p + "." + key, "expected a number, got " + show(n));
      }
      return n.doubleValue();
    }

    private int integer(JsonNode params, String p, String key) {
      return integer(params, p, key, params.get(key));
    }

    private int integer(JsonNode params, String p, String key, JsonNode n) {
      if (n == null) {
        throw error(p + "." + key, "missing");
      }
      // make_golden.py writes ints; 25.0 is accepted too since JSON writers differ on that.
      if (!n.isNumber() || n.doubleValue() != Math.rint(n.doubleValue())
          || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
        throw error(p + "." + key, "expected an integer, got " + show(n));
      }
      return (int) n.doubleValue();
    }

    private Op build(String p, OpFactory f) {
      try {
        return f.make();
      } catch (IllegalArgumentException e) {
        throw error(p, e.getMessage());
      }
    }
  }

  @FunctionalInterface
  private interface OpFactory {
    Op make();
  }
}
