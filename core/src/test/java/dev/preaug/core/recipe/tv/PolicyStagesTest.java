package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.Posterize;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Solarize;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The policies' constructors, their one-line errors, canonical specs, and the concrete ops they
 * build for known magnitudes.
 */
class PolicyStagesTest {
  private static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void constructorsRejectWhatTorchvisionCannotMeanWithOneLine() {
    assertMessage("RandAugment num_ops must be >= 0, got -1", () -> new RandAugment(-1, 9, 31));
    assertMessage("RandAugment magnitude must be a bin index in [0, num_magnitude_bins) = [0, 31),"
        + " got 31", () -> new RandAugment(2, 31, 31));
    assertMessage("RandAugment magnitude must be a bin index in [0, num_magnitude_bins) = [0, 31),"
        + " got -1", () -> new RandAugment(2, -1, 31));
    assertMessage("RandAugment num_magnitude_bins must be in [2, 32768], got 1",
        () -> new RandAugment(2, 0, 1));
    assertMessage("RandAugment num_magnitude_bins must be in [2, 32768], got 32769",
        () -> new RandAugment(2, 9, 32769));
    assertMessage("TrivialAugmentWide num_magnitude_bins must be in [2, 32768], got 0",
        () -> new TrivialAugmentWide(0));
    assertMessage("TrivialAugmentWide num_magnitude_bins must be in [2, 32768], got 40000",
        () -> new TrivialAugmentWide(40000));
    assertMessage("AutoAugment policy must be one of imagenet, cifar10, svhn, got 'CIFAR10'",
        () -> AutoAugment.policy("CIFAR10"));
    assertEquals("AutoAugment policy",
        assertThrows(NullPointerException.class, () -> new AutoAugment(null)).getMessage());
    // The edges that are allowed.
    new RandAugment(0, 0, 2);
    new RandAugment(2, 32767, 32768);
    new TrivialAugmentWide(2);
  }

  @Test
  void specsAreCanonicalTorchvisionText() {
    assertEquals("RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31)",
        new RandAugment(2, 9, 31).spec());
    assertEquals("TrivialAugmentWide(num_magnitude_bins=31)", new TrivialAugmentWide(31).spec());
    assertEquals("AutoAugment(policy=cifar10)",
        new AutoAugment(AutoAugment.Policy.CIFAR10).spec());
    assertEquals("AutoAugment(policy=imagenet)", new AutoAugment(AutoAugment.policy("imagenet"))
        .toString());
    assertEquals(new RandAugment(2, 9, 31), new RandAugment(2, 9, 31));
    assertNotEquals(new RandAugment(2, 9, 31), new RandAugment(3, 9, 31));
    assertEquals(new TrivialAugmentWide(31).hashCode(), new TrivialAugmentWide(31).hashCode());
    assertNotEquals(new AutoAugment(AutoAugment.Policy.SVHN),
        new AutoAugment(AutoAugment.Policy.CIFAR10));
    for (Stage s : List.of(new RandAugment(2, 9, 31), new TrivialAugmentWide(31),
        new AutoAugment(AutoAugment.Policy.SVHN))) {
      assertNull(s.unfit(32, 32), s.spec());
      assertNull(s.unfit(1, 1), s.spec());
    }
  }

  /**
   * Known values at the defaults: RandAugment's bin 9 of 31 is 9/30 of each range; Posterize
   * keeps 8 - round(9/7.5) = 7 bits; TranslateX at width 48 truncates 0.3 * 150/331 * 48 to 6
   * pixels and TranslateY at height 40 truncates 5.44 to 5; Rotate turns 9 degrees.
   */
  @Test
  void randAugmentBuildsTheOpsOfItsBin() {
    AugmentationSpace s = new RandAugment(2, 9, 31).space(48, 40);
    assertEquals(new Posterize(7), s.entry(PolicyOp.POSTERIZE).op.op(
        s.entry(PolicyOp.POSTERIZE).applied(9, false)));
    assertEquals(new Affine(0, 6, 0, 1, 0, 0, 0),
        PolicyOp.TRANSLATE_X.op(s.entry(PolicyOp.TRANSLATE_X).applied(9, false)));
    assertEquals(new Affine(0, -6, 0, 1, 0, 0, 0),
        PolicyOp.TRANSLATE_X.op(s.entry(PolicyOp.TRANSLATE_X).applied(9, true)));
    assertEquals(new Affine(0, 0, 5, 1, 0, 0, 0),
        PolicyOp.TRANSLATE_Y.op(s.entry(PolicyOp.TRANSLATE_Y).applied(9, false)));
    assertEquals(new Rotate((double) 9.0f), PolicyOp.ROTATE.op(s.entry(PolicyOp.ROTATE)
        .applied(9, false)));
    assertEquals(new Solarize((double) 178.5f), PolicyOp.SOLARIZE.op(s.entry(PolicyOp.SOLARIZE)
        .applied(9, true)), "Solarize is unsigned: the sign draw never negates it");
    assertNull(PolicyOp.IDENTITY.op(0.0));
  }

  @Test
  void stagesReuseTheirOpsAcrossRecordsOfOneSize() {
    Stage[] stages = {new RandAugment(3, 30, 31), new TrivialAugmentWide(31),
        new AutoAugment(AutoAugment.Policy.IMAGENET)};
    for (Stage stage : stages) {
      List<Op> first = new ArrayList<>();
      List<Op> again = new ArrayList<>();
      stage.sample(Rng.forRecord(7, 0, 3, 0), 32, 32, first);
      stage.sample(Rng.forRecord(7, 0, 3, 0), 32, 32, again);
      assertEquals(first.size(), again.size(), stage.spec());
      for (int i = 0; i < first.size(); i++) {
        assertSame(first.get(i), again.get(i), stage.spec() + " op " + i);
      }
    }
  }

  @Test
  void translationsFollowTheImageSizeBetweenSizes() {
    RandAugment ra = new RandAugment(1, 30, 31);
    // The last bin translates by 150/331 of the width: 14 pixels at 32, 101 at 224.
    assertEquals(14, (int) ra.space(32, 32).entry(PolicyOp.TRANSLATE_X).magnitude(30));
    assertEquals(101, (int) ra.space(224, 32).entry(PolicyOp.TRANSLATE_X).magnitude(30));
    assertEquals(14, (int) ra.space(224, 32).entry(PolicyOp.TRANSLATE_Y).magnitude(30));
    boolean sawWide = false;
    for (int i = 0; i < 2000 && !sawWide; i++) {
      List<Op> ops = new ArrayList<>();
      ra.sample(Rng.forRecord(1, 0, i, 0), 32, 32, ops);
      ops.clear();
      ra.sample(Rng.forRecord(1, 0, i, 0), 224, 224, ops);
      sawWide = ops.contains(new Affine(0, 101, 0, 1, 0, 0, 0))
          || ops.contains(new Affine(0, -101, 0, 1, 0, 0, 0));
    }
    assertTrue(sawWide, "a 224-wide record translated by 101 after a 32-wide one");
  }
}
