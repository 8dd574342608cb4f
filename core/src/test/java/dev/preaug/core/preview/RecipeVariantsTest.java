package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.demo.DemoGlyphs;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
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

  private static Image glyph() {
    return Image.wrap(64, 64, 1, DemoGlyphs.glyph(7, 3, 1));
  }

  @Test
  void variantsAreTheRecordsTheJobDrawsCopyByCopy() {
    Image img = glyph();
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
    assertEquals(Image.of(64, 64, 1, before), img, "input untouched");
  }

  @Test
  void colourSamplesGetColourVariantsBandByBandAsTheJobMakesThem() {
    Image img = Image.wrap(64, 64, 3, DemoColour.image(5, 2, 3, 64, 64));
    byte[] before = img.toArray();
    RecordPlan plan = plan(7, 2, 1);
    List<RecipeVariants.Variant> vs = RecipeVariants.draw(plan, 41, img, 6);
    for (RecipeVariants.Variant v : vs) {
      Image out = v.image();
      assertEquals(3, out.channels(), v.ops().spec());
      // The record run writes for this copy holds exactly these pixels.
      assertArrayEquals(plan.make(41, 0, img, v.copy()).pixels(), out.array(), v.ops().spec());
      // The seed's ops work on each band as on a gray image (Pillow's rule for mode RGB).
      GrayImage[] bands = img.bands();
      for (int c = 0; c < 3; c++) {
        bands[c] = v.ops().apply(bands[c]);
      }
      assertEquals(Image.merge(bands), out, v.ops().spec());
      assertTrue(differingBands(out) > out.width() * out.height() / 8,
          "still in colour: " + v.ops().spec());
    }
    assertEquals(Image.of(64, 64, 3, before), img, "input untouched");
  }

  /** Pixels whose red and green differ. */
  private static int differingBands(Image img) {
    int n = 0;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        n += img.get(x, y, 0) != img.get(x, y, 1) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void copyNumbersStartAfterTheOriginals() {
    Image img = glyph();
    List<RecipeVariants.Variant> two = RecipeVariants.draw(plan(7, 0, 2), 5, img, 2);
    assertEquals(2, two.get(0).copy());
    assertEquals(RECIPE.sample(Rng.forRecord(7, 0, 5, 2), 64, 64), two.get(0).ops());
  }

  @Test
  void seedEpochAndSampleEachChangeTheDraws() {
    Image img = glyph();
    OpChain base = RecipeVariants.draw(plan(7, 0, 1), 5, img, 1).get(0).ops();
    assertNotEquals(base, RecipeVariants.draw(plan(8, 0, 1), 5, img, 1).get(0).ops());
    assertNotEquals(base, RecipeVariants.draw(plan(7, 1, 1), 5, img, 1).get(0).ops());
    assertNotEquals(base, RecipeVariants.draw(plan(7, 0, 1), 6, img, 1).get(0).ops());
    assertEquals(base, RecipeVariants.draw(plan(7, 0, 1), 5, img, 1).get(0).ops());
  }
}
