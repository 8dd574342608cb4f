package dev.preaug.core.recipe;

import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.recipe.tv.TorchvisionPipeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An augmentation recipe: ordered steps, each applied with some probability and choosing one of
 * its weighted op templates. The seed's {@code distort_sample} is two steps (one geometric op of
 * four, then one filter of three), each always applied, all choices equally likely.
 *
 * <p>Config form (keys under {@code recipe.}):
 * <pre>
 * recipe.steps = geometry, filter
 * recipe.geometry.probability = 1
 * recipe.geometry.choices = rotate, shear
 * recipe.geometry.rotate = rotate(angle=uniform(-15,15))
 * recipe.geometry.rotate.weight = 1
 * </pre>
 *
 * <p>Or, instead of steps, a torchvision-style pipeline of {@link Stage}s ({@link
 * TorchvisionPipeline}), each drawing its ops in turn from the record's stream:
 * <pre>
 * recipe.pipeline = RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment()
 * </pre>
 */
public final class Recipe {
  public static final String PREFIX = "recipe.";
  /** The key of a torchvision-style pipeline, the alternative to {@code recipe.steps}. */
  public static final String PIPELINE = PREFIX + "pipeline";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** One weighted alternative of a step. */
  public static final class Choice {
    private final String name;
    private final double weight;
    private final OpTemplate template;

    public Choice(String name, double weight, OpTemplate template) {
      this.name = name;
      this.weight = weight;
      this.template = template;
    }

    public String name() {
      return name;
    }

    public double weight() {
      return weight;
    }

    public OpTemplate template() {
      return template;
    }
  }

  /** One step: with probability p, pick one choice by weight and apply it. */
  public static final class Step {
    private final String name;
    private final double probability;
    private final List<Choice> choices;
    private final double[] cumulative;

    public Step(String name, double probability, List<Choice> choices) {
      this.name = name;
      this.probability = probability;
      this.choices = List.copyOf(choices);
      this.cumulative = new double[choices.size()];
      double sum = 0;
      for (int i = 0; i < choices.size(); i++) {
        sum += choices.get(i).weight();
        cumulative[i] = sum;
      }
    }

    public String name() {
      return name;
    }

    public double probability() {
      return probability;
    }

    public List<Choice> choices() {
      return choices;
    }

    Op sample(Rng rng, int width, int height) {
      // The probability draw happens only when it can matter, so p = 1 recipes use no extra
      // randomness and adding "probability = 1" to a step changes nothing.
      if (probability < 1.0 && !(rng.nextDouble() < probability)) {
        return null;
      }
      int pick = 0;
      if (choices.size() > 1) {
        double r = rng.nextDouble() * cumulative[cumulative.length - 1];
        while (pick < cumulative.length - 1 && r >= cumulative[pick]) {
          pick++;
        }
      }
      return choices.get(pick).template().sample(rng, width, height);
    }
  }

  private final List<Step> steps;
  /** The pipeline's stages; null for a recipe of steps. */
  private final List<Stage> stages;

  public Recipe(List<Step> steps) {
    this.steps = List.copyOf(steps);
    this.stages = null;
  }

  private Recipe(List<Stage> stages, boolean pipeline) {
    this.steps = List.of();
    this.stages = List.copyOf(stages);
  }

