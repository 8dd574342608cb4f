package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preaug.core.image.Image;
import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Images;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden-tv cases (made by torchvision 0.14's functional API on PIL images, Pillow 9.4) of
 * every op of the set, on mode L and RGB images: each must come out bit-exact, built from the
 * manifest's params (through the op registry, pad_crop from torchvision's padding forms, affine
 * and rotate with their interpolations, fills per band and centres) and again from its spec
 * string. Chains are scored by {@code TorchvisionParityTest}.
 */
class TorchvisionGoldenTest {
  static List<Golden.Case> covered() {
    return Golden.cases("golden-tv").stream().filter(c -> !c.op.equals("chain")).toList();
  }

  static Stream<Arguments> cases() {
    return covered().stream().map(c -> Arguments.of(c.id, c));
  }

  @Test
  void everyCaseOfTheseOpsIsCoveredInBothModes() {
    Map<String, Integer> perOp = new TreeMap<>();
    for (Golden.Case c : covered()) {
      perOp.merge(c.op + " " + c.mode, 1, Integer::sum);
    }
    assertEquals(Map.ofEntries(Map.entry("autocontrast L", 5), Map.entry("rotate L", 32),
        Map.entry("rotate RGB", 59), Map.entry("brightness L", 14),
        Map.entry("contrast L", 14), Map.entry("equalize L", 5), Map.entry("hflip L", 4),
        Map.entry("invert L", 4), Map.entry("pad_crop L", 48), Map.entry("posterize L", 12),
        Map.entry("sharpness L", 14), Map.entry("solarize L", 11), Map.entry("vflip L", 4),
        Map.entry("autocontrast RGB", 9), Map.entry("brightness RGB", 46),
        Map.entry("contrast RGB", 55), Map.entry("equalize RGB", 9), Map.entry("hflip RGB", 4),
        Map.entry("invert RGB", 8), Map.entry("pad_crop RGB", 59), Map.entry("posterize RGB", 26),
        Map.entry("sharpness RGB", 48), Map.entry("solarize RGB", 29), Map.entry("vflip RGB", 4),
        Map.entry("saturation L", 14), Map.entry("saturation RGB", 49), Map.entry("hue L", 5),
        Map.entry("hue RGB", 48), Map.entry("affine L", 48), Map.entry("affine RGB", 114),
        Map.entry("grayscale L", 6), Map.entry("grayscale RGB", 9),
        Map.entry("resized_crop L", 24), Map.entry("resized_crop RGB", 31)),
        perOp);
  }

  private static Op fromRegistry(String id, Golden.Case c) {
    OpKind kind = OpRegistry.find(c.op);
    double[] args = new double[kind.params().size()];
    for (int i = 0; i < args.length; i++) {
      OpKind.Param q = kind.params().get(i);
      JsonNode v = c.params.get(q.name());
      args[i] = q.isChoice() ? q.choiceIndex(v.asText()) : v.asDouble();
    }
    assertEquals(kind.params().size(), c.params.size(), "params of " + id + ": " + c.params);
    return kind.build(args);
  }

  /** torchvision's fill: absent is 0, a number every band's, a list one per band, int()-ed. */
  static Fill fill(JsonNode p) {
    JsonNode f = p.get("fill");
    if (f == null) {
      return Fill.BLACK;
    }
    if (!f.isArray()) {
      return Fill.of(f.intValue());
    }
    int[] v = new int[f.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = (int) f.get(k).doubleValue();
    }
    return Fill.perBand(v);
  }

  private static Affine affine(JsonNode p) {
    String interpolation = p.get("interpolation").asText();
    if (p.has("center")) {
      return new Affine(p.get("angle").asDouble(), p.get("translate").get(0).asDouble(),
          p.get("translate").get(1).asDouble(), p.get("scale").asDouble(),
          p.get("shear").get(0).asDouble(), p.get("shear").get(1).asDouble(), interpolation,
          fill(p), p.get("center").get(0).asDouble(), p.get("center").get(1).asDouble());
    }
    return new Affine(p.get("angle").asDouble(), p.get("translate").get(0).asDouble(),
        p.get("translate").get(1).asDouble(), p.get("scale").asDouble(),
        p.get("shear").get(0).asDouble(), p.get("shear").get(1).asDouble(), interpolation,
        fill(p));
  }

