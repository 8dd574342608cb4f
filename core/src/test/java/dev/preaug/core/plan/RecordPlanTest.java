package dev.preaug.core.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.demo.DemoGlyphs;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.recipe.Recipe;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.shuffle.EpochPermutation;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class RecordPlanTest {
  private static final Recipe RECIPE = PreaugConfig.resolve().recipe();

  @Test
  void positionsAndRecordsAreInversesOverTheWholeEpoch() {
    RecordPlan plan = new RecordPlan(RECIPE, 5, 2, 37, 2, 3, 64, 64);
    assertEquals(5, plan.copies());
    assertEquals(185, plan.records());
    BitSet seen = new BitSet();
    for (long i = 0; i < 37; i++) {
      for (int c = 0; c < 5; c++) {
        long p = plan.position(i, c);
        assertTrue(p >= 0 && p < 185);
        assertFalse(seen.get((int) p), "position " + p + " taken twice");
        seen.set((int) p);
        long r = plan.recordAt(p);
        assertEquals(i * 5 + c, r);
        assertEquals(i, plan.indexOf(r));
        assertEquals(c, plan.copyOf(r));
      }
    }
    assertEquals(185, seen.cardinality());
  }

  @Test
  void theOrderIsTheEpochPermutationOfIndexTimesCopiesPlusCopy() {
    RecordPlan plan = new RecordPlan(RECIPE, 11, 4, 50, 1, 3, 64, 64);
    EpochPermutation perm = new EpochPermutation(11, 4, 200);
    for (long i = 0; i < 50; i++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(perm.position(i * 4 + c), plan.position(i, c));
      }
    }
  }

  @Test
  void originalsAreTheInputAndAugmentedCopiesUseTheirOwnStream() {
    RecordPlan plan = new RecordPlan(RECIPE, 7, 3, 10, 1, 2, 64, 64);
    GrayImage img = GrayImage.wrap(64, 64, DemoGlyphs.glyph(3, 1, 7));
    OutputRecord original = plan.make(6, 9, Image.of(img), 0);
    assertFalse(original.augmented());
    assertEquals("", original.ops());
    assertArrayEquals(img.array(), original.pixels());
    for (int c = 1; c < 3; c++) {
      OpChain want = RECIPE.sample(Rng.forRecord(7, 3, 6, c), 64, 64);
      OutputRecord aug = plan.make(6, 9, Image.of(img), c);
      assertTrue(aug.augmented());
      assertEquals(9, aug.label());
      assertEquals(want.spec(), aug.ops());
      assertArrayEquals(want.apply(img).array(), aug.pixels());
      assertEquals(want, plan.ops(6, c));
    }
  }

  @Test
  void outOfRangeRecordsAndBadCopyCountsAreRefusedWithTheRule() {
    RecordPlan plan = new RecordPlan(RECIPE, 1, 1, 10, 1, 1, 64, 64);
    assertEquals("sample 10 copy 0 outside 10 samples x 2 copies",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.position(10, 0)).getMessage());
    assertEquals("sample 3 copy 2 outside 10 samples x 2 copies",
        assertThrows(IndexOutOfBoundsException.class, () -> plan.position(3, 2)).getMessage());
    assertEquals("copy 0 of sample 3 is an original (copies.original = 1): it has no ops",
        assertThrows(IllegalArgumentException.class, () -> plan.ops(3, 0)).getMessage());
    assertEquals("copies: original 0, augmented 0: each must be >= 0 and their sum >= 1",
        assertThrows(IllegalArgumentException.class,
            () -> new RecordPlan(RECIPE, 1, 1, 10, 0, 0, 64, 64)).getMessage());
    assertEquals("samples 0 must be in [1, " + Long.MAX_VALUE / 2 + "] for 2 copies each",
        assertThrows(IllegalArgumentException.class,
            () -> new RecordPlan(RECIPE, 1, 1, 0, 1, 1, 64, 64)).getMessage());
  }
}
