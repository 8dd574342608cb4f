package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.preaug.core.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest's {@code debug} values (matrices, fixed-point ints, blur constants, sine shifts,
 * a coefficient row) against the kernels' own intermediates, so that a mismatch points at the
 * step that went wrong rather than just at pixels.
 */
class GoldenIntermediatesTest {

  /** Every (op, params, debug) in the set, chain steps included. */
  private static List<JsonNode[]> steps() {
    List<JsonNode[]> out = new ArrayList<>();
    for (Golden.Case c : Golden.cases()) {
      if (c.op.equals("chain")) {
        JsonNode steps = c.params.get("steps");
        for (int i = 0; i < steps.size(); i++) {
          out.add(new JsonNode[] {steps.get(i).get("op"), steps.get(i).get("params"),
              c.debug.get("steps").get(i)});
        }
      } else {
        out.add(new JsonNode[] {TextNode.valueOf(c.op), c.params, c.debug});
      }
    }
    return out;
  }

  @Test
  void rotateMatricesAndFixedPointIntegers() {
    int checked = 0;
    for (JsonNode[] s : steps()) {
      if (!s[0].asText().equals("rotate") || !s[2].has("matrix")) {
        continue;
      }
      double angle = s[1].get("angle").asDouble();
      double[] a = new Rotate(angle).matrix(64, 64);
      JsonNode m = s[2].get("matrix");
      for (int i = 0; i < 6; i++) {
        assertEquals(m.get(i).asDouble(), a[i], 0.0, "rotate(" + angle + ") a[" + i + "]");
      }
      assertEquals(Rotate.pythonMod360(angle), s[2].get("angle_mod360").asDouble(), 0.0);
      if (!s[2].has("fast_path")) {
        assertFixed(s[2].get("fixed16"), a, "rotate(" + angle + ")");
        checked++;
      }
    }
    assertEquals(true, checked >= 40, "rotate cases with a matrix: " + checked);
  }

  @Test
  void shearFixedPointIntegers() {
    int checked = 0;
    for (JsonNode[] s : steps()) {
      if (s[0].asText().equals("shear") && s[2].has("fixed16")) {
        double[] a = {1.0, s[1].get("x_shear").asDouble(), 0.0, s[1].get("y_shear").asDouble(),
            1.0, 0.0};
        assertFixed(s[2].get("fixed16"), a, "shear" + s[1]);
        checked++;
      }
    }
    assertEquals(true, checked >= 30, "shear cases: " + checked);
  }

  private static void assertFixed(JsonNode f, double[] a, String what) {
    assertEquals(f.get("a0").asInt(), AffineNearest.fix(a[0]), what + " A0");
    assertEquals(f.get("a1").asInt(), AffineNearest.fix(a[1]), what + " A1");
    assertEquals(f.get("a3").asInt(), AffineNearest.fix(a[3]), what + " A3");
    assertEquals(f.get("a4").asInt(), AffineNearest.fix(a[4]), what + " A4");
    assertEquals(f.get("a2").asInt(), AffineNearest.fix(a[2] + a[0] * 0.5 + a[1] * 0.5),
        what + " A2");
    assertEquals(f.get("a5").asInt(), AffineNearest.fix(a[5] + a[3] * 0.5 + a[4] * 0.5),
        what + " A5");
  }

  @Test
  void blurBoxRadiusAndWeights() {
    int checked = 0;
    for (JsonNode[] s : steps()) {
      if (s[0].asText().equals("gaussian_blur")) {
        GaussianBlur blur = new GaussianBlur(s[1].get("radius").asDouble());
        String bits = s[2].get("box_radius_bits").asText();
        assertEquals(Integer.parseUnsignedInt(bits.substring(2), 16),
            Float.floatToIntBits(blur.boxRadius()), blur.spec());
        assertEquals(s[2].get("R").asInt(), blur.box().radius, blur.spec());
        assertEquals(s[2].get("ww").asInt(), blur.box().ww, blur.spec());
        assertEquals(s[2].get("fw").asInt(), blur.box().fw, blur.spec());
        checked++;
      }
    }
    assertEquals(true, checked >= 24, "blur steps: " + checked);
  }

  @Test
  void blurTableOfTheSpec() {
    // pillow-ops.md section 5.2, radius -> (R, ww, fw)
    double[][] table = {{0.5, 0, 15379114, 699051}, {0.73, 0, 13797023, 1490096},
        {1.0, 0, 11184811, 2796202}, {1.2, 0, 8724152, 4026532}};
    for (double[] row : table) {
      BoxBlur box = new GaussianBlur(row[0]).box();
      assertArrayEquals(new int[] {(int) row[1], (int) row[2], (int) row[3]},
          new int[] {box.radius, box.ww, box.fw}, "radius " + row[0]);
    }
  }

  @Test
  void sineShiftTables() {
    int checked = 0;
    for (JsonNode[] s : steps()) {
      if (s[0].asText().equals("sine")) {
        double f = s[1].get("f").asDouble();
        int[] expected = new int[64];
        for (int i = 0; i < 64; i++) {
          expected[i] = Math.floorMod(s[2].get("shifts").get(i).asInt(), 64);
        }
        assertArrayEquals(expected, new Sine(f).shifts(64, 64), "sine(" + f + ")");
        checked++;
      }
    }
    assertEquals(true, checked >= 36, "sine cases: " + checked);
  }

  @Test
  void bicubicCoefficientsOfTheFirstOutput() {
    int checked = 0;
    for (JsonNode[] s : steps()) {
      if (s[0].asText().equals("resize_paste") && s[2].has("h_coeffs_out0")) {
        int w = s[1].get("w").asInt();
        BicubicCoefficients c = BicubicCoefficients.compute(64, w, 0, w);
        JsonNode e = s[2].get("h_coeffs_out0");
        assertEquals(e.get("xmin").asInt(), c.first(0), "64->" + w);
        int[] k = new int[c.taps(0)];
        System.arraycopy(c.weights(), c.base(0), k, 0, k.length);
        int[] expected = new int[e.get("k").size()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = e.get("k").get(i).asInt();
        }
        assertArrayEquals(expected, k, "64->" + w);
        checked++;
      }
    }
    assertEquals(true, checked > 0, "resize cases with coefficients: " + checked);
  }
}
