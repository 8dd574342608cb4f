package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.Setting;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.ResizePaste;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters given relative to the image (W, H) and the check that a recipe fits the input. */
class RelativeRecipeTest {
  static final String SEED_SCALE =
      "resize_paste(w=randrange(25, 63), h=randrange(25, 63), ox=fit, oy=fit)";
  static final String RELATIVE_SCALE =
      "resize_paste(w=randrange(25/64*W, 63/64*W), h=randrange(25/64*H, 63/64*H), ox=fit, oy=fit)";
  static final String CIFAR_CROP = "pad_crop(pl=4, pt=4, pr=4, pb=4, mode=reflect,"
      + " top=randint(0, 8), left=randint(0, 8), h=32, w=32, fill=0)";

  private static String parseError(String text) {
    return assertThrows(IllegalArgumentException.class, () -> OpTemplate.parse(text))
        .getMessage();
  }

  private static void assertDist(String canonical, String text) {
    Dist d = Dist.parse(text);
    assertTrue(d.isRelative(), text);
    assertEquals(canonical, d.spec(), text);
    assertEquals(d, Dist.parse(d.spec()), "the canonical form parses back");
  }

  @Test
  void relativeTermsParseToCanonicalFractions() {
    assertDist("randrange(25/64*W,63/64*W)", "randrange(25/64*W, 63/64*W)");
    assertDist("randrange(25/64*W,63/64*W)", "randrange(0.390625 * W, 0.984375*W)");
    assertDist("W", " W ");
    assertDist("H", "1*H");
    assertDist("H", "2/2*H");
    assertDist("1/2*H", "0.5*H");
    assertDist("1/2*H", "2/4*H");
    assertDist("3*W", "3*W");
    assertDist("-1/8*W", "-0.125*W");
    assertDist("0*W", "0*W");
    assertDist("randint(0,W)", "randint(0, W)");
    assertDist("randint(-1/8*W,1/8*W)", "randint(-1/8*W, 1/8*W)");
    assertNotEquals(Dist.parse("W"), Dist.parse("H"));
    assertFalse(Dist.parse("randrange(25, 63)").isRelative());

    OpTemplate t = OpTemplate.parse(RELATIVE_SCALE);
    assertTrue(t.isRelative());
    assertEquals("resize_paste(w=randrange(25/64*W,63/64*W),h=randrange(25/64*H,63/64*H),"
        + "ox=fit,oy=fit)", t.spec());
    assertEquals(t, OpTemplate.parse(t.spec()));
    assertFalse(OpTemplate.parse(SEED_SCALE).isRelative());
    assertEquals("pad_crop(pl=1/8*W,pt=1/8*H,pr=1/8*W,pb=1/8*H,mode=constant,top=randint(0,1/4*H),"
        + "left=randint(0,1/4*W),h=H,w=W,fill=0)", OpTemplate.parse("pad_crop(pl=0.125*W,"
        + " pt=1/8*H, pr=1/8*W, pb=1/8*H, mode=constant,"
        + " top=randint(0, 1/4*H), left=randint(0, 1/4*W), h=H, w=W, fill=0)").spec());
  }

  @Test
  void resolutionRoundsEachTermDown() {
    Dist d = Dist.parse("randrange(25/64*W, 63/64*W)");
    assertEquals("randrange(25,63)", d.resolve(64, 64).spec());
    assertEquals("randrange(12,31)", d.resolve(32, 32).spec()); // 12.5 -> 12, 31.5 -> 31
    assertEquals("randrange(15,39)", d.resolve(40, 56).spec()); // 15.625, 39.375
    Dist h = Dist.parse("randrange(25/64*H, 63/64*H)");
    assertEquals("randrange(21,55)", h.resolve(40, 56).spec()); // 21.875, 55.125
    assertEquals("randint(-3,2)", Dist.parse("randint(-1/8*W, 1/8*W)").resolve(20, 8).spec());
    assertEquals("randint(-1,1)", Dist.parse("randint(-1/8*H, 1/8*H)").resolve(20, 8).spec());
    assertEquals("56", Dist.parse("H").resolve(40, 56).spec());
    assertEquals("20", Dist.parse("0.5*W").resolve(40, 56).spec());
    // Exact where a double would not be: 0.29 * 100 is 28.999999999999996 in binary.
    assertEquals("29", Dist.parse("0.29*W").resolve(100, 1).spec());
    Dist abs = Dist.parse("randrange(25, 63)");
    assertSame(abs, abs.resolve(32, 32));
    assertEquals("randrange(25/64*W,63/64*W) is randrange(0,0) for a 1x1 image, an empty range",
        assertThrows(IllegalArgumentException.class, () -> d.resolve(1, 1)).getMessage());
  }

