package dev.preaug.core.recipe.tv;

/**
 * The probability of torchvision's one-draw transforms ({@code RandomHorizontalFlip(p)} & co.):
 * they apply when {@code torch.rand(1) < p}. torch compares its float32 draw with the Python
 * float in float32, so the threshold is {@code (float) p}; a draw {@code k / 2^24} passes for
 * {@code k < p * 2^24} rounded up, which for the probabilities people write is {@code p} itself.
 */
final class Probability {
  private Probability() {}

  /**
   * Checks {@code p} for {@code who} and returns it as torch compares it.
   *
   * @throws IllegalArgumentException unless 0 <= p <= 1
   */
  static float of(String who, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(who + " p must be in [0, 1], got "
          + PyLiteral.repr(p));
    }
    return (float) p;
  }
}
