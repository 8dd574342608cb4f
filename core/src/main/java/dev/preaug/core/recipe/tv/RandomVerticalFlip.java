package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.VFlip;

/**
 * torchvision's {@code transforms.RandomVerticalFlip(p=0.5)}: with probability {@code p}
 * {@code F.vflip(img)}, which flips top to bottom; otherwise nothing. Draws one {@code
 * torch.rand(1)} compared in float32 ({@link FixedOpChance}); appends {@code VFlip.INSTANCE}
 * (spec {@code vflip}) or nothing.
 */
public final class RandomVerticalFlip extends FixedOpChance {
  /**
   * torchvision's {@code RandomVerticalFlip(p)}; its default is 0.5.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  public RandomVerticalFlip(double p) {
    super("RandomVerticalFlip", VFlip.INSTANCE, p);
  }
}
