package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.ops.OpChain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeTest {
  static Map<String, String> keys(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : kv) {
      int eq = s.indexOf('=');
      m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return m;
  }

  private static String error(String... kv) {
    return assertThrows(IllegalArgumentException.class, () -> Recipe.fromConfig(keys(kv)))
        .getMessage();
  }

  static final String[] SEED_RECIPE = {
      "recipe.steps = geometry, filter",
      "recipe.geometry.choices = sine, rotate, shear, scale",
      "recipe.geometry.sine = sine(factor=signed_uniform(0.15, 0.2))",
      "recipe.geometry.rotate = rotate(angle=uniform(-15, 15))",
      "recipe.geometry.shear = shear(x=uniform(-0.2, 0.2), y=uniform(-0.2, 0.2))",
      "recipe.geometry.scale = resize_paste(w=randrange(25, 63), h=randrange(25, 63), ox=fit,"
          + " oy=fit)",
      "recipe.filter.choices = blur, sharpen, smooth",
      "recipe.filter.blur = gaussian_blur(radius=uniform(0.5, 1.2))",
      "recipe.filter.sharpen = sharpen",
      "recipe.filter.smooth = smooth"};

  @Test
  void seedRecipe() {
    Recipe r = Recipe.fromConfig(keys(SEED_RECIPE));
    assertEquals(2, r.steps().size());
    Recipe.Step geometry = r.steps().get(0);
    assertEquals("geometry", geometry.name());
    assertEquals(1.0, geometry.probability());
    assertEquals(List.of("sine", "rotate", "shear", "scale"),
        geometry.choices().stream().map(Recipe.Choice::name).toList());
    assertEquals(1.0, geometry.choices().get(2).weight());
    assertEquals("shear(x=uniform(-0.2,0.2),y=uniform(-0.2,0.2))",
        geometry.choices().get(2).template().spec());
    Recipe builtIn = PreaugConfig.resolve().recipe();
    assertEquals(r.toConfig(), builtIn.resolve(64, 64).toConfig(),
        "the built-in default recipe is the seed's for 64x64 images");
    assertEquals("resize_paste(w=randrange(25/64*W,63/64*W),h=randrange(25/64*H,63/64*H),"
        + "ox=fit,oy=fit)", builtIn.toConfig().get("recipe.geometry.scale"),
        "and scales with the image elsewhere");
  }

  @Test
  void toConfigIsCanonicalAndRoundTrips() {
    Recipe r = Recipe.fromConfig(keys(SEED_RECIPE));
    Map<String, String> c = r.toConfig();
    assertEquals(List.of("recipe.steps", "recipe.geometry.probability", "recipe.geometry.choices",
        "recipe.geometry.sine", "recipe.geometry.sine.weight", "recipe.geometry.rotate",
        "recipe.geometry.rotate.weight", "recipe.geometry.shear", "recipe.geometry.shear.weight",
        "recipe.geometry.scale", "recipe.geometry.scale.weight", "recipe.filter.probability",
        "recipe.filter.choices", "recipe.filter.blur", "recipe.filter.blur.weight",
        "recipe.filter.sharpen", "recipe.filter.sharpen.weight", "recipe.filter.smooth",
        "recipe.filter.smooth.weight"), List.copyOf(c.keySet()));
    assertEquals("geometry, filter", c.get("recipe.steps"));
    assertEquals("sine, rotate, shear, scale", c.get("recipe.geometry.choices"));
    assertEquals("1", c.get("recipe.geometry.probability"));
    assertEquals("1", c.get("recipe.filter.smooth.weight"));
    assertEquals("resize_paste(w=randrange(25,63),h=randrange(25,63),ox=fit,oy=fit)",
        c.get("recipe.geometry.scale"));
    assertEquals(c, Recipe.fromConfig(c).toConfig());

    Recipe custom = Recipe.fromConfig(keys("recipe.steps = a, b",
        "recipe.a.probability = 0.3", "recipe.a.choices = x, y",
        "recipe.a.x = rotate(angle=choice(-90, 90))", "recipe.a.x.weight = 2.5",
        "recipe.a.y = resize_paste(w=randint(10, 20), h=12, ox=center, oy=0)",
        "recipe.b.choices = only", "recipe.b.only = smooth"));
    Map<String, String> cc = custom.toConfig();
    assertEquals("0.3", cc.get("recipe.a.probability"));
    assertEquals("2.5", cc.get("recipe.a.x.weight"));
    assertEquals("resize_paste(w=randint(10,20),h=12,ox=center,oy=0)", cc.get("recipe.a.y"));
    assertEquals(cc, Recipe.fromConfig(cc).toConfig());
  }

  @Test
  void emptyRecipes() {
    assertEquals(0, Recipe.fromConfig(Map.of()).steps().size());
    assertEquals(0, Recipe.fromConfig(keys("seed = 3", "output.dir = x")).steps().size(),
        "non-recipe keys are ignored");
    Recipe none = Recipe.fromConfig(keys("recipe.steps = "));
    assertEquals(0, none.steps().size());
    assertEquals("identity", none.describe());
    assertEquals(Map.of("recipe.steps", ""), none.toConfig());
    OpChain chain = none.sample(new Rng(1), 64, 64);
    assertTrue(chain.ops().isEmpty());
    assertEquals("identity", chain.spec());
  }

  @Test
  void describe() {
    assertEquals("one of [sine(factor=signed_uniform(0.15,0.2)) | rotate(angle=uniform(-15,15))"
        + " | shear(x=uniform(-0.2,0.2),y=uniform(-0.2,0.2)) |"
        + " resize_paste(w=randrange(25,63),h=randrange(25,63),ox=fit,oy=fit)] then one of"
        + " [gaussian_blur(radius=uniform(0.5,1.2)) | sharpen | smooth]",
        Recipe.fromConfig(keys(SEED_RECIPE)).describe());
    assertEquals("p=0.3 one of [sharpen*3 | smooth]", Recipe.fromConfig(keys(
        "recipe.steps = a", "recipe.a.probability = 0.3", "recipe.a.choices = x, y",
        "recipe.a.x = sharpen", "recipe.a.x.weight = 3", "recipe.a.y = smooth")).describe());
  }

  @Test
  void errorsStartWithTheKey() {
    assertEquals("recipe.geometry.choices: recipe keys given but recipe.steps is missing",
        error("recipe.geometry.choices = x"));
    assertEquals("recipe.geometry.choices: missing (step 'geometry' is listed in recipe.steps)",
        error("recipe.steps = geometry"));
    assertEquals("recipe.geometry.rotate: missing (choice 'rotate' is listed in"
        + " recipe.geometry.choices)", error("recipe.steps = geometry",
        "recipe.geometry.choices = rotate"));
    assertEquals("recipe.geometry.rotate: 'x' in 'x' is not a finite number",
        error("recipe.steps = geometry", "recipe.geometry.choices = rotate",
            "recipe.geometry.rotate = rotate(angle=x)"));
    assertEquals("recipe.g.r: unknown op 'rotat' in 'rotat(angle=1)': expected one of rotate,"
        + " shear, resize_paste, sine, gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale",
        error("recipe.steps = g", "recipe.g.choices = r", "recipe.g.r = rotat(angle=1)"));
    assertEquals("recipe.g.r: 'gaussian_blur(radius=uniform(-1,2))': radius = uniform(-1,2)"
        + " reaches -1, outside the domain of gaussian_blur radius [0, 1000]",
        error("recipe.steps = g", "recipe.g.choices = r",
            "recipe.g.r = gaussian_blur(radius=uniform(-1,2))"));
    assertEquals("recipe.other: unknown recipe key (not a listed step, choice, weight or"
        + " probability)", error("recipe.steps = g", "recipe.g.choices = r",
        "recipe.g.r = sharpen", "recipe.other = 1"));
    assertEquals("recipe.g.unused: unknown recipe key (not a listed step, choice, weight or"
        + " probability)", error("recipe.steps = g", "recipe.g.choices = r",
        "recipe.g.r = sharpen", "recipe.g.unused = smooth"));
    assertEquals("recipe.g.unused.weight: unknown recipe key (not a listed step, choice, weight"
        + " or probability)", error("recipe.steps = g", "recipe.g.choices = r",
        "recipe.g.r = sharpen", "recipe.g.unused.weight = 2"));
  }

  @Test
  void probabilityAndWeightErrors() {
    String[] base = {"recipe.steps = g", "recipe.g.choices = r", "recipe.g.r = sharpen"};
    for (String[] c : new String[][] {{"recipe.g.probability = 1.5", "must be in [0, 1]"},
        {"recipe.g.probability = -0.1", "must be in [0, 1]"},
        {"recipe.g.probability = NaN", "must be in [0, 1]"},
        {"recipe.g.probability = often", "not a number"},
        {"recipe.g.r.weight = 0", "must be a finite number > 0"},
        {"recipe.g.r.weight = -2", "must be a finite number > 0"},
        {"recipe.g.r.weight = Infinity", "must be a finite number > 0"},
        {"recipe.g.r.weight = NaN", "must be a finite number > 0"},
        {"recipe.g.r.weight = heavy", "not a number"}}) {
      String[] all = java.util.Arrays.copyOf(base, 4);
      all[3] = c[0];
      String key = c[0].substring(0, c[0].indexOf('=')).trim();
      String value = c[0].substring(c[0].indexOf('=') + 1).trim();
      assertEquals(key + " = " + value + ": " + c[1], error(all), c[0]);
    }
    assertEquals(0.0, Recipe.fromConfig(keys("recipe.steps = g", "recipe.g.choices = r",
        "recipe.g.r = sharpen", "recipe.g.probability = 0")).steps().get(0).probability());
  }

  @Test
  void nameErrors() {
    assertEquals("recipe.steps = g, G: 'G' is not a valid name (lower-case letters, digits, '_')",
        error("recipe.steps = g, G"));
    assertEquals("recipe.steps = g, g: 'g' listed twice", error("recipe.steps = g, g"));
    assertEquals("recipe.steps = steps: 'steps' is reserved", error("recipe.steps = steps"));
    assertEquals("recipe.g.choices = a, probability: 'probability' is reserved",
        error("recipe.steps = g", "recipe.g.choices = a, probability"));
    assertEquals("recipe.g.choices = choices: 'choices' is reserved",
        error("recipe.steps = g", "recipe.g.choices = choices"));
    assertEquals("recipe.g.choices = a.b: 'a.b' is not a valid name (lower-case letters,"
        + " digits, '_')", error("recipe.steps = g", "recipe.g.choices = a.b"));
    assertEquals("recipe.g.choices: a step needs at least one choice",
        error("recipe.steps = g", "recipe.g.choices = "));
    assertEquals("recipe.g.choices: a step needs at least one choice",
        error("recipe.steps = g", "recipe.g.choices = , ,"));
    // Empty entries between commas are skipped.
    assertEquals(2, Recipe.fromConfig(keys("recipe.steps = a,, b,", "recipe.a.choices = x",
        "recipe.a.x = sharpen", "recipe.b.choices = y", "recipe.b.y = smooth")).steps().size());
  }
}
