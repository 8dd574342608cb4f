package dev.preaug.core.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.ResizePaste;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Sharpen;
import dev.preaug.core.ops.Shear;
import dev.preaug.core.ops.Sine;
import dev.preaug.core.ops.Smooth;
import org.junit.jupiter.api.Test;

class OpTemplateTest {
  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> OpTemplate.parse(text))
        .getMessage();
  }

  private static void assertSpec(String canonical, String text) {
    OpTemplate t = OpTemplate.parse(text);
    assertEquals(canonical, t.spec(), text);
    assertEquals(canonical, t.toString());
    assertEquals(t, OpTemplate.parse(t.spec()));
    assertEquals(t.hashCode(), OpTemplate.parse(t.spec()).hashCode());
  }

  /**
   * Optional trailing parameters (affine's centre) are drawn when the template names them and left
   * out of the op otherwise; naming only part of the group is an error naming the missing one.
   */
  @Test
  void optionalParametersAreDrawnOnlyWhenNamed() {
    String base = "affine(angle=0,tx=0,ty=0,scale=1,shx=uniform(-16,16),shy=0,"
        + "interpolation=nearest,fill=0";
    Op about = OpTemplate.parse(base + ",cx=0,cy=0)").sample(Rng.forRecord(1, 2, 3, 4), 32, 32);
    assertTrue(about.spec().startsWith("affine(0,0,0,1,") && about.spec().endsWith(
        ",0,nearest,0,0,0)"), about.spec());
    Op image = OpTemplate.parse(base + ")").sample(Rng.forRecord(1, 2, 3, 4), 32, 32);
    assertTrue(image.spec().endsWith(",0,nearest,0)"), image.spec());
    assertEquals(base + ",cx=0,cy=0)", OpTemplate.parse(base + ",cx=0,cy=0)").spec());
    assertTrue(error(base + ",cx=3)").contains("missing parameter 'cy'"), error(base + ",cx=3)"));
  }

  @Test
  void canonicalSpecs() {
    assertSpec("rotate(angle=uniform(-15,15))", "rotate(angle=uniform(-15, 15))");
    assertSpec("rotate(angle=5)", " rotate ( angle = 5.0 ) ");
    assertSpec("shear(x=uniform(-0.2,0.2),y=uniform(-0.2,0.2))",
        "shear(x=uniform(-0.2, 0.2), y=uniform(-0.2, 0.2))");
    assertSpec("shear(x=2,y=1)", "shear(y=1, x=2)");
    assertSpec("resize_paste(w=randrange(25,63),h=randrange(25,63),ox=fit,oy=fit)",
        "resize_paste(w=randrange(25, 63), h=randrange(25, 63), ox=fit, oy=fit)");
    assertSpec("resize_paste(w=30,h=40,ox=fit,oy=fit)", "resize_paste(w=30, h=40)");
    assertSpec("resize_paste(w=30,h=40,ox=center,oy=-3)",
        "resize_paste(w=30, h=40, ox=center, oy=-3)");
    assertSpec("sine(factor=signed_uniform(0.15,0.2))", "sine(factor=signed_uniform(0.15, 0.2))");
    assertSpec("gaussian_blur(radius=uniform(0.5,1.2))", "gaussian_blur(radius=uniform(0.5, 1.2))");
    assertSpec("gaussian_blur(radius=choice(0.5,1))", "gaussian_blur(radius=choice(0.5, 1))");
    assertSpec("sharpen", "sharpen");
    assertSpec("sharpen", "sharpen()");
    assertSpec("smooth", " smooth ");
    assertNotEquals(OpTemplate.parse("rotate(angle=1)"), OpTemplate.parse("rotate(angle=2)"));
    assertNotEquals(OpTemplate.parse("sharpen"), "sharpen");
  }

  @Test
  void opNameAndParams() {
    OpTemplate t = OpTemplate.parse("resize_paste(w=randrange(25, 63), h=30)");
    assertEquals("resize_paste", t.opName());
    assertEquals(Dist.parse("randrange(25,63)"), t.param("w"));
    assertEquals(Dist.parse("30"), t.param("h"));
    assertEquals(Dist.parse("fit"), t.param("oy"));
    assertEquals("resize_paste has no parameter angle (has w, h, ox, oy)",
        assertThrows(IllegalArgumentException.class, () -> t.param("angle")).getMessage());
    assertEquals("sharpen has no parameter x (has none)", assertThrows(
        IllegalArgumentException.class, () -> OpTemplate.parse("sharpen").param("x"))
        .getMessage());
  }

  @Test
  void structuralErrors() {
    assertEquals("unknown op 'blur' in 'blur(radius=1)': expected one of rotate, shear,"
        + " resize_paste, sine, gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale", error("blur(radius=1)"));
    assertEquals("unknown op '' in '': expected one of rotate, shear, resize_paste, sine,"
        + " gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale", error("  "));
    assertEquals("unknown op 'rotate angle=1' in 'rotate angle=1': expected one of rotate, shear,"
        + " resize_paste, sine, gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale", error("rotate angle=1"));
    assertEquals("'rotate(angle=1': missing ')' at the end", error("rotate(angle=1"));
    assertEquals("'rotate(5)': parameter '5' must be written name=value (parameters of rotate:"
        + " angle[, interpolation, fill])", error("rotate(5)"));
    assertEquals("'rotate(angle=1, angle=2)': parameter 'angle' given twice",
        error("rotate(angle=1, angle=2)"));
    assertEquals("'rotate()': missing parameter 'angle' (parameters of rotate: angle[,"
        + " interpolation, fill])",
        error("rotate()"));
    assertEquals("'shear(x=0.1)': missing parameter 'y' (parameters of shear: x, y)",
        error("shear(x=0.1)"));
    assertEquals("'resize_paste(h=3)': missing parameter 'w' (parameters of resize_paste: w, h,"
        + " ox, oy)", error("resize_paste(h=3)"));
    assertEquals("'rotate(angle=1, speed=2)': unknown parameter 'speed' for rotate (parameters:"
        + " angle[, interpolation, fill])", error("rotate(angle=1, speed=2)"));
    assertEquals("'sharpen(x=1)': unknown parameter 'x' for sharpen (parameters: none)",
        error("sharpen(x=1)"));
  }

  @Test
  void distributionErrorsPassThrough() {
    assertEquals("uniform(2,1) has an inverted range (low 2 > high 1)",
        error("rotate(angle=uniform(2,1))"));
    assertEquals("'x' in 'x' is not a finite number", error("rotate(angle=x)"));
  }

  @Test
  void offsetRulesOnlyForPasteOffsets() {
    assertEquals("'rotate(angle=fit)': fit is only allowed for the paste offsets ox and oy",
        error("rotate(angle=fit)"));
    assertEquals("'resize_paste(w=center, h=3)': center is only allowed for the paste offsets ox"
        + " and oy", error("resize_paste(w=center, h=3)"));
    assertEquals("'gaussian_blur(radius=fit)': fit is only allowed for the paste offsets ox and"
        + " oy", error("gaussian_blur(radius=fit)"));
  }

  @Test
  void integerParametersNeedIntegerDistributions() {
    assertEquals("'resize_paste(w=uniform(1,5), h=3)': w = uniform(1,5) must give integers (use a"
        + " number, randrange, randint or choice of integers)",
        error("resize_paste(w=uniform(1,5), h=3)"));
    assertEquals("'resize_paste(w=3, h=2.5)': h = 2.5 must give integers (use a number,"
        + " randrange, randint or choice of integers)", error("resize_paste(w=3, h=2.5)"));
    assertEquals("'resize_paste(w=3, h=3, ox=choice(1, 2.5))': ox = choice(1,2.5) must give"
        + " integers (use a number, randrange, randint or choice of integers)",
        error("resize_paste(w=3, h=3, ox=choice(1, 2.5))"));
    assertEquals("'resize_paste(w=3, h=3, oy=signed_uniform(1,2))': oy = signed_uniform(1,2) must"
        + " give integers (use a number, randrange, randint or choice of integers)",
        error("resize_paste(w=3, h=3, oy=signed_uniform(1,2))"));
  }

  @Test
  void parametersMustStayInTheirDomain() {
    assertEquals("'gaussian_blur(radius=uniform(-1,2))': radius = uniform(-1,2) reaches -1,"
        + " outside the domain of gaussian_blur radius [0, 1000]",
        error("gaussian_blur(radius=uniform(-1,2))"));
    assertEquals("'gaussian_blur(radius=1001)': radius = 1001 reaches 1001, outside the domain of"
        + " gaussian_blur radius [0, 1000]", error("gaussian_blur(radius=1001)"));
    assertEquals("'resize_paste(w=0, h=3)': w = 0 reaches 0, outside the domain of resize_paste w"
        + " [1, 65535]", error("resize_paste(w=0, h=3)"));
    assertEquals("'resize_paste(w=randint(1, 65536), h=3)': w = randint(1,65536) reaches 65536,"
        + " outside the domain of resize_paste w [1, 65535]",
        error("resize_paste(w=randint(1, 65536), h=3)"));
    assertEquals("'shear(x=11, y=0)': x = 11 reaches 11, outside the domain of shear x [-10, 10]",
        error("shear(x=11, y=0)"));
    assertEquals("'sine(factor=signed_uniform(50, 101))': factor = signed_uniform(50,101) reaches"
        + " -101, outside the domain of sine factor [-100, 100]",
        error("sine(factor=signed_uniform(50, 101))"));
    assertEquals("'rotate(angle=2e6)': angle = 2000000 reaches 2000000, outside the domain of"
        + " rotate angle [-1000000, 1000000]", error("rotate(angle=2e6)"));
    assertEquals("'resize_paste(w=3, h=3, ox=-70000)': ox = -70000 reaches -70000, outside the"
        + " domain of resize_paste ox [-65535, 65535]", error("resize_paste(w=3, h=3, ox=-70000)"));
    // The domain edges themselves are fine.
    OpTemplate.parse("gaussian_blur(radius=uniform(0, 1000))");
    OpTemplate.parse("shear(x=-10, y=10)");
    OpTemplate.parse("resize_paste(w=randint(1, 65535), h=1, ox=-65535, oy=65535)");
  }

  @Test
  void samplingDrawsParametersInDeclaredOrder() {
    for (int i = 0; i < 200; i++) {
      Rng r = Rng.forRecord(9, 0, i, 1);
      Rng t = Rng.forRecord(9, 0, i, 1);
      Rotate rot = (Rotate) OpTemplate.parse("rotate(angle=uniform(-15,15))").sample(r, 64, 64);
      assertEquals(t.uniform(-15, 15), rot.angle());
      Shear sh = (Shear) OpTemplate.parse("shear(y=uniform(-0.2,0.2), x=uniform(-0.1,0.1))")
          .sample(r, 64, 64);
      assertEquals(t.uniform(-0.1, 0.1), sh.xShear(), "x is drawn first whatever the text order");
      assertEquals(t.uniform(-0.2, 0.2), sh.yShear());
      ResizePaste rp = (ResizePaste) OpTemplate.parse(
          "resize_paste(w=randrange(25,63), h=randrange(25,63), ox=fit, oy=fit)")
          .sample(r, 64, 48);
      long w = t.randrange(25, 63);
      long h = t.randrange(25, 63);
      assertEquals(w, rp.w());
      assertEquals(h, rp.h());
      assertEquals(t.randrange(0, 64 - w), rp.ox(), "ox against the canvas width");
      assertEquals(Math.max(0, 48 - h) == 0 ? 0 : t.randrange(0, 48 - h), rp.oy(),
          "oy against the canvas height");
      Sine s = (Sine) OpTemplate.parse("sine(factor=signed_uniform(0.15,0.2))").sample(r, 64, 64);
      boolean neg = t.nextBoolean();
      double mag = t.uniform(0.15, 0.2);
      assertEquals(neg ? -mag : mag, s.factor());
      GaussianBlur g = (GaussianBlur) OpTemplate.parse("gaussian_blur(radius=uniform(0.5,1.2))")
          .sample(r, 64, 64);
      assertEquals(t.uniform(0.5, 1.2), g.radius());
      assertEquals(t.nextLong(), r.nextLong(), "streams stay in step");
    }
  }

  @Test
  void parameterlessOpsDrawNothing() {
    Rng r = new Rng(10);
    Op sharpen = OpTemplate.parse("sharpen").sample(r, 64, 64);
    Op smooth = OpTemplate.parse("smooth").sample(r, 64, 64);
    assertTrue(sharpen instanceof Sharpen);
    assertTrue(smooth instanceof Smooth);
    assertEquals("sharpen", sharpen.spec());
    assertEquals("smooth", smooth.spec());
    assertEquals(new Rng(10).nextLong(), r.nextLong());
    OpTemplate t = OpTemplate.parse("sharpen");
    assertSame(t.sample(r, 1, 1), t.sample(r, 1, 1));
  }

  @Test
  void centeredPaste() {
    ResizePaste rp = (ResizePaste) OpTemplate.parse("resize_paste(w=25, h=26, ox=center,"
        + " oy=center)").sample(new Rng(1), 64, 64);
    assertEquals(20, rp.ox());
    assertEquals(19, rp.oy());
  }
}