  @Test
  void at64x64TheRelativeSeedRecipeDrawsExactlyTheSeedsRecipe() {
    OpTemplate rel = OpTemplate.parse(RELATIVE_SCALE);
    OpTemplate abs = OpTemplate.parse(SEED_SCALE);
    assertEquals(abs, rel.resolve(64, 64));
    assertEquals(OpTemplate.parse("resize_paste(w=randrange(12,31),h=randrange(12,31))"),
        rel.resolve(32, 32));
    assertEquals(OpTemplate.parse("resize_paste(w=randrange(15,39),h=randrange(21,55))"),
        rel.resolve(40, 56));
    for (long i = 0; i < 2000; i++) {
      Rng a = Rng.forRecord(5, 2, i, 1);
      Rng b = Rng.forRecord(5, 2, i, 1);
      assertEquals(abs.sample(a, 64, 64), rel.sample(b, 64, 64), "record " + i);
      assertEquals(a.nextLong(), b.nextLong(), "record " + i + ": same number of draws");
    }
    // Sizes alternate: the cached resolution follows the size asked for.
    OpTemplate abs40 = rel.resolve(40, 56);
    for (long i = 0; i < 200; i++) {
      ResizePaste small = (ResizePaste) rel.sample(Rng.forRecord(5, 2, i, 1), 40, 56);
      assertEquals(abs40.sample(Rng.forRecord(5, 2, i, 1), 40, 56), small);
      assertTrue(small.w() >= 15 && small.w() < 39 && small.h() >= 21 && small.h() < 55,
          small.spec());
      assertTrue(small.ox() >= 0 && small.ox() < 40 - small.w(), small.spec());
      assertEquals(abs.sample(Rng.forRecord(5, 2, i, 1), 64, 64),
          rel.sample(Rng.forRecord(5, 2, i, 1), 64, 64));
    }
    // The whole default recipe: the same chains as the seed's absolute one at 64x64.
    Recipe builtIn = PreaugConfig.resolve().recipe();
    Recipe seed = builtIn.resolve(64, 64);
    for (long i = 0; i < 500; i++) {
      OpChain x = builtIn.sample(Rng.forRecord(11, 1, i, 1), 64, 64);
      OpChain y = seed.sample(Rng.forRecord(11, 1, i, 1), 64, 64);
      assertEquals(y.spec(), x.spec());
    }
  }

