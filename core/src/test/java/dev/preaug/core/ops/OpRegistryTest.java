package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.recipe.OpTemplate;
import dev.preaug.core.recipe.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry is the single list of ops: the parser and the recipe templates follow it. */
class OpRegistryTest {

  @Test
  void theSevenSeedOpsAreRegisteredWithTheCallTheyMirror() {
    assertEquals(List.of("rotate", "shear", "resize_paste", "sine", "gaussian_blur", "sharpen",
        "smooth", "hflip", "vflip", "invert", "posterize", "solarize", "autocontrast", "equalize",
        "brightness", "contrast", "sharpness", "saturation", "hue", "pad_crop", "affine", "resized_crop",
        "grayscale"),
        OpRegistry.names());
    assertEquals("img.rotate(angle[, resample, fillcolor=fill]) = F.rotate(img, angle,"
        + " interpolation, fill=fill)", OpRegistry.find("rotate").mirrors());
    assertEquals("img.filter(ImageFilter.GaussianBlur(radius))",
        OpRegistry.find("gaussian_blur").mirrors());
    assertEquals(null, OpRegistry.find("blur"));
    List<String> parserNames = new ArrayList<>(OpRegistry.names());
    parserNames.add(OpSpecs.IDENTITY);
    assertEquals(parserNames, OpSpecs.NAMES);
  }

  /** Every kind builds from arguments inside its domain, and its spec parses back equal. */
  @Test
  void everyKindBuildsAndItsSpecParsesBack() {
    Set<Class<?>> classes = new HashSet<>();
    for (OpKind k : OpRegistry.kinds()) {
      assertFalse(k.mirrors().isBlank(), k.name());
      double[] args = new double[k.params().size()];
      for (int i = 0; i < args.length; i++) {
        OpKind.Param p = k.params().get(i);
        assertTrue(p.min() <= p.max(), k.name() + " " + p.name());
        args[i] = p.integer() ? Math.max(1, Math.floor(p.min() / 2 + p.max() / 2)) : 0.25;
        if (p.isOffset()) {
          args[i] = -3;
        }
      }
      Op op = k.build(args);
      classes.add(op.getClass());
      assertTrue(op.spec().startsWith(k.name()), op.spec());
      assertEquals(op, OpSpecs.parse(op.spec()), op.spec());
    }
    assertEquals(OpRegistry.kinds().size(), classes.size(), "one class per op");
  }

  /** A template of every kind samples from the registry's parameters, in their order. */
  @Test
  void templatesOfEveryKindSampleThroughTheRegistry() {
    for (OpKind k : OpRegistry.kinds()) {
      StringBuilder text = new StringBuilder(k.name());
      if (!k.params().isEmpty()) {
        List<String> parts = new ArrayList<>();
        for (OpKind.Param p : k.params()) {
          if (!p.isOffset()) {
            long lo = (long) Math.ceil(Math.max(p.min(), 0));
            long hi = (long) Math.min(lo + 3, p.max());
            parts.add(p.name() + "=" + (p.integer() ? "randint(" + lo + "," + hi + ")"
                : "uniform(" + lo + "," + (lo + 0.5) + ")"));
          }
        }
        text.append('(').append(String.join(",", parts)).append(')');
      }
      OpTemplate t = OpTemplate.parse(text.toString());
      Op op = t.sample(Rng.forRecord(1, 2, 3, 4), 64, 64);
      assertEquals(OpSpecs.parse(op.spec()), op, text.toString());
      assertTrue(op.spec().startsWith(k.name()), op.spec());
    }
  }

  @Test
  void buildNamesTheOpTheParameterAndTheRule() {
    OpKind rp = OpRegistry.find("resize_paste");
    assertEquals("resize_paste w must be an integer >= 1, got 2.5",
        assertThrows(IllegalArgumentException.class, () -> rp.build(new double[] {2.5, 4, 0, 0}))
            .getMessage());
    assertEquals("resize_paste oy must be an integer, got 3E+9",
        assertThrows(IllegalArgumentException.class, () -> rp.build(new double[] {2, 3, 1, 3e9}))
            .getMessage());
    assertEquals("resize_paste takes 4 arguments [w, h, ox, oy], got 1",
        assertThrows(IllegalArgumentException.class, () -> rp.build(new double[] {2}))
            .getMessage());
    assertEquals("bad ox: an offset's size must be an earlier integer parameter",
        assertThrows(IllegalArgumentException.class, () -> OpKind.of("bad", "none",
            a -> Sharpen.INSTANCE, OpKind.Param.offset("ox", OpKind.Axis.X, 0))).getMessage());
  }
}
