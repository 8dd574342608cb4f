package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.demo.DemoGlyphs;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeVariantsTest {
  private static final Recipe RECIPE = PreaugConfig.resolve().recipe();

  private static RecordPlan plan(long seed, long epoch, int copiesOriginal) {
    return new RecordPlan(RECIPE, seed, epoch, 100, copiesOriginal, 4, 64, 64);
  }

  private static GrayImage glyph() {
    return GrayImage.wrap(64, 64, DemoGlyphs.glyph(7, 3, 1));
  }

  @Test
  void variantsAreTheRecordsTheJobDrawsCopyByCopy() {
    GrayImage img = glyph();
    byte[] before = img.toArray();
    List<RecipeVariants.Variant> vs = RecipeVariants.draw(plan(7, 2, 1), 41, img, 6);
    assertEquals(6, vs.size());
    for (int k = 0; k < 6; k++) {
      RecipeVariants.Variant v = vs.get(k);
      assertEquals(1 + k, v.copy(), "augmented copies come after the one original");
      OpChain expected = RECIPE.sample(Rng.forRecord(7, 2, 41, 1 + k), 64, 64);
      assertEquals(expected, v.ops());
      assertEquals(expected.apply(img), v.image());
    }
    assertEquals(GrayImage.of(64, 64, before), img, "input untouched");
  }

  @Test
  void copyNumbersStartAfterTheOriginals() {
    GrayImage img = glyph();
    List<RecipeVariants.Variant> two = RecipeVariants.draw(plan(7, 0, 2), 5, img, 2);
    assertEquals(2, two.get(0).copy());
    assertEquals(RECIPE.sample(Rng.forRecord(7, 0, 5, 2), 64, 64), two.get(0).ops());
  }

  @Test
  void seedEpochAndSampleEachChangeTheDraws() {
    GrayImage img = glyph();
    OpChain base = RecipeVariants.draw(plan(7, 0, 1), 5, img, 1).get(0).ops();
    assertNotEquals(base, RecipeVariants.draw(plan(8, 0, 1), 5, img, 1).get(0).ops());
    assertNotEquals(base, RecipeVariants.draw(plan(7, 1, 1), 5, img, 1).get(0).ops());
    assertNotEquals(base, RecipeVariants.draw(plan(7, 0, 1), 6, img, 1).get(0).ops());
    assertEquals(base, RecipeVariants.draw(plan(7, 0, 1), 5, img, 1).get(0).ops());
  }
}
