package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.Setting;
import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.core.recipe.Recipe;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A torchvision-style pipeline goes through the same {@link RecordPlan} as step recipes: the
 * records it makes carry the concrete ops drawn, which parse back and replay to the record's
 * pixels, and {@code preview}'s variants of a policy are those records.
 */
class PipelineVariantsTest {
  private static Recipe recipe(String pipeline) {
    return PreaugConfig.resolve(List.of(Map.of("recipe.pipeline",
        new Setting(pipeline, "--set recipe.pipeline")))).recipe();
  }

  private static Image cifarLike(int i) {
    return Image.wrap(32, 32, 3, DemoColour.image(i, i % 10, 77, 32, 32));
  }

  @Test
  void cifarRecordsCarryTheirOpsAndReplayToTheirPixels() {
    Recipe r = recipe("RandomCrop(32, padding=4) | RandomHorizontalFlip()"
        + " | RandAugment(num_ops=2, magnitude=9)");
    RecordPlan plan = new RecordPlan(r, 11, 3, 200, 1, 2, 32, 32);
    Set<String> distinct = new HashSet<>();
    int padCrops = 0;
    for (int i = 0; i < 200; i++) {
      Image img = cifarLike(i);
      for (int copy = 1; copy < 3; copy++) {
        OutputRecord rec = plan.make(i, i % 10, img, copy);
        assertTrue(rec.augmented());
        // Provenance: the ops string alone gives the record's pixels.
        assertArrayEquals(OpSpecs.parse(rec.ops()).apply(img).toArray(), rec.pixels(),
            rec.ops());
        distinct.add(rec.ops());
        padCrops += rec.ops().startsWith("pad_crop(4,4,4,4,constant,") ? 1 : 0;
      }
    }
    // With padding, RandomCrop always draws a window of the padded image: a pad_crop first.
    assertEquals(400, padCrops);
    assertTrue(distinct.size() > 390, "records draw independently: " + distinct.size());
  }

  @Test
  void previewShowsAPolicysVariantsAsTheJobWritesThem() {
    Recipe r = recipe("AutoAugment(AutoAugmentPolicy.CIFAR10)");
    RecordPlan plan = new RecordPlan(r, 5, 0, 10, 1, 4, 32, 32);
    Image img = cifarLike(3);
    List<RecipeVariants.Variant> vs = RecipeVariants.draw(plan, 7, img, 12);
    Set<String> chains = new HashSet<>();
    for (int k = 0; k < vs.size(); k++) {
      RecipeVariants.Variant v = vs.get(k);
      chains.add(v.ops().spec());
      if (k < 4) {
        OutputRecord rec = plan.make(7, 0, img, v.copy());
        assertEquals(rec.ops(), v.ops().spec());
        assertArrayEquals(rec.pixels(), v.image().toArray());
      }
    }
    assertTrue(chains.size() >= 8, "12 variants of a 25-sub-policy policy: " + chains);
  }
}
