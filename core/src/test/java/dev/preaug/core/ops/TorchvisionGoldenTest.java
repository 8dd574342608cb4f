package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Images;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden-tv cases (made by torchvision 0.14's functional API on PIL images, Pillow 9.4) of
 * the pixel ops preaug has, on mode L images: each must come out bit-exact, built from the
 * manifest's params through the op registry (pad_crop from torchvision's padding forms) and again
 * from its spec string. RGB cases and the other geometric ops of the set (resized_crop, affine,
 * torchvision's rotate) wait for colour images and those ops.
 */
class TorchvisionGoldenTest {
  private static final Set<String> OPS = Set.of("hflip", "vflip", "invert", "posterize",
      "solarize", "autocontrast", "equalize", "brightness", "contrast", "sharpness", "pad_crop");

  static List<Golden.Case> covered() {
    return Golden.cases("golden-tv").stream()
        .filter(c -> c.mode.equals("L") && OPS.contains(c.op)).toList();
  }

  static Stream<Arguments> cases() {
    return covered().stream().map(c -> Arguments.of(c.id, c));
  }

  @Test
  void everyModeLCaseOfTheseOpsIsCovered() {
    Map<String, Integer> perOp = new TreeMap<>();
    for (Golden.Case c : covered()) {
      perOp.merge(c.op, 1, Integer::sum);
    }
    assertEquals(Map.ofEntries(Map.entry("autocontrast", 5), Map.entry("brightness", 14),
        Map.entry("contrast", 14), Map.entry("equalize", 5), Map.entry("hflip", 4),
        Map.entry("invert", 4), Map.entry("pad_crop", 48), Map.entry("posterize", 12),
        Map.entry("sharpness", 14), Map.entry("solarize", 11), Map.entry("vflip", 4)), perOp);
  }

  private static Op fromRegistry(String id, Golden.Case c) {
    OpKind kind = OpRegistry.find(c.op);
    double[] args = new double[kind.params().size()];
    for (int i = 0; i < args.length; i++) {
      JsonNode v = c.params.get(kind.params().get(i).name());
      args[i] = v.asDouble();
    }
    assertEquals(kind.params().size(), c.params.size(), "params of " + id + ": " + c.params);
    return kind.build(args);
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
        p.get("w").intValue(), p.has("fill") ? p.get("fill").intValue() : 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTorchvision(String id, Golden.Case c) {
    Op op = c.op.equals("pad_crop") ? padCrop(c.params) : fromRegistry(id, c);
    GrayImage in = c.input();
    GrayImage expected = c.expected();
    Images.assertPixelsEqual(expected, op.apply(in), () -> id + ": " + op.spec());
    Op parsed = OpSpecs.parse(op.spec());
    assertEquals(op, parsed, op.spec());
    Images.assertPixelsEqual(expected, parsed.apply(in), () -> id + ": parsed " + op.spec());
  }
}