  /** A recipe that runs a torchvision-style pipeline: each stage draws in turn. */
  public static Recipe pipeline(List<Stage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one transform");
    }
    return new Recipe(stages, true);
  }

  /** The steps; empty for a pipeline. */
  public List<Step> steps() {
    return steps;
  }

  /** Whether this recipe is a torchvision-style pipeline ({@code recipe.pipeline}). */
  public boolean isPipeline() {
    return stages != null;
  }

  /** The pipeline's stages; empty for a recipe of steps. */
  public List<Stage> stages() {
    return stages == null ? List.of() : stages;
  }

  /** Draws the ops for one augmented record; an empty chain when every step was skipped. */
  public OpChain sample(Rng rng, int width, int height) {
    if (stages != null) {
      List<Op> ops = new ArrayList<>(stages.size() + 2);
      for (Stage s : stages) {
        s.sample(rng, width, height, ops);
      }
      return new OpChain(ops);
    }
    List<Op> ops = new ArrayList<>(steps.size());
    for (Step s : steps) {
      Op op = s.sample(rng, width, height);
      if (op != null) {
        ops.add(op);
      }
    }
    return new OpChain(ops);
  }

  /**
   * The absolute recipe this one is for {@code width} x {@code height} images: every template
   * {@linkplain OpTemplate#resolve resolved}, names, weights and probabilities kept. It draws
   * exactly what this recipe draws for images of that size.
   *
   * @throws IllegalArgumentException when {@link #unfit} would report a problem
   */
  public Recipe resolve(int width, int height) {
    if (stages != null) {
      String why = unfit(width, height);
      if (why != null) {
        throw new IllegalArgumentException(why);
      }
      return this; // stages resolve their size-dependent parts when they sample
    }
    List<Step> out = new ArrayList<>(steps.size());
    for (Step s : steps) {
      List<Choice> cs = new ArrayList<>(s.choices().size());
      for (Choice c : s.choices()) {
        cs.add(new Choice(c.name(), c.weight(), c.template().resolve(width, height)));
      }
      out.add(new Step(s.name(), s.probability(), cs));
    }
    return new Recipe(out);
  }

  /**
   * Why this recipe cannot serve {@code width} x {@code height} images, or null when it can:
   * the first choice whose template is {@linkplain OpTemplate#unfit unfit}, as
   * {@code recipe.<step>.<choice>: <rule>}. A job checks this on the driver once it knows the
   * input's size, so a recipe written for other images fails before any task runs.
   */
  public String unfit(int width, int height) {
    return unfit(width, height, 0);
  }

  /**
   * As {@link #unfit(int, int)} for images of {@code channels} bands; a pipeline's stages also
   * check their fills against the bands (0: not known, not checked).
   */
  public String unfit(int width, int height, int channels) {
    if (stages != null) {
      for (Stage s : stages) {
        String why = channels > 0 ? s.unfit(width, height, channels) : s.unfit(width, height);
        if (why != null) {
          return PIPELINE + ": " + why;
        }
      }
      return null;
    }
    for (Step s : steps) {
      for (Choice c : s.choices()) {
        String why = c.template().unfit(width, height);
        if (why != null) {
          return PREFIX + s.name() + "." + c.name() + ": " + why;
        }
      }
    }
    return null;
  }

  /**
   * Builds a recipe from the {@code recipe.*} keys of a config. Every error is an
   * {@link IllegalArgumentException} whose message starts with the offending key.
   */
  public static Recipe fromConfig(Map<String, String> all) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      if (e.getKey().startsWith(PREFIX)) {
        keys.put(e.getKey(), e.getValue());
      }
    }
    String pipeline = keys.remove(PIPELINE);
    if (pipeline != null) {
      return fromPipeline(pipeline, keys);
    }
    String stepList = keys.remove(PREFIX + "steps");
    if (stepList == null) {
      if (!keys.isEmpty()) {
        throw new IllegalArgumentException(keys.keySet().iterator().next()
            + ": recipe keys given but recipe.steps is missing");
      }
      return new Recipe(Collections.emptyList());
    }
    List<Step> steps = new ArrayList<>();
    for (String stepName : names(stepList, PREFIX + "steps")) {
      String base = PREFIX + stepName + ".";
      double p = 1.0;
      String pText = keys.remove(base + "probability");
      if (pText != null) {
        p = number(base + "probability", pText);
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(base + "probability = " + pText
              + ": must be in [0, 1]");
        }
      }
      String choiceList = keys.remove(base + "choices");
      if (choiceList == null) {
        throw new IllegalArgumentException(base + "choices: missing (step '" + stepName
            + "' is listed in recipe.steps)");
      }
      List<Choice> choices = new ArrayList<>();
      for (String c : names(choiceList, base + "choices")) {
        String tKey = base + c;
        String template = keys.remove(tKey);
        if (template == null) {
          throw new IllegalArgumentException(tKey + ": missing (choice '" + c
              + "' is listed in " + base + "choices)");
        }
        OpTemplate t;
        try {
          t = OpTemplate.parse(template);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(tKey + ": " + e.getMessage(), e);
        }
        double w = 1.0;
        String wText = keys.remove(tKey + ".weight");
        if (wText != null) {
          w = number(tKey + ".weight", wText);
          if (!(w > 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(tKey + ".weight = " + wText
                + ": must be a finite number > 0");
          }
        }
        choices.add(new Choice(c, w, t));
      }
      steps.add(new Step(stepName, p, choices));
    }
    if (!keys.isEmpty()) {
      String k = keys.keySet().iterator().next();
      throw new IllegalArgumentException(k + ": unknown recipe key (not a listed step, choice,"
          + " weight or probability)");
    }
    return new Recipe(steps);
  }

  /** {@code recipe.pipeline}, which must be the only recipe key. */
  private static Recipe fromPipeline(String text, Map<String, String> others) {
    if (others.containsKey(PREFIX + "steps")) {
      throw new IllegalArgumentException(PIPELINE + ": set together with recipe.steps; a recipe"
          + " is either a pipeline or steps, give one of them");
    }
    if (!others.isEmpty()) {
      throw new IllegalArgumentException(others.keySet().iterator().next() + ": not used with "
          + PIPELINE + " (a pipeline is the whole recipe; step keys go with recipe.steps)");
    }
    try {
      return pipeline(TorchvisionPipeline.parse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PIPELINE + ": " + e.getMessage(), e);
    }
  }

  private static List<String> names(String list, String key) {
    List<String> out = new ArrayList<>();
    for (String s : list.split(",")) {
      String n = s.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (!NAME.matcher(n).matches()) {
        throw new IllegalArgumentException(key + " = " + list + ": '" + n
            + "' is not a valid name (lower-case letters, digits, '_')");
      }
      if (out.contains(n)) {
        throw new IllegalArgumentException(key + " = " + list + ": '" + n + "' listed twice");
      }
      if (n.equals("steps") || n.equals("probability") || n.equals("choices")) {
        throw new IllegalArgumentException(key + " = " + list + ": '" + n + "' is reserved");
      }
      out.add(n);
    }
    if (out.isEmpty() && key.endsWith(".choices")) {
      throw new IllegalArgumentException(key + ": a step needs at least one choice");
    }
    return out;
  }

  private static double number(String key, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = " + text + ": not a number");
    }
  }

  /** The recipe as canonical config lines, the form hashed into a run's config hash. */
  public Map<String, String> toConfig() {
    Map<String, String> out = new LinkedHashMap<>();
    if (stages != null) {
      out.put(PIPELINE, TorchvisionPipeline.spec(stages));
      return out;
    }
    List<String> names = new ArrayList<>();
    for (Step s : steps) {
      names.add(s.name());
    }
    out.put(PREFIX + "steps", String.join(", ", names));
    for (Step s : steps) {
      String base = PREFIX + s.name() + ".";
      out.put(base + "probability", Dist.fmt(s.probability()));
      List<String> cn = new ArrayList<>();
      for (Choice c : s.choices()) {
        cn.add(c.name());
      }
      out.put(base + "choices", String.join(", ", cn));
      for (Choice c : s.choices()) {
        out.put(base + c.name(), c.template().spec());
        out.put(base + c.name() + ".weight", Dist.fmt(c.weight()));
      }
    }
    return out;
  }

  /** One line per step, for logs and the manifest. */
  public String describe() {
    if (stages != null) {
      return TorchvisionPipeline.spec(stages);
    }
    if (steps.isEmpty()) {
      return "identity";
    }
    List<String> parts = new ArrayList<>();
    for (Step s : steps) {
      List<String> cs = new ArrayList<>();
      for (Choice c : s.choices()) {
        cs.add(c.template().spec() + (c.weight() != 1.0 ? "*" + Dist.fmt(c.weight()) : ""));
      }
      parts.add((s.probability() < 1 ? "p=" + Dist.fmt(s.probability()) + " " : "")
          + "one of [" + String.join(" | ", cs) + "]");
    }
    return String.join(" then ", parts);
  }
}
