package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpSpecsTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "12.0; 12", "-7.5; -7.5", "-7.312948123091345; -7.312948123091345", "0.0; 0",
      "-0.0; -0", "0.1; 0.1", "1e-3; 0.001", "0.2; 0.2", "3e7; 3E+7", "1e-7; 1E-7",
      "123456.789; 123456.789", "9999999.0; 9999999", "1.5e300; 1.5E+300", "25; 25",
      "4.9e-324; 5E-324", "1.2345e-5; 1.2345E-5", "-1e-3; -0.001", "2.5e-4; 2.5E-4", "-1e22; -1E+22"})
  void formatsCanonically(double v, String text) {
    assertEquals(text, OpSpecs.format(v));
    assertEquals(Double.doubleToRawLongBits(v),
        Double.doubleToRawLongBits(Double.parseDouble(OpSpecs.format(v))));
  }

  @Test
  void formatRefusesNonFinite() {
    assertThrows(IllegalArgumentException.class, () -> OpSpecs.format(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> OpSpecs.format(Double.POSITIVE_INFINITY));
  }

  @Test
  void formatRoundTripsExactlyEverywhere() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      double v = i % 32 == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextDouble(-20, 20);
      if (Double.isFinite(v)) {
        String s = OpSpecs.format(v);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(
            Double.parseDouble(s)), s);
        assertTrue(s.length() <= 24, s);
      }
    }
  }

  /**
   * In [1e-3, 1e7) format relies on Double.toString, whose algorithm changed in JDK 19. Its
   * output must be the shortest round-tripping decimal closest to v, which both algorithms give
   * there, so the spec text is the same whatever JDK writes it.
   */
  @Test
  void plainRangeUsesTheShortestClosestDigits() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 100_000; i++) {
      double v;
      switch (i % 4) {
        case 0: v = rnd.nextDouble(-15, 15); break;
        case 1: v = rnd.nextDouble(-0.2, 0.2); break;
        case 2: v = rnd.nextDouble(0.5, 1.2); break;
        default: v = Math.pow(10, rnd.nextDouble(-3, 7)); break;
      }
      if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7) {
        continue;
      }
      String expected = OpSpecs.shortest(v).stripTrailingZeros().toPlainString();
      assertEquals(expected, OpSpecs.format(v), "digits of " + v);
    }
  }

  @Test
  void specsOfEveryOp() {
    assertEquals("rotate(-7.5)", new Rotate(-7.5).spec());
    assertEquals("shear(0.1,-0.2)", new Shear(0.1, -0.2).spec());
    assertEquals("resize_paste(25,40,3,-4)", new ResizePaste(25, 40, 3, -4).spec());
    assertEquals("sine(-0.183)", new Sine(-0.183).spec());
    assertEquals("gaussian_blur(0.84)", new GaussianBlur(0.84).spec());
    assertEquals("sharpen", new Sharpen().spec());
    assertEquals("smooth", Smooth.INSTANCE.spec());
    assertEquals("identity", OpChain.IDENTITY.spec());
    assertEquals("rotate(12)|gaussian_blur(1)",
        new OpChain(List.of(new Rotate(12.0), new GaussianBlur(1.0))).spec());
    assertEquals("rotate(12)", new Rotate(12).toString());
  }

  @Test
  void parsesEverySpecBack() {
    List<Op> ops = List.of(new Rotate(-7.312948123091345), new Rotate(-0.0), new Rotate(1e-300),
        new Shear(0.1, -0.2), new ResizePaste(25, 40, -3, 70), new Sine(0.15),
        new GaussianBlur(0.5), new GaussianBlur(0.0), new Sharpen(), new Smooth(),
        OpChain.IDENTITY, new OpChain(List.of(new Shear(0, 0.2), new Smooth())),
        new OpChain(List.of(new Sine(-0.2), new Rotate(3), new Sharpen())));
    for (Op op : ops) {
      Op parsed = OpSpecs.parse(op.spec());
      assertEquals(op, parsed, op.spec());
      assertEquals(op.hashCode(), parsed.hashCode(), op.spec());
      assertEquals(op.spec(), parsed.spec());
    }
  }

  @Test
  void randomParametersRoundTrip() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      Op op = RandomOps.any(rnd);
      assertEquals(op, OpSpecs.parse(op.spec()), op.spec());
    }
  }

  @Test
  void parserToleratesSpaces() {
    assertEquals(new Rotate(3), OpSpecs.parse("  rotate ( 3 ) "));
    assertEquals(new ResizePaste(25, 40, 3, 4), OpSpecs.parse("resize_paste( 25 , 40,3 ,4 )"));
    assertEquals(new OpChain(List.of(new Rotate(-1.5), new Smooth())),
        OpSpecs.parse("rotate(-1.5) | smooth"));
    assertEquals(new Sharpen(), OpSpecs.parse("sharpen()"));
    assertEquals(new ResizePaste(25, 40, 3, 4), OpSpecs.parse("resize_paste(25.0,4e1,3,+4)"));
    assertEquals(new Rotate(0.5), OpSpecs.parse("rotate(.5)"));
    assertEquals(new Rotate(5), OpSpecs.parse("rotate(5.)"));
  }

  @Test
  void chainsNormalise() {
    assertSame(OpChain.IDENTITY, OpSpecs.parse("identity"));
    assertEquals(new Rotate(2), OpSpecs.parse("rotate(2)"));
    assertEquals(new Rotate(2), OpSpecs.parse("identity|rotate(2)"));
    assertEquals(new Rotate(2), OpChain.of(new Rotate(2)));
    Op nested = new OpChain(List.of(new OpChain(List.of(new Rotate(1), new Smooth())),
        OpChain.IDENTITY, new Sharpen()));
    assertEquals("rotate(1)|smooth|sharpen", nested.spec());
    assertEquals(nested, OpSpecs.parse(nested.spec()));
    assertEquals(3, ((OpChain) nested).ops().size());
    assertNotEquals(new OpChain(List.of(new Rotate(1))), new Rotate(1));
  }

  @Test
  void equalityIsByExactParameterBits() {
    assertEquals(new Rotate(0.1), new Rotate(0.1));
    assertNotEquals(new Rotate(0.0), new Rotate(-0.0));
    assertNotEquals(new Rotate(0.1), new Rotate(Math.nextUp(0.1)));
    assertNotEquals(new Rotate(0.1), new Sine(0.1));
    assertNotEquals(new Shear(0.1, 0.2), new Shear(0.2, 0.1));
    assertNotEquals(new ResizePaste(1, 2, 3, 4), new ResizePaste(1, 2, 4, 3));
    assertEquals(new Sharpen(), Sharpen.INSTANCE);
    assertNotEquals(Sharpen.INSTANCE, Smooth.INSTANCE);
  }

  private static String error(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> OpSpecs.parse(spec)).getMessage();
  }

  @Test
  void errorsNameTheTextAndTheRule() {
    assertEquals("unknown op 'rotat' in 'rotat(3)': expected one of rotate, shear, resize_paste,"
        + " sine, gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale, identity", error("rotat(3)"));
    assertEquals("'resize_paste(25,40,3)': expected 4 arguments (w,h,ox,oy), got 3",
        error("resize_paste(25,40,3)"));
    assertEquals("resize_paste w must be an integer >= 1, got 2.5 (in 'resize_paste(2.5,4,0,0)')",
        error("resize_paste(2.5,4,0,0)"));
    assertEquals("resize_paste h must be an integer >= 1, got 0 (in 'resize_paste(2,0,0,0)')",
        error("resize_paste(2,0,0,0)"));
    assertEquals("resize_paste ox must be an integer, got 1.5 (in 'resize_paste(2,3,1.5,0)')",
        error("resize_paste(2,3,1.5,0)"));
    assertEquals("resize_paste oy must be an integer, got 3E+9 (in 'resize_paste(2,3,1,3e9)')",
        error("resize_paste(2,3,1,3e9)"));
    assertEquals("'sharpen(1)': expected no arguments, got 1", error("sharpen(1)"));
    assertEquals("'rotate': expected 1 or 3 arguments (angle[,interpolation,fill]), got 0",
        error("rotate"));
    assertEquals("bad number 'x' in 'rotate(x)': expected a decimal such as -7.5 or 1e-3",
        error("rotate(x)"));
    assertEquals("bad number 'NaN' in 'rotate(NaN)': expected a decimal such as -7.5 or 1e-3",
        error("rotate(NaN)"));
    assertEquals("bad number '' in 'shear(1,)': expected a decimal such as -7.5 or 1e-3",
        error("shear(1,)"));
    assertEquals("number '1e999' in 'sine(1e999)' is beyond the range of a double",
        error("sine(1e999)"));
    assertEquals("gaussian_blur radius must be a number in [0, 1000000], got -0.5"
        + " (in 'gaussian_blur(-0.5)')", error("gaussian_blur(-0.5)"));
    assertEquals("malformed op 'rotate(3': expected name or name(arg,arg,...) with decimal"
        + " arguments", error("rotate(3"));
    assertEquals("malformed op 'rot ate(3)': expected name or name(arg,arg,...) with decimal"
        + " arguments", error("rot ate(3)"));
    assertEquals("empty step: steps are op specs separated by single '|' (in 'rotate(3)||smooth')",
        error("rotate(3)||smooth"));
    assertEquals("unknown op 'blur' in 'blur(1)': expected one of rotate, shear, resize_paste,"
        + " sine, gaussian_blur, sharpen, smooth"
        + ", hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale, identity (in 'rotate(3)|blur(1)')",
        error("rotate(3)|blur(1)"));
    assertTrue(error("").startsWith("empty op spec ''"));
    // Optional trailing parameters come all together or not at all.
    assertEquals("'affine(0,0,0,1,0,0,nearest,0,5)': expected 8 or 10 arguments"
        + " (angle,tx,ty,scale,shx,shy,interpolation,fill[,cx,cy]), got 9",
        error("affine(0,0,0,1,0,0,nearest,0,5)"));
    assertEquals("affine cx must be a finite number, got NaN",
        assertThrows(IllegalArgumentException.class,
            () -> new Affine(0, 0, 0, 1, 0, 0, 0, Double.NaN, 0)).getMessage());
    assertEquals("affine center must be within 1e6 of the origin, got [0, 2000000] (in"
        + " 'affine(0,0,0,1,0,0,nearest,0,0,2e6)')", error("affine(0,0,0,1,0,0,nearest,0,0,2e6)"));
  }

  /**
   * torchvision's rotate: interpolation and fill are optional together, and the defaults keep the
   * seed's spec; fills are one value or r:g:b, three equal values being the one value.
   */
  @Test
  void rotateInterpolationAndFillsParseBack() {
    assertEquals("rotate(30)", OpSpecs.parse("rotate(30,nearest,0)").spec());
    assertEquals(new Rotate(30), OpSpecs.parse("rotate(30, nearest, 0)"));
    assertEquals(new Rotate(30).hashCode(), OpSpecs.parse("rotate(30,nearest,0)").hashCode());
    Op r = OpSpecs.parse("rotate(-33,bilinear,250:120:10)");
    assertEquals(new Rotate(-33, "bilinear", Fill.perBand(250, 120, 10)), r);
    assertEquals("rotate(-33,bilinear,250:120:10)", r.spec());
    assertNotEquals(new Rotate(-33), r);
    assertEquals("rotate(5,bicubic,7)", OpSpecs.parse("rotate(5,bicubic,7:7:7)").spec());
    assertEquals("rotate(90,nearest,200)", new Rotate(90, "nearest", Fill.of(200)).spec());
    for (Fill f : new Fill[] {Fill.perBand(255, 255, 254), Fill.perBand(0, 0, 1),
        Fill.perBand(1, 0, 0), Fill.of(255), Fill.perBand(9, 9, 9)}) {
      assertEquals(f, Fill.decode("rotate", f.code()), f.spec());
    }
    assertEquals(Fill.of(9), Fill.perBand(9, 9, 9));
    Op a = OpSpecs.parse("affine(-15,0,0,0.9,0,0,bicubic,250:120:10,0,0)");
    assertEquals("affine(-15,0,0,0.9,0,0,bicubic,250:120:10,0,0)", a.spec());
    assertEquals(a, OpSpecs.parse(a.spec()));
    Op p = OpSpecs.parse("pad_crop(4,4,4,4,constant,7,3,32,32,255:0:128)");
    assertEquals("pad_crop(4,4,4,4,constant,7,3,32,32,255:0:128)", p.spec());
    assertEquals(p, OpSpecs.parse(p.spec()));
    assertEquals(false, p.perBand());
    assertEquals(true, OpSpecs.parse("pad_crop(4,4,4,4,constant,7,3,32,32,9)").perBand());
  }

  @Test
  void badFillsAndInterpolationsNameTheValueAndTheRule() {
    assertEquals("bad fill '1:2' in 'rotate(3,nearest,1:2)': expected a value 0..255 or r:g:b"
        + " with three of them", error("rotate(3,nearest,1:2)"));
    assertEquals("bad fill '1:2:x' in 'pad_crop(1,1,1,1,constant,0,0,4,4,1:2:x)': expected a"
        + " value 0..255 or r:g:b with three of them",
        error("pad_crop(1,1,1,1,constant,0,0,4,4,1:2:x)"));
    assertEquals("rotate fill must be an integer in [0, 255] (or r:g:b), got 300 (in"
        + " 'rotate(3,nearest,300)')", error("rotate(3,nearest,300)"));
    assertEquals("rotate fill must be an integer in [0, 255], got 2.5 (in"
        + " 'rotate(3,nearest,2.5)')", error("rotate(3,nearest,2.5)"));
    assertEquals("bad interpolation 'lanczos' in 'rotate(3,lanczos,0)': rotate interpolation is"
        + " one of nearest, bilinear, bicubic", error("rotate(3,lanczos,0)"));
    assertEquals("affine interpolation must be one of nearest, bilinear, bicubic, got 'box'",
        assertThrows(IllegalArgumentException.class,
            () -> new Affine(0, 0, 0, 1, 0, 0, "box", Fill.BLACK)).getMessage());
    // torchvision refuses a fill whose length is not the image's band count.
    Op rgbFill = OpSpecs.parse("rotate(10,nearest,1:2:3)");
    assertEquals("rotate fill 1:2:3 has 3 values, the image has 1 band",
        assertThrows(IllegalArgumentException.class,
            () -> rgbFill.apply(dev.preaug.core.image.Image.of(4, 4, 1, new byte[16])))
            .getMessage());
  }

  /**
   * An affine about a given centre has its own spec, which parses back; without one it keeps the
   * 8-parameter spec of the image centre. Both are distinct values even where the centres agree.
   */
  @Test
  void affineCentreIsAnOptionalPairThatParsesBack() {
    Affine centred = new Affine(0, 0, 0, 1, 16.7, 0, 0, 0, 0);
    assertEquals("affine(0,0,0,1,16.7,0,nearest,0,0,0)", centred.spec());
    assertEquals(centred, OpSpecs.parse(centred.spec()));
    Affine image = new Affine(10, 1, 2, 1, 0, 0, 3);
    assertEquals("affine(10,1,2,1,0,0,nearest,3)", image.spec());
    assertEquals(image, OpSpecs.parse(image.spec()));
    Affine given = new Affine(10, 1, 2, 1, 0, 0, 3, 16, 16);
    assertEquals("affine(10,1,2,1,0,0,nearest,3,16,16)", given.spec());
    assertNotEquals(image, given);
    assertEquals(given, OpSpecs.parse(" affine(10, 1, 2, 1, 0, 0, nearest, 3, 16, 16) "));
    // On a 32x32 image the centre (16, 16) is the image's: the same matrix, bit for bit.
    assertArrayEquals(image.matrix(32, 32), given.matrix(32, 32), 0.0);
    assertNotEquals(image.matrix(32, 32)[2], new Affine(10, 1, 2, 1, 0, 0, 3, 0, 0)
        .matrix(32, 32)[2]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rotate(1)(2)", "rotate((1))", "rotate(0x10)", "rotate(1d)",
      "rotate(1,)", "sine(Infinity)", "shear(1 2)", "|", "rotate(1)|", "(1)"})
  void rejectsMalformedSpecs(String spec) {
    assertThrows(IllegalArgumentException.class, () -> OpSpecs.parse(spec));
  }

  @Test
  void constructorsRejectBadParameters() {
    assertEquals("rotate angle must be a finite number, got NaN",
        assertThrows(IllegalArgumentException.class, () -> new Rotate(Double.NaN)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Shear(0, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new Sine(Double.NEGATIVE_INFINITY));
    assertEquals("gaussian_blur radius must be a number in [0, 1000000], got -1",
        assertThrows(IllegalArgumentException.class, () -> new GaussianBlur(-1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new GaussianBlur(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new GaussianBlur(1e7));
    assertEquals("resize_paste w must be an integer >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new ResizePaste(0, 1, 0, 0))
            .getMessage());
    assertThrows(NullPointerException.class, () -> new OpChain(java.util.Arrays.asList(
        new Rotate(1), null)));
  }
}
