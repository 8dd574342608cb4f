package dev.preaug.core.recipe.tv;

import dev.preaug.core.ops.Grayscale;

/**
 * torchvision's {@code transforms.RandomGrayscale(p=0.1)}: with probability {@code p}
 * {@code F.rgb_to_grayscale(img, num_output_channels=bands)}, which turns the image gray (an RGB
 * image keeps three equal bands; a mode L one is unchanged); otherwise nothing. Draws one {@code
 * torch.rand(1)} compared in float32 ({@link FixedOpChance}); appends {@code Grayscale.INSTANCE}
 * (spec {@code grayscale}) or nothing.
 */
public final class RandomGrayscale extends FixedOpChance {
  /**
   * torchvision's {@code RandomGrayscale(p)}; its default is 0.1.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  public RandomGrayscale(double p) {
    super("RandomGrayscale", Grayscale.INSTANCE, p);
  }
}
