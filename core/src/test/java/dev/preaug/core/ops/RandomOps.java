package dev.preaug.core.ops;

import java.util.List;
import java.util.SplittableRandom;

/** Random ops for property tests: mostly the seed's ranges, sometimes far outside them. */
final class RandomOps {
  private RandomOps() {}

  static double angle(SplittableRandom rnd) {
    switch (rnd.nextInt(6)) {
      case 0: return rnd.nextDouble(-720, 720);
      case 1: return 90.0 * (rnd.nextInt(9) - 4) + (rnd.nextBoolean() ? 0 : rnd.nextDouble(-1e-9, 1e-9));
      case 2: return Math.round(rnd.nextDouble(-15, 15) * 10) / 10.0;
      default: return rnd.nextDouble(-15, 15);
    }
  }

  static Rotate rotate(SplittableRandom rnd) {
    return new Rotate(angle(rnd));
  }

  static Shear shear(SplittableRandom rnd) {
    double range = rnd.nextInt(8) == 0 ? 2.0 : 0.2;
    double x = rnd.nextInt(10) == 0 ? 0.0 : rnd.nextDouble(-range, range);
    double y = rnd.nextInt(10) == 0 ? 0.0 : rnd.nextDouble(-range, range);
    return new Shear(x, y);
  }

  /** Sizes and offsets relative to the canvas size, in and beyond the seed's ranges. */
  static ResizePaste resizePaste(SplittableRandom rnd, int cw, int ch) {
    if (rnd.nextInt(4) != 0 && cw >= 4 && ch >= 4) {
      int w = rnd.nextInt(Math.max(1, cw * 25 / 64), Math.max(2, cw * 62 / 64) + 1);
      int h = rnd.nextInt(Math.max(1, ch * 25 / 64), Math.max(2, ch * 62 / 64) + 1);
      return new ResizePaste(w, h, rnd.nextInt(0, Math.max(1, cw - w)),
          rnd.nextInt(0, Math.max(1, ch - h)));
    }
    int w = rnd.nextInt(1, 2 * cw + 3);
    int h = rnd.nextInt(1, 2 * ch + 3);
    return new ResizePaste(w, h, rnd.nextInt(-w - 2, cw + 2), rnd.nextInt(-h - 2, ch + 2));
  }

  static Sine sine(SplittableRandom rnd) {
    double f = rnd.nextInt(6) == 0 ? rnd.nextDouble(-3, 3) : rnd.nextDouble(0.15, 0.2);
    return new Sine(rnd.nextBoolean() ? f : -f);
  }

  static GaussianBlur blur(SplittableRandom rnd) {
    switch (rnd.nextInt(5)) {
      case 0: return new GaussianBlur(rnd.nextDouble(0, 6));
      case 1: return new GaussianBlur(Math.round(rnd.nextDouble(0.5, 1.2) * 100) / 100.0);
      default: return new GaussianBlur(rnd.nextDouble(0.5, 1.2));
    }
  }

  /** Any single op or short chain, with parameters for a 64x64 canvas. */
  static Op any(SplittableRandom rnd) {
    switch (rnd.nextInt(9)) {
      case 0: return rotate(rnd);
      case 1: return shear(rnd);
      case 2: return resizePaste(rnd, 64, 64);
      case 3: return sine(rnd);
      case 4: return blur(rnd);
      case 5: return new Sharpen();
      case 6: return new Smooth();
      case 7: return new OpChain(List.of(rotate(rnd), blur(rnd)));
      default: return new OpChain(List.of(sine(rnd), new Smooth(), shear(rnd)));
    }
  }
}
