package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Solarize;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import dev.preaug.core.testing.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The policies draw with torchvision's distributions, sampled as the job samples them (one
 * {@link Rng#forRecord} stream per record). Each stage's whole outcome (the chain of ops a record
 * gets) is compared by chi-square with the distribution worked out here from torchvision's rules
 * and the augmentation space: RandAugment picks each of its 14 ops with probability 1/14 per draw
 * and negates a signed one with probability 1/2; TrivialAugmentWide adds a uniform bin; AutoAugment
 * picks each of 25 sub-policies with probability 1/25 and applies step i when the float32 draw
 * {@code k / 2^24 <= p}, i.e. with probability {@code (floor(p * 2^24) + 1) / 2^24}. Marginals
 * (op choice, signs, bins, sub-policies, application) get their own tests so that a failure names
 * what is off. Seeds are fixed, so the tests are deterministic; thresholds are at p = 0.001.
 */
class PolicySamplingTest {
  private static final long SEED = 20261205L;
  private static final int N = 200_000;

  /** One record's ops from {@code stage}, as one value. */
  private static Op draw(Stage stage, long record, int w, int h) {
    List<Op> ops = new ArrayList<>();
    stage.sample(Rng.forRecord(SEED, 3, record, 0), w, h, ops);
    return OpChain.of(ops);
  }

  /** Outcome distributions: the chain of ops and its probability. */
  private static Map<Op, Double> singleton(Op op, double p) {
    Map<Op, Double> m = new HashMap<>();
    m.put(op == null ? OpChain.IDENTITY : op, p);
    return m;
  }

  /** Both of two independent parts, one after the other. */
  private static Map<Op, Double> then(Map<Op, Double> a, Map<Op, Double> b) {
    Map<Op, Double> out = new HashMap<>();
    for (Map.Entry<Op, Double> x : a.entrySet()) {
      for (Map.Entry<Op, Double> y : b.entrySet()) {
        out.merge(OpChain.of(x.getKey(), y.getKey()), x.getValue() * y.getValue(), Double::sum);
      }
    }
    return out;
  }

  private static void addAll(Map<Op, Double> into, Map<Op, Double> part, double weight) {
    part.forEach((op, p) -> into.merge(op, p * weight, Double::sum));
  }

  /** One op of {@code e} at {@code bin}: the sign (if any) is a fair coin. */
  private static Map<Op, Double> signs(AugmentationSpace.Entry e, int bin) {
    Map<Op, Double> out = singleton(e.op.op(e.applied(bin, false)), e.signed ? 0.5 : 1.0);
    if (e.signed) {
      addAll(out, singleton(e.op.op(e.applied(bin, true)), 1.0), 0.5);
    }
    return out;
  }

  /** torch's {@code torch.rand(1) <= p} for a float32 p: (floor(p 2^24) + 1) / 2^24, at most 1. */
  static double applies(float p) {
    return Math.min(1.0, (Math.floor(p * 0x1p24) + 1) * 0x1p-24);
  }

  static Map<Op, Double> randAugmentOne(AugmentationSpace space, int magnitude) {
    Map<Op, Double> out = new HashMap<>();
    for (AugmentationSpace.Entry e : space.entries()) {
      addAll(out, signs(e, e.hasBins() ? magnitude : 0), 1.0 / space.size());
    }
    return out;
  }

  static Map<Op, Double> trivialAugmentWide(AugmentationSpace space) {
    Map<Op, Double> out = new HashMap<>();
    for (AugmentationSpace.Entry e : space.entries()) {
      int bins = Math.max(1, e.bins());
      for (int b = 0; b < bins; b++) {
        addAll(out, signs(e, b), 1.0 / space.size() / bins);
      }
    }
    return out;
  }

  static Map<Op, Double> autoAugment(AutoAugment.Policy policy, int w, int h) {
    AugmentationSpace space = AutoAugment.space(w, h);
    AutoAugment.SubPolicy[] table = AutoAugment.table(policy);
    Map<Op, Double> out = new HashMap<>();
    for (AutoAugment.SubPolicy s : table) {
      Map<Op, Double> chain = singleton(null, 1.0);
      for (int i = 0; i < 2; i++) {
        AutoAugment.Step step = s.step(i);
        double p = applies(step.probability);
        Map<Op, Double> one = singleton(null, 1 - p);
        addAll(one, signs(space.entry(step.op), Math.max(0, step.bin)), p);
        chain = then(chain, one);
      }
      addAll(out, chain, 1.0 / table.length);
    }
    return out;
  }

