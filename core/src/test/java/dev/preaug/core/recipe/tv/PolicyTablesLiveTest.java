package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.testing.Python;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The policy tables against torchvision 0.14 itself, run live ({@code tv-policies/spaces.py}
 * with Debian's python3): every augmentation space of RandAugment and TrivialAugmentWide at many
 * bin counts, and of AutoAugment, at a square, a non-square (width 48, height 40) and a large
 * size, must have the same op names in the same order, the same signed flags and the same
 * float32 magnitudes bit for bit; the three AutoAugment policies the same sub-policies; the
 * probability comparison the same threshold as torch's; and the shear angles the values
 * {@code math.degrees(math.atan(m))} gives with a correctly rounded {@code atan}.
 */
@Timeout(300)
class PolicyTablesLiveTest {
  /** Bin counts around torch's 16-element vector blocks and the defaults 10 and 31. */
  private static final String BINS = "2,3,10,15,16,17,31,32,33,47,48,64,100,255";
  private static final String SIZES = "32x32,48x40,224x224";
  private static final Map<String, List<String[]>> SPACES = new LinkedHashMap<>();
  private static final List<String[]> POLICIES = new ArrayList<>();
  private static final List<String[]> THRESHOLDS = new ArrayList<>();
  private static final List<String[]> SHEARS = new ArrayList<>();

  @BeforeAll
  static void runTorchvision() throws Exception {
    String out = Python.run("tv-policies/spaces.py", 240, BINS, SIZES);
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      switch (f[0]) {
        case "space":
          SPACES.computeIfAbsent(String.join(" ", f[1], f[2], f[3], f[4]),
              k -> new ArrayList<>()).add(f);
          break;
        case "policy":
          POLICIES.add(f);
          break;
        case "threshold":
          THRESHOLDS.add(f);
          break;
        case "shear":
          SHEARS.add(f);
          break;
        default:
          throw new AssertionError("unexpected line from spaces.py: " + line);
      }
    }
  }

  private static AugmentationSpace javaSpace(String kind, int bins, int w, int h) {
    switch (kind) {
      case "ra":
        return new RandAugment(2, 0, bins).space(w, h);
      case "ta":
        return new TrivialAugmentWide(bins).space();
      case "aa":
        assertEquals(AugmentationSpace.AUTO_AUGMENT_BINS, bins);
        return AutoAugment.space(w, h);
      default:
        throw new AssertionError(kind);
    }
  }

  private static String bits(AugmentationSpace.Entry e) {
    if (!e.hasBins()) {
      return "-";
    }
    List<String> b = new ArrayList<>();
    for (int i = 0; i < e.bins(); i++) {
      b.add(String.format(Locale.ROOT, "%08x", Float.floatToRawIntBits(e.magnitude(i))));
    }
    return String.join(",", b);
  }

  @Test
  void everySpaceEqualsTorchvisionsBitForBit() {
    // 14 bin counts x (3 RandAugment sizes + 1 TrivialAugmentWide) + 3 AutoAugment sizes.
    assertEquals(14 * 4 + 3, SPACES.size(), SPACES.keySet().toString());
    for (Map.Entry<String, List<String[]>> s : SPACES.entrySet()) {
      String[] k = s.getKey().split(" ");
      AugmentationSpace java = javaSpace(k[0], Integer.parseInt(k[1]), Integer.parseInt(k[2]),
          Integer.parseInt(k[3]));
      List<String[]> tv = s.getValue();
      assertEquals(tv.size(), java.size(), s.getKey() + ": number of ops");
      for (int i = 0; i < tv.size(); i++) {
        String[] f = tv.get(i);
        AugmentationSpace.Entry e = java.get(i);
        String where = s.getKey() + " op " + i + " " + f[6];
        assertEquals(f[6], e.op.torchName, where + ": name");
        assertEquals(f[7].equals("1"), e.signed, where + ": signed");
        assertEquals(f[8], bits(e), where + ": magnitudes (float32 bits)");
      }
    }
  }

  @Test
  void autoAugmentPoliciesEqualTorchvisions() {
    assertEquals(3 * 25 * 2, POLICIES.size());
    for (String[] f : POLICIES) {
      AutoAugment.Policy policy = AutoAugment.policy(f[1]);
      AutoAugment.SubPolicy[] table = AutoAugment.table(policy);
      assertEquals(25, table.length);
      AutoAugment.Step step = table[Integer.parseInt(f[2])].step(Integer.parseInt(f[3]));
      String where = f[1] + " sub-policy " + f[2] + " step " + f[3];
      assertEquals(f[4], step.op.torchName, where);
      assertEquals((float) Double.parseDouble(f[5]), step.probability, where);
      assertEquals(f[6].equals("None") ? -1 : Integer.parseInt(f[6]), step.bin, where);
    }
  }

  /**
   * torch compares {@code probs[i] <= p} in float32: with p = 0.6 the draw 10066330 / 2^24 (just
   * above 0.6 in doubles, equal to 0.6f) applies the step. The largest applying draw per
   * probability must be torch's.
   */
  @Test
  void probabilityThresholdsAreTorchs() {
    assertEquals(11, THRESHOLDS.size()); // 0.0, 0.1, ..., 1.0
    for (String[] f : THRESHOLDS) {
      float p = (float) Double.parseDouble(f[1]);
      long k = Long.parseLong(f[2]);
      assertTrue(k * 0x1p-24f <= p, "p=" + f[1] + " applies at " + k + "/2^24");
      assertFalse((k + 1) * 0x1p-24f <= p, "p=" + f[1] + " not at " + (k + 1) + "/2^24");
    }
  }

  /**
   * The shear angle is exactly {@code math.degrees} of the correctly rounded arc tangent. glibc
   * 2.36's {@code atan} is not correctly rounded on every argument (its error reaches about
   * 0.50005 ulp); where it is not, its arc tangent is one ulp off (the angle in degrees then a
   * few ulps), and that happens on few of these magnitudes (it does on none of the default tables but
   * RandAugment's bin 28 of 31).
   */
  @Test
  void shearAnglesAreDegreesOfTheCorrectlyRoundedArcTangent() {
    assertTrue(SHEARS.size() > 1000, "shear magnitudes: " + SHEARS.size());
    int glibcOff = 0;
    for (String[] f : SHEARS) {
      double x = Double.parseDouble(f[1]);
      double glibc = Double.parseDouble(f[2]);
      double exact = Double.parseDouble(f[3]);
      assertEquals(exact, TorchMath.shearDegrees(x), "shear degrees of " + x);
      assertEquals(Double.parseDouble(f[5]), TorchMath.atanExact(x), "atan of " + x);
      if (glibc != exact) {
        glibcOff++;
        double atan = Double.parseDouble(f[5]);
        assertEquals(Math.ulp(atan), Math.abs(Double.parseDouble(f[4]) - atan),
            "glibc's atan of " + x);
      }
    }
    assertTrue(glibcOff < SHEARS.size() / 50, glibcOff + " of " + SHEARS.size());
  }
}
