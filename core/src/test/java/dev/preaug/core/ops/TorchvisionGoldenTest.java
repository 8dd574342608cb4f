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
 * manifest's params through the op registry and again from its spec string. RGB cases and the
 * geometric ops of the set (pad_crop, resized_crop, affine, torchvision's rotate) wait for
 * colour images and those ops.
 */
class TorchvisionGoldenTest {
  private static final Set<String> OPS = Set.of("hflip", "vflip", "invert", "posterize",
      "solarize", "autocontrast", "equalize", "brightness", "contrast", "sharpness");

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
    assertEquals(Map.of("autocontrast", 5, "brightness", 14, "contrast", 14, "equalize", 5,
        "hflip", 4, "invert", 4, "posterize", 12, "sharpness", 14, "solarize", 11, "vflip", 4),
        perOp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTorchvision(String id, Golden.Case c) {
    OpKind kind = OpRegistry.find(c.op);
    double[] args = new double[kind.params().size()];
    for (int i = 0; i < args.length; i++) {
      JsonNode v = c.params.get(kind.params().get(i).name());
      args[i] = v.asDouble();
    }
    assertEquals(kind.params().size(), c.params.size(), "params of " + id + ": " + c.params);
    Op op = kind.build(args);
    GrayImage in = c.input();
    GrayImage expected = c.expected();
    Images.assertPixelsEqual(expected, op.apply(in), () -> id + ": " + op.spec());
    Op parsed = OpSpecs.parse(op.spec());
    assertEquals(op, parsed, op.spec());
    Images.assertPixelsEqual(expected, parsed.apply(in), () -> id + ": parsed " + op.spec());
  }
}
