package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.Brightness;
import dev.preaug.core.ops.Contrast;
import dev.preaug.core.ops.Grayscale;
import dev.preaug.core.ops.HFlip;
import dev.preaug.core.ops.Hue;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.PadCrop;
import dev.preaug.core.ops.ResizedCrop;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Saturation;
import dev.preaug.core.ops.VFlip;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import dev.preaug.core.testing.Stats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The random transforms draw with torchvision's distributions, sampled as the job samples them
 * (one {@link Rng#forRecord} stream per record), checked by chi-square (p = 0.001, fixed seeds)
 * against the distributions worked out here from torchvision's rules: RandomCrop's window
 * uniform over the padded image, a flip applied when the float32 draw {@code k / 2^24 < p} (with
 * probability {@code ceil(p 2^24) / 2^24}), ColorJitter's 24 orders equally likely and its factors
 * uniform, RandomRotation's and RandomAffine's parameters uniform with the translations rounded
 * half to even, and RandomResizedCrop's area fraction uniform, aspect ratio log-uniform and
 * window uniform. RandomResizedCrop's fallback is checked exactly.
 */
class RandomTransformsSamplingTest {
  private static final long SEED = 20261205L;
  private static final int N = 48_000;

  private static List<Op> draw(Stage stage, long record, int w, int h) {
    List<Op> ops = new ArrayList<>();
    stage.sample(Rng.forRecord(SEED, 1, record, 2), w, h, ops);
    return ops;
  }

  /** The numeric arguments of an op's spec ({@code affine(1.5,2,...)}), NaN for words. */
  private static double[] args(Op op) {
    String s = op.spec();
    String[] parts = s.substring(s.indexOf('(') + 1, s.length() - 1).split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  /** Which of {@code bins} equal bins of [lo, hi] {@code v} falls in; the ends clamp inward. */
  private static int bin(double v, double lo, double hi, int bins) {
    assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
    return Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins));
  }

  /** torch's {@code torch.rand(1) < p}: the 24-bit draw below the float32 {@code p}. */
  private static double below(double p) {
    return Math.ceil((float) p * 0x1p24) * 0x1p-24;
  }

  @Test
  void randomCropsWindowIsUniformOverThePaddedImage() {
    RandomCrop crop = new RandomCrop(32, 4);
    long[] cells = new long[81];
    for (int i = 0; i < N; i++) {
      List<Op> ops = draw(crop, i, 32, 32);
      assertEquals(1, ops.size());
      double[] a = args(ops.get(0));
      assertEquals("pad_crop(4,4,4,4,constant," + (int) a[5] + "," + (int) a[6] + ",32,32,0)",
          ops.get(0).spec());
      cells[(int) a[5] * 9 + (int) a[6]]++;
    }
    Stats.assertUniform(cells, "RandomCrop(32, padding=4) windows (top, left)");

    // Padding only left and right: the top is still drawn, from the one row there is.
    RandomCrop sideways = new RandomCrop(32, 32, new int[] {4, 0, 4, 0}, false,
        dev.preaug.core.ops.Fill.BLACK, "constant");
    long[] lefts = new long[9];
    for (int i = 0; i < N / 4; i++) {
      double[] a = args(draw(sideways, i, 32, 32).get(0));
      assertEquals(0, (int) a[5]);
      lefts[(int) a[6]]++;
    }
    Stats.assertUniform(lefts, "RandomCrop(32, padding=(4, 0)) left");
    // Without padding the window is the image: no draw, no op.
    Rng rng = new Rng(5);
    List<Op> none = new ArrayList<>();
    new RandomCrop(32, 0).sample(rng, 32, 32, none);
    assertTrue(none.isEmpty());
    assertEquals(new Rng(5).nextLong(), rng.nextLong(), "nothing drawn");
  }

  @Test
  void flipsAndGrayscaleApplyWithTheirFloat32Probability() {
    Object[][] cases = {
        {new RandomHorizontalFlip(0.5), HFlip.INSTANCE, 0.5},
        {new RandomHorizontalFlip(0.3), HFlip.INSTANCE, 0.3},
        {new RandomVerticalFlip(0.5), VFlip.INSTANCE, 0.5},
        {new RandomVerticalFlip(0.9), VFlip.INSTANCE, 0.9},
        {new RandomGrayscale(0.1), Grayscale.INSTANCE, 0.1},
    };
    for (Object[] c : cases) {
      Stage s = (Stage) c[0];
      long[] cells = new long[2];
      for (int i = 0; i < N; i++) {
        List<Op> ops = draw(s, i, 32, 32);
        if (!ops.isEmpty()) {
          assertEquals(1, ops.size());
          assertSame(c[1], ops.get(0));
        }
        cells[ops.size()]++;
      }
      double p = below((Double) c[2]);
      Stats.assertProportions(cells, new double[] {1 - p, p}, s.spec());
    }
    // RandomInvert & co. compare the draw with p in double precision.
    Stage invert = RandomPixelOp.invert(0.1);
    long[] inverted = new long[2];
    for (int i = 0; i < N; i++) {
      List<Op> ops = draw(invert, i, 32, 32);
      inverted[ops.size()]++;
      if (!ops.isEmpty()) {
        assertSame(dev.preaug.core.ops.Invert.INSTANCE, ops.get(0));
      }
    }
    double q = Math.ceil(0.1 * 0x1p24) * 0x1p-24;
    Stats.assertProportions(inverted, new double[] {1 - q, q}, invert.spec());
    List<Op> always = new ArrayList<>();
    List<Op> never = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      new RandomHorizontalFlip(1).sample(new Rng(i), 8, 8, always);
      new RandomHorizontalFlip(0).sample(new Rng(i), 8, 8, never);
    }
    assertEquals(1000, always.size());
    assertEquals(0, never.size());
  }

  @Test
  void colorJittersOrderIsAUniformPermutationAndItsFactorsUniform() {
    ColorJitter jitter = ColorJitter.of(0.4, 0.4, 0.4, 0.1);
    List<Class<?>> kinds = List.of(Brightness.class, Contrast.class, Saturation.class, Hue.class);
    long[] orders = new long[24];
    long[][] factors = new long[4][10];
    double[][] ranges = {{0.6, 1.4}, {0.6, 1.4}, {0.6, 1.4}, {-0.1, 0.1}};
    for (int i = 0; i < N; i++) {
      List<Op> ops = draw(jitter, i, 32, 32);
      assertEquals(4, ops.size());
      int[] perm = new int[4];
      for (int k = 0; k < 4; k++) {
        int kind = kinds.indexOf(ops.get(k).getClass());
        perm[k] = kind;
        double f = args(ops.get(k))[0];
        factors[kind][bin(f, (float) ranges[kind][0], (float) ranges[kind][1], 10)]++;
      }
      orders[rank(perm)]++;
    }
    Stats.assertUniform(orders, "ColorJitter's 24 orders");
    String[] names = {"brightness", "contrast", "saturation", "hue"};
    for (int k = 0; k < 4; k++) {
      Stats.assertUniform(factors[k], "ColorJitter " + names[k] + " factor bins");
    }
    // Ranges that are off draw nothing and add no op; the order is drawn anyway.
    ColorJitter hueOnly = new ColorJitter(null, null, null, new double[] {-0.5, 0.5});
    Rng rng = Rng.forRecord(SEED, 0, 0, 0);
    List<Op> ops = new ArrayList<>();
    hueOnly.sample(rng, 32, 32, ops);
    assertEquals(1, ops.size());
    Rng again = Rng.forRecord(SEED, 0, 0, 0);
    for (int i = 0; i < 4; i++) {
      again.nextLong(); // three randperm draws and one factor
    }
    assertEquals(again.nextLong(), rng.nextLong(), "randperm(4) then one uniform_");
  }

  /** The index of a permutation of 0..3 among all 24 (Lehmer code). */
  private static int rank(int[] perm) {
    int r = 0;
    for (int i = 0; i < 4; i++) {
      int smaller = 0;
      for (int j = i + 1; j < 4; j++) {
        smaller += perm[j] < perm[i] ? 1 : 0;
      }
      r = r * (4 - i) + smaller;
    }
    return r;
  }

  @Test
  void randomRotationsAngleIsUniform() {
    Stage rot = TorchvisionPipeline.parseStage("RandomRotation((-10, 40))");
    long[] bins = new long[10];
    for (int i = 0; i < N; i++) {
      List<Op> ops = draw(rot, i, 32, 32);
      Rotate r = (Rotate) ops.get(0);
      bins[bin(r.angle(), -10, 40, 10)]++;
    }
    Stats.assertUniform(bins, "RandomRotation((-10, 40)) angle bins");
  }

  @Test
  void randomAffinesParametersFollowGetParams() {
    Stage aff = TorchvisionPipeline.parseStage("RandomAffine(15, translate=(0.1, 0.2),"
        + " scale=(0.8, 1.2), shear=(-10, 10, -5, 5))");
    long[] angle = new long[10];
    long[] scale = new long[10];
    long[] shx = new long[10];
    long[] shy = new long[10];
    long[] tx = new long[7];
    long[] ty = new long[13];
    // Fewer records: each Affine computes its correctly rounded sines and tangents (Trig), which
    // for continuous random angles is about 0.2 ms an op.
    for (int i = 0; i < N / 4; i++) {
      List<Op> ops = draw(aff, i, 32, 32);
      assertTrue(ops.get(0) instanceof Affine);
      double[] a = args(ops.get(0));
      angle[bin(a[0], -15, 15, 10)]++;
      tx[(int) a[1] + 3]++;
      ty[(int) a[2] + 6]++;
      scale[bin(a[3], 0.8f, 1.2f, 10)]++;
      shx[bin(a[4], -10, 10, 10)]++;
      shy[bin(a[5], -5, 5, 10)]++;
    }
    Stats.assertUniform(angle, "angle bins");
    Stats.assertUniform(scale, "scale bins");
    Stats.assertUniform(shx, "shear x bins");
    Stats.assertUniform(shy, "shear y bins");
    // round(uniform(-3.2, 3.2)) half to even: -3 and 3 get 0.7 of a unit each, the others 1.
    Stats.assertProportions(tx, new double[] {0.7 / 6.4, 1 / 6.4, 1 / 6.4, 1 / 6.4, 1 / 6.4,
        1 / 6.4, 0.7 / 6.4}, "tx = round(uniform(-3.2, 3.2))");
    double[] pty = new double[13];
    for (int k = 0; k < 13; k++) {
      pty[k] = (k == 0 || k == 12 ? 0.9 : 1.0) / 12.8;
    }
    Stats.assertProportions(ty, pty, "ty = round(uniform(-6.4, 6.4))");
  }

  @Test
  void randomResizedCropsAreaRatioAndWindowFollowGetParams() {
    // On 256x256 with these scales every first try fits, so the draws show unfiltered.
    RandomResizedCrop rrc = new RandomResizedCrop(256, 256, new double[] {0.08, 0.3},
        RandomResizedCrop.RATIO, "bilinear");
    long[] area = new long[5];
    long[] ratio = new long[5];
    long[] rows = new long[4];
    double[] rowsExpected = new double[4];
    double logLo = Math.log(0.75);
    double logHi = Math.log(4.0 / 3.0);
    for (int i = 0; i < N; i++) {
      double[] a = args(draw(rrc, i, 256, 256).get(0));
      int top = (int) a[0];
      int h = (int) a[2];
      int w = (int) a[3];
      // Rounding w and h to pixels moves the area and ratio slightly; the outer bins take
      // what rounding pushes past the ends.
      area[bin(Math.max(0.08, Math.min(0.3, w * h / 65536.0)), 0.08, 0.3, 5)]++;
      ratio[bin(Math.max(logLo, Math.min(logHi, Math.log((double) w / h))), logLo, logHi, 5)]++;
      // The top row is uniform over the 257 - h places: quarter by quarter, exactly.
      int places = 257 - h;
      rows[top * 4 / places]++;
      for (int t = 0; t < places; t++) {
        rowsExpected[t * 4 / places] += 1.0 / places;
      }
    }
    Stats.assertUniform(area, "area fraction bins");
    Stats.assertUniform(ratio, "log aspect ratio bins");
    Stats.assertFits(rows, rowsExpected, "top row quarters");
  }

  @Test
  void randomResizedCropFallsBackToTheCentreAfterTenFailedTries() {
    // Areas of 90-100% at ratios 3-4 never fit a square image: the crop is the centred one of
    // ratio 3 (the nearest allowed), after exactly 10 tries of two draws each.
    RandomResizedCrop wide = new RandomResizedCrop(32, 32, new double[] {0.9, 1.0},
        new double[] {3.0, 4.0}, "bilinear");
    for (long r = 0; r < 50; r++) {
      Rng rng = Rng.forRecord(SEED, 0, r, 0);
      List<Op> ops = new ArrayList<>();
      wide.sample(rng, 32, 32, ops);
      // w = 32, h = round(32 / 3) = 11, top = (32 - 11) // 2 = 10.
      assertEquals(List.of(new ResizedCrop(10, 0, 11, 32, 32, 32, "bilinear")), ops);
      Rng again = Rng.forRecord(SEED, 0, r, 0);
      for (int i = 0; i < 20; i++) {
        again.nextLong();
      }
      assertEquals(again.nextLong(), rng.nextLong(), "10 tries of 2 draws, nothing more");
    }
    // An image wider than the largest ratio: the full height at ratio 4/3, centred.
    RandomResizedCrop tooBig = new RandomResizedCrop(32, 48, new double[] {2.0, 3.0},
        RandomResizedCrop.RATIO, "nearest");
    // in_ratio 1.5 > 4/3: h = 32, w = round(32 * 4/3) = 43, left = (48 - 43) // 2 = 2.
    assertEquals(List.of(new ResizedCrop(0, 2, 32, 43, 32, 48, "nearest")),
        draw(tooBig, 1, 48, 32));
    // A ratio range containing the image's: the whole image.
    assertEquals(new ResizedCrop(0, 0, 32, 32, 32, 32, "nearest"),
        new RandomResizedCrop(32, 32, new double[] {2.0, 3.0}, RandomResizedCrop.RATIO,
            "nearest").fallback(32, 32));
  }

  @Test
  void torchsExpIsSleefsAndTheDefaultRatiosLogsAreTorchs() {
    // torch.exp(torch.tensor([x])) on torch 1.13 (AVX2) at arguments where the correctly
    // rounded exp is one bit away: {x, torch's result, correctly rounded}.
    int[][] cases = {
        {0xbe3177d2, 0x3f5743c8, 0x3f5743c9}, {0x3db8e1ec, 0x3f8c17c0, 0x3f8c17c1},
        {0xbe1d759f, 0x3f5b8328, 0x3f5b8329}, {0xbda5d1f4, 0x3f6c16e4, 0x3f6c16e3},
    };
    for (int[] c : cases) {
      float x = Float.intBitsToFloat(c[0]);
      assertEquals(Float.intBitsToFloat(c[1]), TorchFloat.exp(x), "torch.exp at " + x);
      assertEquals(Float.intBitsToFloat(c[2]), (float) Math.exp(x), "correctly rounded at " + x);
    }
    // torch.log(torch.tensor([3/4, 4/3])).tolist() on torch 1.13.
    assertEquals(-0.28768208622932434f, TorchFloat.log((float) (3.0 / 4.0)));
    assertEquals(0.28768211603164673f, TorchFloat.log((float) (4.0 / 3.0)));
  }
}