  private static Rotate rotate(JsonNode p) {
    return new Rotate(p.get("angle").asDouble(),
        p.has("interpolation") ? p.get("interpolation").asText() : "nearest", fill(p));
  }

  /**
   * torchvision's inverse matrix (in each case's debug field), for every affine case, about the
   * image centre or a given one, whatever its interpolation: equal to the last bit.
   */
  @Test
  void affineMatricesAreTorchvisionsToTheLastBit() {
    int n = 0;
    for (Golden.Case c : Golden.cases("golden-tv")) {
      if (!c.op.equals("affine")) {
        continue;
      }
      JsonNode want = c.debug.get("inverse_matrix");
      Image in = c.inputImage();
      double[] got = affine(c.params).matrix(in.width(), in.height());
      for (int k = 0; k < 6; k++) {
        assertEquals(want.get(k).asDouble(), got[k], 0.0, c.id + " entry " + k);
      }
      n++;
    }
    assertEquals(162, n);
  }

  /** torchvision's padding forms: p, [p], [a, b] (left/right, top/bottom) or [l, t, r, b]. */
  private static Op padCrop(JsonNode p) {
    JsonNode pad = p.get("pad");
    int[] ltrb;
    if (pad.isNumber() || pad.size() == 1) {
      int v = pad.isNumber() ? pad.intValue() : pad.get(0).intValue();
      ltrb = new int[] {v, v, v, v};
    } else if (pad.size() == 2) {
      ltrb = new int[] {pad.get(0).intValue(), pad.get(1).intValue(), pad.get(0).intValue(),
          pad.get(1).intValue()};
    } else {
      ltrb = new int[] {pad.get(0).intValue(), pad.get(1).intValue(), pad.get(2).intValue(),
          pad.get(3).intValue()};
    }
    return new PadCrop(ltrb[0], ltrb[1], ltrb[2], ltrb[3], p.get("mode").asText(),
        p.get("top").intValue(), p.get("left").intValue(), p.get("h").intValue(),
        p.get("w").intValue(), fill(p));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTorchvision(String id, Golden.Case c) {
    Op op = c.op.equals("pad_crop") ? padCrop(c.params) : c.op.equals("affine") ? affine(c.params)
        : c.op.equals("rotate") ? rotate(c.params) : fromRegistry(id, c);
    Image in = c.inputImage();
    Image expected = c.expectedImage();
    assertEquals(c.mode, in.mode(), id);
    assertImagesEqual(expected, op.apply(in), id + ": " + op.spec());
    Op parsed = OpSpecs.parse(op.spec());
    assertEquals(op, parsed, op.spec());
    assertImagesEqual(expected, parsed.apply(in), id + ": parsed " + op.spec());
    // The manifest says whether torchvision's RGB result is the op on each band alone; the op
    // must say the same of itself (contrast's mean mixes the bands).
    if (c.mode.equals("RGB") && c.debug != null && c.debug.has("per_band_equals_L")
        && !c.debug.get("per_band_equals_L").asBoolean()) {
      assertEquals(false, op.perBand(), id + ": torchvision mixes bands, the op says perBand");
    }
  }

  static void assertImagesEqual(Image expected, Image actual, String what) {
    assertEquals(expected.mode() + " " + expected.width() + "x" + expected.height(),
        actual.mode() + " " + actual.width() + "x" + actual.height(), what);
    for (int c = 0; c < expected.channels(); c++) {
      int band = c;
      Images.assertPixelsEqual(expected.band(c), actual.band(c), () -> what + ", band " + band);
    }
  }
}