  @Test
  void wAndHOnlyWhereAParameterMeasuresTheImage() {
    assertEquals("'rotate(angle=W)': angle = W: W and H (sizes relative to the image) are only"
        + " for parameters that measure the image (rotate: none)", parseError("rotate(angle=W)"));
    assertEquals("'pad_crop(pl=0,pt=0,pr=0,pb=0,mode=edge,top=0,left=0,h=H,w=W,fill=H)':"
        + " fill = H: W and H (sizes relative to the image) are only for parameters that measure"
        + " the image (pad_crop: pl, pt, pr, pb, top, left, h, w)",
        parseError("pad_crop(pl=0,pt=0,pr=0,pb=0,mode=edge,top=0,left=0,h=H,w=W,fill=H)"));
    assertEquals("uniform(0.1*W, W): W and H (sizes relative to the image) are allowed alone or as"
        + " randrange/randint bounds, not in uniform",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("uniform(0.1*W, W)"))
            .getMessage());
    assertEquals("choice(W, H): W and H (sizes relative to the image) are allowed alone or as"
        + " randrange/randint bounds, not in choice",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("choice(W, H)"))
            .getMessage());
    assertEquals("'W*2' in 'randint(1, W*2)' is not a size relative to the image: write W, H, or a"
        + " fraction of them such as 0.5*W or 25/64*H",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("randint(1, W*2)"))
            .getMessage());
    assertEquals("'1/0*W' in '1/0*W' divides by zero",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("1/0*W")).getMessage());
    assertEquals("'1/3.5*W' in '1/3.5*W' is not a size relative to the image: write W, H, or a"
        + " fraction of them such as 0.5*W or 25/64*H",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("1/3.5*W")).getMessage());
    assertEquals("randint(1.5, W): integer ranges need integer bounds, got 1.5",
        assertThrows(IllegalArgumentException.class, () -> Dist.parse("randint(1.5, W)"))
            .getMessage());
  }

  @Test
  void anAbsoluteRecipeFitsOnlyImagesItWasWrittenFor() {
    OpTemplate seed = OpTemplate.parse(SEED_SCALE);
    assertNull(seed.unfit(64, 64));
    assertNull(seed.unfit(63, 63), "fit needs randrange(0, 63 - 62) to be non-empty: it is");
    assertEquals("resize_paste w=randrange(25,63) needs images at least 63 wide for ox=fit,"
        + " the input is 32x32 (WxH)", seed.unfit(32, 32));
    assertEquals("resize_paste w=randrange(25,63) needs images at least 63 wide for ox=fit,"
        + " the input is 62x64 (WxH)", seed.unfit(62, 64));
    assertEquals("resize_paste h=randrange(25,63) needs images at least 63 high for oy=fit,"
        + " the input is 64x40 (WxH)", seed.unfit(64, 40));
    OpTemplate center = OpTemplate.parse("resize_paste(w=40, h=randint(10, 30), ox=center,"
        + " oy=center)");
    assertNull(center.unfit(40, 30), "center only needs the image to fit");
    assertEquals("resize_paste w=40 needs images at least 40 wide for ox=center, the input is"
        + " 39x64 (WxH)", center.unfit(39, 64));
    assertEquals("resize_paste h=randint(10,30) needs images at least 30 high for oy=center,"
        + " the input is 40x29 (WxH)", center.unfit(40, 29));
    // Explicit offsets clip by design (a zoom); nothing to check against the size.
    assertNull(OpTemplate.parse("resize_paste(w=100, h=100, ox=-10, oy=0)").unfit(32, 32));
    assertNull(OpTemplate.parse("rotate(angle=uniform(-15, 15))").unfit(1, 1));
  }

  @Test
  void padCropKeepsTheSizeAndItsWindowEndsInsideThePaddedImage() {
    OpTemplate crop = OpTemplate.parse(CIFAR_CROP);
    assertNull(crop.unfit(32, 32));
    String keep = " (a recipe's ops keep the image size; h=H always fits), the input is ";
    assertEquals("pad_crop h=32 needs images exactly 32 high" + keep + "32x40 (WxH)",
        crop.unfit(32, 40));
    assertEquals("pad_crop h=32 needs images exactly 32 high" + keep + "32x28 (WxH)",
        crop.unfit(32, 28));
    assertEquals("pad_crop w=32 needs images exactly 32 wide (a recipe's ops keep the image size;"
        + " w=W always fits), the input is 28x32 (WxH)", crop.unfit(28, 32));
    assertEquals("pad_crop h=randint(30,32) makes images 30 to 32 high, but every image must be"
        + " 32 high" + keep + "32x32 (WxH)", OpTemplate.parse(CIFAR_CROP.replace("h=32",
            "h=randint(30, 32)")).unfit(32, 32));
    assertEquals("pad_crop top=randint(0,10), h=32 needs images at least 34 high for the crop to"
        + " end inside the padded image (pt=4, pb=4), the input is 32x32 (WxH)",
        OpTemplate.parse(CIFAR_CROP.replace("top=randint(0, 8)", "top=randint(0, 10)"))
            .unfit(32, 32));
    OpTemplate anySize = OpTemplate.parse("pad_crop(pl=4, pt=4, pr=4, pb=4, mode=reflect,"
        + " top=randint(0, 8), left=randint(0, 9), h=H, w=W, fill=0)");
    for (int[] s : new int[][] {{28, 28}, {32, 32}, {40, 56}, {5, 5}}) {
      assertEquals("pad_crop left=randint(0,9), w=W (" + s[0] + " here) needs images at least "
          + (s[0] + 1) + " wide for the crop to end inside the padded image (pl=4, pr=4), the"
          + " input is " + s[0] + "x" + s[1] + " (WxH)", anySize.unfit(s[0], s[1]));
    }
    OpTemplate cifarAnySize = OpTemplate.parse(CIFAR_CROP.replace("h=32", "h=H")
        .replace("w=32", "w=W"));
    for (int[] s : new int[][] {{28, 28}, {32, 32}, {40, 56}, {5, 5}}) {
      assertNull(cifarAnySize.unfit(s[0], s[1]), s[0] + "x" + s[1]);
    }
    assertEquals("pad_crop(pl=4,pt=4,pr=4,pb=4,mode=reflect,top=randint(0,8),left=randint(0,8),"
        + "h=56,w=40,fill=0)", cifarAnySize.resolve(40, 56).spec());
  }

  @Test
  void aRelativeRecipeFailsOnlyWhereItResolvesToNothing() {
    OpTemplate rel = OpTemplate.parse(RELATIVE_SCALE);
    for (int[] s : new int[][] {{64, 64}, {32, 32}, {40, 56}, {3, 3}, {1000, 17}}) {
      assertNull(rel.unfit(s[0], s[1]), s[0] + "x" + s[1]);
    }
    assertEquals("resize_paste w=randrange(25/64*W,63/64*W) is randrange(0,1) for a 2x2 image,"
        + " reaching 0, outside the domain of resize_paste w [1, 65535]", rel.unfit(2, 2));
    assertEquals("resize_paste w=randrange(25/64*W,63/64*W) is randrange(0,0) for a 1x1 image,"
        + " an empty range", rel.unfit(1, 1));
    assertEquals("resize_paste w=randint(1/2*W,W) (randint(16,32) here) needs images at least 33"
        + " wide for ox=fit, the input is 32x32 (WxH)",
        OpTemplate.parse("resize_paste(w=randint(1/2*W, W), h=10)").unfit(32, 32));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rel.sample(new Rng(1), 1, 1));
    assertEquals("resize_paste w=randrange(25/64*W,63/64*W) is randrange(0,0) for a 1x1 image,"
        + " an empty range", e.getMessage());
  }

  private static Map<String, Setting> set(String... kv) {
    Map<String, Setting> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], new Setting(kv[i + 1], "--set " + kv[i]));
    }
    return m;
  }

  @Test
  void theConfigRefusesARecipeThatDoesNotFitNamingKeyValueAndSize() {
    PreaugConfig builtIn = PreaugConfig.resolve();
    for (int[] s : new int[][] {{64, 64}, {32, 32}, {28, 28}, {40, 56}, {96, 96}}) {
      builtIn.requireRecipeFits(s[0], s[1]);
      assertNull(builtIn.recipe().unfit(s[0], s[1]));
    }
    PreaugConfig seed = PreaugConfig.resolve(List.of(set("recipe.geometry.scale", SEED_SCALE)));
    seed.requireRecipeFits(64, 64);
    assertEquals("recipe.geometry.scale: resize_paste w=randrange(25,63) needs images at least 63"
        + " wide for ox=fit, the input is 32x32 (WxH)", seed.recipe().unfit(32, 32));
    BadInputException e = assertThrows(BadInputException.class,
        () -> seed.requireRecipeFits(32, 32));
    assertEquals(BadInputException.Kind.CONFIG, e.kind());
    assertEquals("--set recipe.geometry.scale: recipe.geometry.scale: resize_paste"
        + " w=randrange(25,63) needs images at least 63 wide for ox=fit, the input is 32x32"
        + " (WxH)", e.getMessage());
    PreaugConfig crop = PreaugConfig.resolve(List.of(set("recipe.steps", "crop",
        "recipe.crop.choices", "cifar", "recipe.crop.cifar", CIFAR_CROP)));
    assertEquals("recipe.crop.cifar: pad_crop w=32 needs images exactly 32 wide (a recipe's ops"
        + " keep the image size; w=W always fits), the input is 28x28 (WxH)",
        crop.recipe().unfit(28, 28));
    assertNull(crop.recipe().unfit(32, 32));
  }
}