  /**
   * Chi-square of {@code n} records of {@code stage} against {@code expected}; outcomes expected
   * fewer than 5 times are pooled into one cell, and an outcome the rules cannot produce fails.
   */
  private static void assertDistribution(Stage stage, int w, int h, Map<Op, Double> expected,
      int n) {
    double total = expected.values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(1.0, total, 1e-9, "probabilities of " + stage.spec());
    Map<Op, Long> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Op op = draw(stage, i, w, h);
      assertTrue(expected.containsKey(op), stage.spec() + " drew " + op.spec()
          + ", which torchvision's rules cannot give");
      seen.merge(op, 1L, Long::sum);
    }
    List<Long> obs = new ArrayList<>();
    List<Double> exp = new ArrayList<>();
    long pooledObs = 0;
    double pooledExp = 0;
    for (Map.Entry<Op, Double> e : expected.entrySet()) {
      double x = e.getValue() * n;
      long o = seen.getOrDefault(e.getKey(), 0L);
      if (x < 5) {
        pooledObs += o;
        pooledExp += x;
      } else {
        obs.add(o);
        exp.add(x);
      }
    }
    if (pooledExp > 0) {
      obs.add(pooledObs);
      exp.add(pooledExp);
    }
    assertTrue(obs.size() > 10, "cells: " + obs.size());
    Stats.assertFits(obs.stream().mapToLong(Long::longValue).toArray(),
        exp.stream().mapToDouble(Double::doubleValue).toArray(),
        stage.spec() + " at " + w + "x" + h + " (" + obs.size() + " cells)");
  }

  @Test
  void randAugmentDrawsTorchvisionsDistributionOfChains() {
    RandAugment ra = new RandAugment(2, 9, 31);
    Map<Op, Double> one = randAugmentOne(ra.space(48, 40), 9);
    assertDistribution(ra, 48, 40, then(one, one), N);
    RandAugment high = new RandAugment(1, 30, 31);
    assertDistribution(high, 32, 32, randAugmentOne(high.space(32, 32), 30), N / 4);
  }

  @Test
  void trivialAugmentWideDrawsTorchvisionsDistribution() {
    TrivialAugmentWide ta = new TrivialAugmentWide(31);
    assertDistribution(ta, 32, 32, trivialAugmentWide(ta.space()), N);
  }

  @Test
  void autoAugmentDrawsTorchvisionsDistributionForEveryPolicy() {
    for (AutoAugment.Policy policy : AutoAugment.Policy.values()) {
      assertDistribution(new AutoAugment(policy), 32, 32, autoAugment(policy, 32, 32), N / 2);
    }
  }

  /** RandAugment(1): each of the 14 ops 1/14 of the time; each signed op negative half of it. */
  @Test
  void randAugmentOpChoiceAndSigns() {
    RandAugment ra = new RandAugment(1, 9, 31);
    AugmentationSpace space = ra.space(32, 32);
    Map<Op, int[]> which = new HashMap<>(); // op -> {entry index, negative}
    for (int k = 0; k < space.size(); k++) {
      AugmentationSpace.Entry e = space.get(k);
      for (int neg = 0; neg < (e.signed ? 2 : 1); neg++) {
        Op op = e.op.op(e.applied(9, neg == 1));
        which.put(op == null ? OpChain.IDENTITY : op, new int[] {k, neg});
      }
    }
    assertEquals(14 + 9, which.size(), "bin 9's ops are all different");
    long[] choice = new long[14];
    long[][] signs = new long[9][2];
    for (int i = 0; i < N / 4; i++) {
      int[] kn = which.get(draw(ra, i, 32, 32));
      choice[kn[0]]++;
      if (space.get(kn[0]).signed) {
        signs[kn[0] - 1][kn[1]]++; // the signed ops are entries 1..9
      }
    }
    Stats.assertUniform(choice, "RandAugment op choice (1/14 each)");
    for (int s = 0; s < 9; s++) {
      Stats.assertUniform(signs[s], "sign of " + space.get(s + 1).op.torchName);
    }
    Stats.assertIndependent(signs, "sign x signed op");
  }

  /** TrivialAugmentWide's bins: Rotate's 31 bins x 2 signs and Solarize's 31 bins uniform. */
  @Test
  void trivialAugmentWideBinsAndSigns() {
    TrivialAugmentWide ta = new TrivialAugmentWide(31);
    AugmentationSpace.Entry rotate = ta.space().entry(PolicyOp.ROTATE);
    AugmentationSpace.Entry solarize = ta.space().entry(PolicyOp.SOLARIZE);
    Map<Op, Integer> rotateCell = new HashMap<>();
    Map<Op, Integer> solarizeCell = new HashMap<>();
    for (int b = 0; b < 31; b++) {
      rotateCell.put(new Rotate(rotate.applied(b, false)), 2 * b);
      rotateCell.put(new Rotate(rotate.applied(b, true)), 2 * b + 1);
      solarizeCell.put(new Solarize(solarize.applied(b, false)), b);
    }
    assertEquals(62, rotateCell.size(), "Rotate's values differ per bin and sign (even -0.0)");
    long[] rotations = new long[62];
    long[] thresholds = new long[31];
    long rotates = 0;
    for (int i = 0; i < N; i++) {
      Op op = draw(ta, i, 32, 32);
      if (op instanceof Rotate) {
        rotations[rotateCell.get(op)]++;
        rotates++;
      } else if (op instanceof Solarize) {
        thresholds[solarizeCell.get(op)]++;
      }
    }
    Stats.assertUniform(rotations, "TrivialAugmentWide Rotate bin x sign (1/62 each)");
    Stats.assertUniform(thresholds, "TrivialAugmentWide Solarize bin (1/31 each)");
    // Rotate is one op of 14.
    Stats.assertProportions(new long[] {rotates, N - rotates}, new double[] {1 / 14.0, 13 / 14.0},
        "TrivialAugmentWide picks Rotate 1/14 of the time");
  }

  /**
   * AutoAugment(CIFAR10)'s sub-policy 1 is (Rotate 0.7 bin 2, TranslateX 0.3 bin 9): among the
   * records whose chain can only come from it, Rotate and TranslateX apply independently with
   * probabilities 0.7 and 0.3, and each is negated half of the time. Sub-policy 21 (TranslateY 0.9
   * bin 9, TranslateY 0.7 bin 9) is the only one applying TranslateY at bin 9 twice: 1/25 *
   * 0.9 * 0.7 of the records.
   */
  @Test
  void autoAugmentSubPolicyChoiceAndApplication() {
    AutoAugment aa = new AutoAugment(AutoAugment.Policy.CIFAR10);
    AugmentationSpace space = AutoAugment.space(32, 32);
    AugmentationSpace.Entry rot = space.entry(PolicyOp.ROTATE);
    AugmentationSpace.Entry tx = space.entry(PolicyOp.TRANSLATE_X);
    AugmentationSpace.Entry ty = space.entry(PolicyOp.TRANSLATE_Y);
    Map<Op, Integer> cells = new LinkedHashMap<>();
    // Rotate bin 2 with TranslateX bin 9 both applied, one or the other, per sign: only
    // sub-policy 1 has these ops at these bins.
    for (int rs = 0; rs < 2; rs++) {
      for (int ts = 0; ts < 2; ts++) {
        cells.put(OpChain.of(rot.op.op(rot.applied(2, rs == 1)),
            tx.op.op(tx.applied(9, ts == 1))), rs * 2 + ts);
      }
    }
    long[] both = new long[4];
    long twiceY = 0;
    Op yPos = ty.op.op(ty.applied(9, false));
    Op yNeg = ty.op.op(ty.applied(9, true));
    for (int i = 0; i < N; i++) {
      Op op = draw(aa, i, 32, 32);
      Integer c = cells.get(op);
      if (c != null) {
        both[c]++;
      }
      if (op instanceof OpChain && ((OpChain) op).ops().size() == 2
          && (((OpChain) op).ops().get(0).equals(yPos) || ((OpChain) op).ops().get(0).equals(yNeg))
          && (((OpChain) op).ops().get(1).equals(yPos)
              || ((OpChain) op).ops().get(1).equals(yNeg))) {
        twiceY++;
      }
    }
    Stats.assertUniform(both, "signs of sub-policy 1 when both steps apply");
    long bothSum = both[0] + both[1] + both[2] + both[3];
    double pBoth = 1 / 25.0 * applies(0.7f) * applies(0.3f);
    Stats.assertProportions(new long[] {bothSum, N - bothSum}, new double[] {pBoth, 1 - pBoth},
        "sub-policy 1 chosen and both steps applied");
    double pTwice = 1 / 25.0 * applies(0.9f) * applies(0.7f);
    Stats.assertProportions(new long[] {twiceY, N - twiceY}, new double[] {pTwice, 1 - pTwice},
        "sub-policy 21 chosen and both TranslateY steps applied");
  }

  /**
   * The order of draws is torchvision's, so a record's stream gives what these hand-written
   * replays of {@code forward} give from the same stream.
   */
  @Test
  void drawsHappenInTorchvisionsOrder() {
    RandAugment ra = new RandAugment(3, 12, 31);
    AugmentationSpace raSpace = ra.space(40, 24);
    TrivialAugmentWide ta = new TrivialAugmentWide(17);
    AutoAugment aa = new AutoAugment(AutoAugment.Policy.SVHN);
    AugmentationSpace aaSpace = AutoAugment.space(40, 24);
    for (int i = 0; i < 3000; i++) {
      // RandAugment: per op, the index, then a sign only for a signed op.
      Rng r = Rng.forRecord(SEED, 9, i, 0);
      List<Op> expected = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        AugmentationSpace.Entry e = raSpace.get((int) r.nextLong(14));
        boolean neg = e.signed && r.nextLong(2) == 1;
        Op op = e.op.op(e.applied(e.hasBins() ? 12 : 0, neg));
        if (op != null) {
          expected.add(op);
        }
      }
      assertEquals(OpChain.of(expected), draw(ra, 9, i, 40, 24), "RandAugment record " + i);

      // TrivialAugmentWide: index, a bin only for an op with bins, a sign only for a signed op.
      r = Rng.forRecord(SEED, 9, i, 0);
      AugmentationSpace.Entry e = ta.space().get((int) r.nextLong(14));
      int bin = e.hasBins() ? (int) r.nextLong(17) : 0;
      boolean neg = e.signed && r.nextLong(2) == 1;
      Op op = e.op.op(e.applied(bin, neg));
      assertEquals(op == null ? OpChain.IDENTITY : op, draw(ta, 9, i, 40, 24),
          "TrivialAugmentWide record " + i);

      // AutoAugment: sub-policy, two probabilities, two signs, all up front; sign 0 negates.
      r = Rng.forRecord(SEED, 9, i, 0);
      AutoAugment.SubPolicy s = AutoAugment.table(AutoAugment.Policy.SVHN)[(int) r.nextLong(25)];
      float[] probs = {r.nextFloat(), r.nextFloat()};
      long[] signs = {r.nextLong(2), r.nextLong(2)};
      expected.clear();
      for (int k = 0; k < 2; k++) {
        AutoAugment.Step step = s.step(k);
        if (probs[k] <= step.probability) {
          AugmentationSpace.Entry se = aaSpace.entry(step.op);
          expected.add(se.op.op(se.applied(Math.max(0, step.bin), signs[k] == 0)));
        }
      }
      assertEquals(OpChain.of(expected), draw(aa, 9, i, 40, 24), "AutoAugment record " + i);
    }
  }

  private static Op draw(Stage stage, long epoch, long record, int w, int h) {
    List<Op> ops = new ArrayList<>();
    stage.sample(Rng.forRecord(SEED, epoch, record, 0), w, h, ops);
    return OpChain.of(ops);
  }
}
