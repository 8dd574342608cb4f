package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.ResizePaste;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Sharpen;
import dev.preaug.core.ops.Shear;
import dev.preaug.core.ops.Sine;
import dev.preaug.core.ops.Smooth;
import dev.preaug.core.testing.Stats;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default recipe, sampled as the job samples it (one {@link Rng#forRecord} stream per
 * record), reproduces the seed's distort_sample: one of four geometric ops, then one of three
 * filters, all equally likely and independent, with the seed's parameter ranges. Seeds are fixed,
 * so the test is deterministic; thresholds are at p = 0.001.
 */
class RecipeSamplingTest {
  private static final int N = 40_000;
  private static final long SEED = 20240607L;
  private static final List<Class<?>> GEOMETRY = List.of(Sine.class, Rotate.class, Shear.class,
      ResizePaste.class);
  private static final List<Class<?>> FILTERS = List.of(GaussianBlur.class, Sharpen.class,
      Smooth.class);
  private static Op[][] samples;

  @BeforeAll
  static void sample() {
    Recipe recipe = PreaugConfig.resolve().recipe();
    samples = new Op[N][];
    for (int i = 0; i < N; i++) {
      OpChain chain = recipe.sample(Rng.forRecord(SEED, 0, i, 1), 64, 64);
      samples[i] = chain.ops().toArray(new Op[0]);
    }
  }

  @Test
  void everyRecordGetsOneGeometryOpThenOneFilter() {
    for (Op[] ops : samples) {
      assertEquals(2, ops.length);
      assertTrue(GEOMETRY.contains(ops[0].getClass()), ops[0].spec());
      assertTrue(FILTERS.contains(ops[1].getClass()), ops[1].spec());
    }
  }

  @Test
  void choiceProbabilitiesAndIndependence() {
    long[] geometry = new long[4];
    long[] filter = new long[3];
    long[][] table = new long[4][3];
    for (Op[] ops : samples) {
      int g = GEOMETRY.indexOf(ops[0].getClass());
      int f = FILTERS.indexOf(ops[1].getClass());
      geometry[g]++;
      filter[f]++;
      table[g][f]++;
    }
    Stats.assertUniform(geometry, "geometry ops (1/4 each)");
    Stats.assertUniform(filter, "filters (1/3 each)");
    Stats.assertIndependent(table, "geometry x filter");
    long[] cells = new long[12];
    for (int g = 0; g < 4; g++) {
      for (int f = 0; f < 3; f++) {
        cells[g * 3 + f] = table[g][f];
      }
    }
    Stats.assertUniform(cells, "joint (1/12 each)");
  }

  @Test
  void rotateAngles() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long[] deciles = new long[10];
    for (Op[] ops : samples) {
      if (ops[0] instanceof Rotate) {
        double a = ((Rotate) ops[0]).angle();
        assertTrue(a >= -15 && a <= 15, "angle " + a);
        min = Math.min(min, a);
        max = Math.max(max, a);
        deciles[Math.min(9, (int) ((a + 15) / 3))]++;
      }
    }
    assertTrue(min < -14.9 && max > 14.9, "both tails reached: " + min + " .. " + max);
    Stats.assertUniform(deciles, "rotate angle deciles");
  }

  @Test
  void shearFactors() {
    double minX = 1;
    double maxX = -1;
    double minY = 1;
    double maxY = -1;
    for (Op[] ops : samples) {
      if (ops[0] instanceof Shear) {
        Shear s = (Shear) ops[0];
        assertTrue(Math.abs(s.xShear()) <= 0.2 && Math.abs(s.yShear()) <= 0.2, s.spec());
        minX = Math.min(minX, s.xShear());
        maxX = Math.max(maxX, s.xShear());
        minY = Math.min(minY, s.yShear());
        maxY = Math.max(maxY, s.yShear());
      }
    }
    assertTrue(minX < -0.199 && maxX > 0.199 && minY < -0.199 && maxY > 0.199,
        minX + " " + maxX + " " + minY + " " + maxY);
  }

  @Test
  void resizeAndPasteOffsets() {
    long[] widths = new long[38];
    long[] heights = new long[38];
    boolean oxZero = false;
    boolean oxLast = false;
    boolean oyZero = false;
    boolean oyLast = false;
    for (Op[] ops : samples) {
      if (ops[0] instanceof ResizePaste) {
        ResizePaste rp = (ResizePaste) ops[0];
        assertTrue(rp.w() >= 25 && rp.w() <= 62 && rp.h() >= 25 && rp.h() <= 62, rp.spec());
        widths[rp.w() - 25]++;
        heights[rp.h() - 25]++;
        // Python's randrange(0, 64 - w): 64 - w itself is never drawn.
        assertTrue(rp.ox() >= 0 && rp.ox() < 64 - rp.w(), rp.spec());
        assertTrue(rp.oy() >= 0 && rp.oy() < 64 - rp.h(), rp.spec());
        oxZero |= rp.ox() == 0;
        oxLast |= rp.ox() == 64 - rp.w() - 1;
        oyZero |= rp.oy() == 0;
        oyLast |= rp.oy() == 64 - rp.h() - 1;
      }
    }
    for (int v = 0; v < 38; v++) {
      assertTrue(widths[v] > 0, "width " + (v + 25) + " never drawn");
      assertTrue(heights[v] > 0, "height " + (v + 25) + " never drawn");
    }
    Stats.assertUniform(widths, "resize widths 25..62");
    Stats.assertUniform(heights, "resize heights 25..62");
    assertTrue(oxZero && oxLast && oyZero && oyLast, "offset extremes reached");
  }

  @Test
  void sineFactors() {
    long negative = 0;
    long total = 0;
    double minMag = 1;
    double maxMag = 0;
    for (Op[] ops : samples) {
      if (ops[0] instanceof Sine) {
        double f = ((Sine) ops[0]).factor();
        double m = Math.abs(f);
        assertTrue(m >= 0.15 && m <= 0.2, "factor " + f);
        minMag = Math.min(minMag, m);
        maxMag = Math.max(maxMag, m);
        negative += f < 0 ? 1 : 0;
        total++;
      }
    }
    assertTrue(minMag < 0.1505 && maxMag > 0.1995, minMag + " " + maxMag);
    Stats.assertUniform(new long[] {negative, total - negative}, "sine sign");
  }

  @Test
  void blurRadii() {
    double min = 2;
    double max = 0;
    for (Op[] ops : samples) {
      if (ops[1] instanceof GaussianBlur) {
        double r = ((GaussianBlur) ops[1]).radius();
        assertTrue(r >= 0.5 && r <= 1.2, "radius " + r);
        min = Math.min(min, r);
        max = Math.max(max, r);
      }
    }
    assertTrue(min < 0.505 && max > 1.195, min + " " + max);
  }

  @Test
  void samplingIsAPureFunctionOfTheRecord() {
    Recipe recipe = PreaugConfig.resolve().recipe();
    for (int i = 0; i < 200; i++) {
      assertEquals(new OpChain(List.of(samples[i])).spec(),
          recipe.sample(Rng.forRecord(SEED, 0, i, 1), 64, 64).spec());
    }
    // A different copy, epoch or seed gives a different sequence of choices.
    int same = 0;
    for (int i = 0; i < 200; i++) {
      String a = recipe.sample(Rng.forRecord(SEED, 0, i, 1), 64, 64).spec();
      String b = recipe.sample(Rng.forRecord(SEED, 1, i, 1), 64, 64).spec();
      same += a.equals(b) ? 1 : 0;
    }
    assertTrue(same < 5, "epochs 0 and 1 agree on " + same + " of 200 records");
  }

  @Test
  void defaultRecipeDrawOrderIsPinned() {
    // Reconstruct the first records' ops from the raw stream, in the order the seed draws:
    // geometry pick, its parameters, filter pick, its parameters.
    Recipe recipe = PreaugConfig.resolve().recipe();
    for (int i = 0; i < 500; i++) {
      Rng r = Rng.forRecord(SEED, 3, i, 1);
      Rng t = Rng.forRecord(SEED, 3, i, 1);
      List<Op> ops = recipe.sample(r, 64, 64).ops();
      int g = (int) (t.nextDouble() * 4);
      assertEquals(GEOMETRY.get(g), ops.get(0).getClass());
      switch (g) {
        case 0: {
          boolean neg = t.nextBoolean();
          double m = t.uniform(0.15, 0.2);
          assertEquals(neg ? -m : m, ((Sine) ops.get(0)).factor());
          break;
        }
        case 1:
          assertEquals(t.uniform(-15, 15), ((Rotate) ops.get(0)).angle());
          break;
        case 2:
          assertEquals(t.uniform(-0.2, 0.2), ((Shear) ops.get(0)).xShear());
          assertEquals(t.uniform(-0.2, 0.2), ((Shear) ops.get(0)).yShear());
          break;
        default: {
          ResizePaste rp = (ResizePaste) ops.get(0);
          long w = t.randrange(25, 63);
          long h = t.randrange(25, 63);
          assertEquals(w, rp.w());
          assertEquals(h, rp.h());
          assertEquals(t.randrange(0, 64 - w), rp.ox());
          assertEquals(t.randrange(0, 64 - h), rp.oy());
        }
      }
      int f = (int) (t.nextDouble() * 3);
      assertEquals(FILTERS.get(f), ops.get(1).getClass());
      if (f == 0) {
        assertEquals(t.uniform(0.5, 1.2), ((GaussianBlur) ops.get(1)).radius());
      }
      assertEquals(t.nextLong(), r.nextLong(), "record " + i + ": streams in step");
    }
  }

  // ---------------------------------------------------------------- probability and weights

  private static Recipe custom(String... kv) {
    return Recipe.fromConfig(RecipeTest.keys(kv));
  }

  @Test
  void stepProbability() {
    Recipe r = custom("recipe.steps = a", "recipe.a.probability = 0.3", "recipe.a.choices = x",
        "recipe.a.x = sharpen");
    long applied = 0;
    for (int i = 0; i < N; i++) {
      applied += r.sample(Rng.forRecord(7, 0, i, 1), 64, 64).ops().size();
    }
    Stats.assertProportions(new long[] {applied, N - applied}, new double[] {0.3, 0.7},
        "probability 0.3");
    Recipe never = custom("recipe.steps = a", "recipe.a.probability = 0", "recipe.a.choices = x",
        "recipe.a.x = sharpen");
    for (int i = 0; i < 1000; i++) {
      assertTrue(never.sample(Rng.forRecord(7, 0, i, 1), 64, 64).ops().isEmpty());
    }
  }

  @Test
  void weights() {
    Recipe r = custom("recipe.steps = a", "recipe.a.choices = x, y", "recipe.a.x = sharpen",
        "recipe.a.x.weight = 3", "recipe.a.y = smooth");
    long[] counts = new long[2];
    for (int i = 0; i < N; i++) {
      Op op = r.sample(Rng.forRecord(8, 0, i, 1), 64, 64).ops().get(0);
      counts[op instanceof Sharpen ? 0 : 1]++;
    }
    Stats.assertProportions(counts, new double[] {0.75, 0.25}, "weights 3:1");
    Recipe three = custom("recipe.steps = a", "recipe.a.choices = x, y, z",
        "recipe.a.x = sharpen", "recipe.a.x.weight = 0.5", "recipe.a.y = smooth",
        "recipe.a.y.weight = 1.5", "recipe.a.z = rotate(angle=1)", "recipe.a.z.weight = 2");
    long[] c3 = new long[3];
    for (int i = 0; i < N; i++) {
      Op op = three.sample(Rng.forRecord(9, 0, i, 1), 64, 64).ops().get(0);
      c3[op instanceof Sharpen ? 0 : op instanceof Smooth ? 1 : 2]++;
    }
    Stats.assertProportions(c3, new double[] {0.125, 0.375, 0.5}, "weights 0.5:1.5:2");
  }

  @Test
  void probabilityAndWeightsTogether() {
    Recipe r = custom("recipe.steps = a", "recipe.a.probability = 0.5",
        "recipe.a.choices = x, y", "recipe.a.x = sharpen", "recipe.a.x.weight = 3",
        "recipe.a.y = smooth");
    long[] c = new long[3];
    for (int i = 0; i < N; i++) {
      List<Op> ops = r.sample(Rng.forRecord(10, 0, i, 1), 64, 64).ops();
      c[ops.isEmpty() ? 2 : ops.get(0) instanceof Sharpen ? 0 : 1]++;
    }
    Stats.assertProportions(c, new double[] {0.375, 0.125, 0.5}, "p=0.5, weights 3:1");
  }

  @Test
  void certainStepsAndSingleChoicesDrawNothing() {
    // probability = 1 and a single choice use no randomness: adding them changes no output.
    Recipe r = custom("recipe.steps = a", "recipe.a.probability = 1", "recipe.a.choices = x",
        "recipe.a.x = sharpen");
    Rng rng = new Rng(11);
    r.sample(rng, 64, 64);
    assertEquals(new Rng(11).nextLong(), rng.nextLong());
    // probability < 1 draws exactly once, even when the step is skipped.
    Recipe p = custom("recipe.steps = a", "recipe.a.probability = 0", "recipe.a.choices = x",
        "recipe.a.x = sharpen");
    Rng q = new Rng(12);
    Rng twin = new Rng(12);
    p.sample(q, 64, 64);
    twin.nextLong();
    assertEquals(twin.nextLong(), q.nextLong());
  }
}
