package dev.preaug.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.preaug.core.recipe.Recipe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How recipe keys of a higher layer combine with the default recipe below them. */
class RecipeLayersTest {
  private static PreaugConfig with(String... kv) {
    Map<String, Setting> layer = new LinkedHashMap<>();
    for (String s : kv) {
      int eq = s.indexOf('=');
      layer.put(s.substring(0, eq), new Setting(s.substring(eq + 1), "--set"));
    }
    return PreaugConfig.resolve(List.of(layer));
  }

  @Test
  void narrowingAStepsChoicesDropsTheOthers() {
    Recipe r = with("recipe.geometry.choices=rotate").recipe();
    assertEquals(1, r.steps().get(0).choices().size());
    assertEquals("rotate(angle=uniform(-15,15))",
        r.steps().get(0).choices().get(0).template().spec());
    assertEquals(3, r.steps().get(1).choices().size(), "the filter step is untouched");
  }

  @Test
  void aNewChoiceNeedsItsTemplateInTheSameLayers() {
    Recipe r = with("recipe.geometry.choices=rotate, wide",
        "recipe.geometry.wide=rotate(angle=uniform(-40,40))", "recipe.geometry.wide.weight=3")
        .recipe();
    assertEquals(List.of("rotate", "wide"),
        r.steps().get(0).choices().stream().map(Recipe.Choice::name).toList());
    assertEquals(3.0, r.steps().get(0).choices().get(1).weight());
  }
}
