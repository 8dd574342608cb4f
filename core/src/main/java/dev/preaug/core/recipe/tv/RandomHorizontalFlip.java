package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.HFlip;

/**
 * torchvision's {@code transforms.RandomHorizontalFlip(p=0.5)}: with probability {@code p}
 * {@code F.hflip(img)}, which flips left to right; otherwise nothing. Draws one {@code
 * torch.rand(1)} compared in float32 ({@link FixedOpChance}); appends {@code HFlip.INSTANCE}
 * (spec {@code hflip}) or nothing.
 */
public final class RandomHorizontalFlip extends FixedOpChance {
  /**
   * torchvision's {@code RandomHorizontalFlip(p)}; its default is 0.5.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  public RandomHorizontalFlip(double p) {
    super("RandomHorizontalFlip", HFlip.INSTANCE, p);
  }
}
