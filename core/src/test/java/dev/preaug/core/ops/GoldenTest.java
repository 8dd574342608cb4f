package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Images;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case (made by Pillow 9.4.0) must come out bit-exact, built both ways. */
class GoldenTest {

  static Stream<Arguments> cases() {
    return Golden.cases().stream().map(c -> Arguments.of(c.id, c));
  }

  @Test
  void theWholeGoldenSetIsHere() {
    Map<String, Integer> perOp = new TreeMap<>();
    for (Golden.Case c : Golden.cases()) {
      perOp.merge(c.op, 1, Integer::sum);
    }
    assertEquals(236, Golden.cases().size(), perOp.toString());
    assertEquals(Map.of("chain", 8, "gaussian_blur", 24, "resize_paste", 54, "rotate", 60,
        "sharpen", 6, "shear", 42, "sine", 36, "smooth", 6), perOp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPillow(String id, Golden.Case c) {
    Op op = build(c.op, c.params);
    GrayImage in = c.input();
    byte[] before = in.toArray();
    GrayImage expected = c.expected();

    GrayImage actual = op.apply(in);
    Images.assertPixelsEqual(expected, actual, () -> id + ": " + op.spec() + " on " + c.input);

    Op parsed = OpSpecs.parse(op.spec());
    assertEquals(op, parsed, "parse(spec) of " + op.spec());
    Images.assertPixelsEqual(expected, parsed.apply(in), () -> id + ": parsed " + op.spec());
    assertEquals(GrayImage.of(in.width(), in.height(), before), in, "input was modified");
  }

  /** Builds the op from the manifest's structured params, independently of the parser. */
  static Op build(String name, JsonNode p) {
    switch (name) {
      case "rotate":
        return new Rotate(p.get("angle").asDouble());
      case "shear":
        return new Shear(p.get("x_shear").asDouble(), p.get("y_shear").asDouble());
      case "resize_paste":
        return new ResizePaste(p.get("w").intValue(), p.get("h").intValue(),
            p.get("ox").intValue(), p.get("oy").intValue());
      case "sine":
        return new Sine(p.get("f").asDouble());
      case "gaussian_blur":
        return new GaussianBlur(p.get("radius").asDouble());
      case "sharpen":
        return new Sharpen();
      case "smooth":
        return new Smooth();
      case "chain":
        List<Op> steps = new ArrayList<>();
        for (JsonNode step : p.get("steps")) {
          steps.add(build(step.get("op").asText(), step.get("params")));
        }
        return new OpChain(steps);
      default:
        throw new IllegalArgumentException("golden op " + name);
    }
  }
}
