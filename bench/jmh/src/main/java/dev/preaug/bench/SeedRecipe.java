package dev.preaug.bench;

import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.ResizePaste;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Sharpen;
import dev.preaug.core.ops.Shear;
import dev.preaug.core.ops.Sine;
import dev.preaug.core.ops.Smooth;
import java.util.SplittableRandom;

/**
 * The seed's {@code distort_sample} draws, for the benchmarks only (the production recipe lives
 * in core's recipe package): one geometric op, then one filter, each chosen uniformly, with the
 * seed's parameter ranges.
 */
final class SeedRecipe {
  private SeedRecipe() {}

  static Op geometric(SplittableRandom rnd) {
    return geometric(rnd, 64);
  }

  /** As {@link #geometric(SplittableRandom)}, with resize_paste scaled to a square side. */
  static Op geometric(SplittableRandom rnd, int side) {
    switch (rnd.nextInt(4)) {
      case 0:
        return rotate(rnd);
      case 1:
        return shear(rnd);
      case 2:
        return resizePaste(rnd, side);
      default:
        return sine(rnd);
    }
  }

  static Op filter(SplittableRandom rnd) {
    switch (rnd.nextInt(3)) {
      case 0:
        return blur(rnd);
      case 1:
        return Sharpen.INSTANCE;
      default:
        return Smooth.INSTANCE;
    }
  }

  /** {@code random.uniform(-15, 15)}. */
  static Rotate rotate(SplittableRandom rnd) {
    return new Rotate(rnd.nextDouble(-15, 15));
  }

  /** The seed draws y_shear, then x_shear, each {@code uniform(-0.2, 0.2)}. */
  static Shear shear(SplittableRandom rnd) {
    double y = rnd.nextDouble(-0.2, 0.2);
    double x = rnd.nextDouble(-0.2, 0.2);
    return new Shear(x, y);
  }

  /** Sizes {@code randrange(25, 63)}, offsets {@code randrange(0, 64 - size)}. */
  static ResizePaste resizePaste(SplittableRandom rnd) {
    return resizePaste(rnd, 64);
  }

  /**
   * The seed's draw on a square canvas of {@code side}: 64 gives {@code randrange(25, 63)}, 32
   * gives the CIFAR recipe's {@code randrange(12, 31)} (docs/benchmarks.md, Colour); offsets
   * {@code randrange(0, side - size)}, the recipe's {@code fit}.
   */
  static ResizePaste resizePaste(SplittableRandom rnd, int side) {
    int lo = side == 64 ? 25 : side * 3 / 8;
    int w = rnd.nextInt(lo, side - 1);
    int h = rnd.nextInt(lo, side - 1);
    return new ResizePaste(w, h, rnd.nextInt(0, side - w), rnd.nextInt(0, side - h));
  }

  /** {@code choice([-1, 1]) * uniform(0.15, 0.2)}. */
  static Sine sine(SplittableRandom rnd) {
    double f = rnd.nextDouble(0.15, 0.2);
    return new Sine(rnd.nextBoolean() ? f : -f);
  }

  /** {@code uniform(0.5, 1.2)}. */
  static GaussianBlur blur(SplittableRandom rnd) {
    return new GaussianBlur(rnd.nextDouble(0.5, 1.2));
  }
}
