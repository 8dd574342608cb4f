package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The op mapping is pixel-exact: torchvision 0.14's own {@code _apply_op(img, name, magnitude,
 * NEAREST, None)}, run live on mode L and RGB images of 32x32 and 48x40 (width x height) for every
 * op of RandAugment's (31 bins), TrivialAugmentWide's (31 bins) and AutoAugment's (10 bins)
 * space, at every bin and both signs, with the magnitude torchvision's {@code forward} passes,
 * gives exactly the pixels of the op {@link PolicyOp#op} builds from the Java table's magnitude.
 * That covers the tables at these sizes, the Python-level steps of {@code _apply_op} and the ops
 * themselves; the built op's spec must also parse back to an equal op.
 */
@Timeout(600)
class PolicyOpsPixelTest {
  @TempDir
  Path dir;

  private static Image image(SplittableRandom rnd, int w, int h, int channels) {
    GrayImage[] bands = new GrayImage[channels];
    for (int c = 0; c < channels; c++) {
      bands[c] = Images.random(rnd, w, h);
    }
    return channels == 1 ? Image.of(bands[0]) : Image.merge(bands);
  }

  private static AugmentationSpace space(String kind, int w, int h) {
    switch (kind) {
      case "ra":
        return AugmentationSpace.randAugment(31, w, h);
      case "ta":
        return AugmentationSpace.trivialAugmentWide(31);
      case "aa":
        return AugmentationSpace.autoAugment(w, h);
      default:
        throw new AssertionError(kind);
    }
  }

  @Test
  void everyOpAtEveryBinAndSignEqualsTorchvisionsApplyOp() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1414);
    Map<String, Image> images = new LinkedHashMap<>();
    // Several draws per shape, so uniform noise, gradients and strokes all occur.
    for (int round = 0; round < 2; round++) {
      images.put("l32_" + round, image(rnd, 32, 32, 1));
      images.put("rgb32_" + round, image(rnd, 32, 32, 3));
      images.put("l48x40_" + round, image(rnd, 48, 40, 1));
      images.put("rgb48x40_" + round, image(rnd, 48, 40, 3));
    }
    List<String> args = new ArrayList<>(List.of(dir.toString()));
    for (Map.Entry<String, Image> e : images.entrySet()) {
      Image img = e.getValue();
      Files.write(dir.resolve(e.getKey() + ".raw"), img.toArray());
      args.add(e.getKey() + ":" + img.mode() + ":" + img.width() + ":" + img.height());
    }
    String out = Python.run("tv-policies/apply_ops.py", 540, args.toArray(new String[0]));
    byte[] all = Files.readAllBytes(dir.resolve("out.bin"));

    Map<String, Integer> perSpaceAndOp = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      assertEquals("case", f[0], line);
      Image in = images.get(f[1]);
      AugmentationSpace.Entry e = space(f[2], in.width(), in.height())
          .entry(PolicyOp.named(f[3]));
      int bin = Integer.parseInt(f[4]);
      boolean negative = f[5].equals("1");
      int offset = Integer.parseInt(f[6]);
      byte[] expected = Arrays.copyOfRange(all, offset, offset + in.toArray().length);
      Op op = e.op.op(e.applied(bin, negative));
      byte[] actual;
      if (op == null) {
        assertEquals(PolicyOp.IDENTITY, e.op);
        actual = in.toArray();
      } else {
        assertEquals(op, OpSpecs.parse(op.spec()), op.spec());
        actual = op.apply(in).toArray();
      }
      if (!Arrays.equals(expected, actual)) {
        wrong.add(String.join(" ", Arrays.copyOfRange(f, 1, 6)) + " -> "
            + (op == null ? "identity" : op.spec()));
      }
      perSpaceAndOp.merge(f[2] + " " + f[3], 1, Integer::sum);
    }
    assertTrue(wrong.isEmpty(), () -> wrong.size() + " cases differ from torchvision, e.g. "
        + wrong.subList(0, Math.min(10, wrong.size())));
    // 8 images: 31 bins x 2 signs for each signed op of RandAugment and TrivialAugmentWide, 31
    // bins for Posterize and Solarize, one case for the ops without bins; AutoAugment 10 bins.
    assertEquals(8 * 62, perSpaceAndOp.get("ra ShearX"));
    assertEquals(8 * 62, perSpaceAndOp.get("ta TranslateY"));
    assertEquals(8 * 31, perSpaceAndOp.get("ta Posterize"));
    assertEquals(8 * 20, perSpaceAndOp.get("aa Rotate"));
    assertEquals(8, perSpaceAndOp.get("aa Invert"));
    assertEquals(8, perSpaceAndOp.get("ra Identity"));
    assertNull(perSpaceAndOp.get("ra Invert"));
    assertEquals(14 + 14 + 14, perSpaceAndOp.size());
    int cases = perSpaceAndOp.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(cases > 8 * 700, "cases: " + cases);
  }
}
