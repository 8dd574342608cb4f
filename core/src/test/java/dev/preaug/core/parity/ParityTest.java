package dev.preaug.core.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.parity.CaseResult.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parity tool over the real golden set (made by Pillow 9.4.0) and broken copies of it. */
class ParityTest {
  @TempDir
  Path tmp;

  static Path goldenDir() {
    try {
      return Path.of(ParityTest.class.getClassLoader().getResource("golden/manifest.json")
          .toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A writable copy of the golden set. */
  private Path copyOfGolden() throws IOException {
    Path src = goldenDir();
    Path dst = tmp.resolve("golden");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return dst;
  }

  private static ParityReport run(Path manifest, Path out, boolean flat) throws IOException {
    return new Parity(ParityManifest.read(manifest), out, flat).run();
  }

  @Test
  void everyGoldenCaseIsExactAndWrittenAsNumpyWritesIt() throws IOException {
    Path golden = goldenDir();
    Path out = tmp.resolve("out");
    ParityReport r = run(golden.resolve("manifest.json"), out, false);
    assertEquals(236, r.results().size());
    assertEquals(236, r.count(Status.EXACT));
    assertTrue(r.passed());
    assertEquals("236 exact, 0 within 1, 0 worse", r.summary());
    List<String> lines = r.lines();
    assertEquals(r.summary(), lines.get(lines.size() - 1));
    assertEquals("op              cases  exact  within 1  worse  max abs diff", lines.get(0));
    assertTrue(lines.contains("rotate             60     60         0      0             0"),
        lines.toString());
    assertTrue(lines.contains("chain               8      8         0      0             0"),
        lines.toString());
    assertTrue(lines.contains("all               236    236         0      0             0"),
        lines.toString());
    for (CaseResult c : r.results()) {
      String rel = c.parityCase().output();
      // Same pixels and the same header bytes as numpy's np.save of the expected array.
      assertArrayEquals(Files.readAllBytes(golden.resolve(rel)),
          Files.readAllBytes(out.resolve(rel)), rel);
    }
  }

  @Test
  void alteredExpectedOutputsAreCountedAndTheFirstDifferingPixelNamed() throws IOException {
    Path golden = copyOfGolden();
    Path rotate = golden.resolve("out/rotate__glyph_grid__003.npy");
    byte[] b = Files.readAllBytes(rotate);
    int offset = b.length - 64 * 64;
    b[offset + 7 * 64 + 5] ^= 1; // x=5, y=7 off by one
    Files.write(rotate, b);
    Path smooth = golden.resolve("out/smooth__noise_binary__001.npy");
    b = Files.readAllBytes(smooth);
    int v1 = b[offset + 3] & 0xFF;
    int v2 = b[offset + 64 * 2 + 9] & 0xFF;
    b[offset + 3] = (byte) (v1 ^ 0x80); // x=3, y=0 off by 128
    b[offset + 64 * 2 + 9] = (byte) (v2 ^ 0x10);
    Files.write(smooth, b);

    ParityReport r = run(golden.resolve("manifest.json"), tmp.resolve("out"), false);
    assertFalse(r.passed());
    assertEquals("234 exact, 1 within 1, 1 worse", r.summary());
    List<String> lines = r.lines();
    String within = lines.stream().filter(l -> l.startsWith("rotate__glyph_grid__003:"))
        .findFirst().orElseThrow();
    assertTrue(within.startsWith("rotate__glyph_grid__003: within 1: 1 of 4096 pixels differ,"
        + " max |diff| 1; first at x=5, y=7: expected "), within);
    String worse = lines.stream().filter(l -> l.startsWith("smooth__noise_binary__001:"))
        .findFirst().orElseThrow();
    assertEquals("smooth__noise_binary__001: worse: 2 of 4096 pixels differ, max |diff| 128;"
        + " first at x=3, y=0: expected " + (v1 ^ 0x80) + ", got " + v1
        + "  [smooth on in/noise_binary.npy]", worse);
    assertTrue(lines.contains("smooth              6      5         0      1           128"),
        lines.toString());
    assertTrue(lines.contains("rotate             60     59         1      0             1"),
        lines.toString());
  }

  @Test
  void casesWithoutAnExpectedFileAreWrittenButNotCompared() throws IOException {
    Path golden = copyOfGolden();
    Files.delete(golden.resolve("out/sine__glyph_grid__002.npy"));
    Path out = tmp.resolve("out");
    ParityReport r = run(golden.resolve("manifest.json"), out, false);
    assertEquals(1, r.count(Status.NOT_COMPARED));
    assertEquals("235 exact, 0 within 1, 0 worse", r.summary());
    assertTrue(r.passed());
    assertTrue(r.lines().contains("1 case(s) had no expected output: written, not compared"));
    assertTrue(Files.isRegularFile(out.resolve("out/sine__glyph_grid__002.npy")));
  }

  @Test
  void aDifferentlyShapedExpectedOutputIsWorse() throws IOException {
    Path golden = copyOfGolden();
    Path sharpen = golden.resolve("out/sharpen__glyph_grid__001.npy");
    byte[] b = Files.readAllBytes(sharpen);
    byte[] header = dev.preaug.core.npy.NpyHeader.of(dev.preaug.core.npy.NpyDtype.UINT8, 32, 128)
        .encode();
    System.arraycopy(header, 0, b, 0, header.length);
    Files.write(sharpen, b);
    ParityReport r = run(golden.resolve("manifest.json"), tmp.resolve("out"), false);
    assertEquals("235 exact, 0 within 1, 1 worse", r.summary());
    assertTrue(r.lines().contains("sharpen__glyph_grid__001: worse: shape (64, 64) differs from"
        + " the expected (32, 128)  [sharpen on in/glyph_grid.npy]"), r.lines().toString());
  }

  @Test
  void flatWritesBasenamesAndRefusesCollisions() throws IOException {
    Path out = tmp.resolve("flat");
    ParityReport r = run(goldenDir().resolve("manifest.json"), out, true);
    assertEquals(236, r.count(Status.EXACT));
    assertTrue(Files.isRegularFile(out.resolve("rotate__glyph_grid__003.npy")));
    assertFalse(Files.exists(out.resolve("out")));

    Path golden = copyOfGolden();
    Path m = manifest(golden, "[" + caseJson("a", "sharpen", "{}", "in/glyph_grid.npy",
        "out/x/same.npy") + "," + caseJson("b", "smooth", "{}", "in/glyph_grid.npy",
        "out/y/same.npy") + "]");
    assertEquals(2, run(m, tmp.resolve("nested"), false).results().size());
    BadInputException e = assertThrows(BadInputException.class,
        () -> run(m, tmp.resolve("flat2"), true));
    assertEquals(m + ": case 'b': field 'output': basename of 'out/y/same.npy' is also the"
        + " basename of case 'a''s output (--flat needs distinct basenames)", e.getMessage());
  }

  @Test
  void refusesToWriteOverTheExpectedOutputs() throws IOException {
    Path golden = copyOfGolden();
    BadInputException e = assertThrows(BadInputException.class,
        () -> run(golden.resolve("manifest.json"), golden, false));
    assertTrue(e.getMessage().startsWith("--out " + golden + ": would overwrite "
        + golden.resolve("out/rotate__glyph_strokes_a__001.npy")), e.getMessage());
    byte[] original = Files.readAllBytes(goldenDir().resolve(
        "out/rotate__glyph_strokes_a__001.npy"));
    assertArrayEquals(original, Files.readAllBytes(golden.resolve(
        "out/rotate__glyph_strokes_a__001.npy")));
  }

  @Test
  void anOutputPathThatIsAFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    BadInputException e = assertThrows(BadInputException.class,
        () -> run(goldenDir().resolve("manifest.json"), file, false));
    assertEquals("--out " + file + ": is a file, not a directory", e.getMessage());
  }

  private static String caseJson(String id, String op, String params, String input,
      String output) {
    return "{\"id\": \"" + id + "\", \"op\": \"" + op + "\", \"params\": " + params
        + ", \"input\": \"" + input + "\", \"output\": \"" + output + "\"}";
  }

  private Path manifest(Path dir, String cases) throws IOException {
    return Files.writeString(dir.resolve("m-" + Math.abs(cases.hashCode()) + ".json"),
        "{\"set\": \"test\", \"cases\": " + cases + "}");
  }

  /** A one-case manifest whose case has the given JSON fields, and the error it must give. */
  private void assertMalformed(String caseFields, String expected) throws IOException {
    Path m = manifest(tmp, "[{" + caseFields + "}]");
    BadInputException e = assertThrows(BadInputException.class, () -> ParityManifest.read(m));
    assertEquals(m + ": " + expected, e.getMessage());
  }

  private static String fields(String op, String params) {
    return "\"id\": \"c1\", \"op\": \"" + op + "\", \"params\": " + params
        + ", \"input\": \"in/a.npy\", \"output\": \"out/c1.npy\"";
  }

  @Test
  void malformedCasesNameTheCaseAndTheField() throws IOException {
    assertMalformed(fields("rotate", "{\"angel\": 3}"),
        "case 'c1': field 'params.angel': unknown parameter of rotate (expected angle,"
            + " interpolation, fill)");
    assertMalformed(fields("rotate", "{}"), "case 'c1': field 'params.angle': missing");
    assertMalformed(fields("rotate", "{\"angle\": \"12\"}"),
        "case 'c1': field 'params.angle': expected a number, got \"12\"");
    assertMalformed(fields("shear", "{\"x\": 0.1, \"y\": 0}"),
        "case 'c1': field 'params.x': unknown parameter of shear (expected x_shear, y_shear)");
    assertMalformed(fields("sine", "{\"factor\": 0.1}"),
        "case 'c1': field 'params.factor': unknown parameter of sine (expected f)");
    assertMalformed(fields("resize_paste", "{\"w\": 25.5, \"h\": 4, \"ox\": 0, \"oy\": 0}"),
        "case 'c1': field 'params.w': expected an integer, got 25.5");
    assertMalformed(fields("resize_paste", "{\"w\": 0, \"h\": 4, \"ox\": 0, \"oy\": 0}"),
        "case 'c1': field 'params': resize_paste w must be an integer >= 1, got 0");
    assertMalformed(fields("gaussian_blur", "{\"radius\": -1}"),
        "case 'c1': field 'params': gaussian_blur radius must be a number in [0, 1000000],"
            + " got -1");
    assertMalformed(fields("sharpen", "{\"radius\": 1}"),
        "case 'c1': field 'params.radius': unknown parameter of sharpen (sharpen takes none)");
    assertMalformed(fields("sharpen", "[]"), "case 'c1': field 'params': expected an object,"
        + " got []");
    assertMalformed(fields("blur", "{}"), "case 'c1': field 'op': unknown op 'blur' (expected"
        + " one of rotate, shear, resize_paste, sine, gaussian_blur, sharpen, smooth, chain,"
        + " hflip, vflip, invert, posterize, solarize, autocontrast, equalize, brightness,"
        + " contrast, sharpness, saturation, hue, pad_crop, affine, resized_crop, grayscale)");
    assertMalformed(fields("chain", "{\"steps\": []}"), "case 'c1': field 'params.steps':"
        + " expected a non-empty array of {\"op\", \"params\"} steps, got []");
    assertMalformed(fields("chain", "{\"steps\": [{\"op\": \"rotate\", \"params\": {\"angle\":"
        + " 1}}, {\"op\": \"gaussian_blur\", \"params\": {\"r\": 1}}]}"),
        "case 'c1': field 'params.steps[1].params.r': unknown parameter of gaussian_blur"
            + " (expected radius)");
    assertMalformed(fields("chain", "{\"steps\": [{\"params\": {}}]}"),
        "case 'c1': field 'params.steps[0].op': expected a non-empty string, got nothing");
    assertMalformed(fields("chain", "{\"steps\": [{\"op\": \"chain\", \"params\": {}}]}"),
        "case 'c1': field 'params.steps[0].op': a chain step must be a single op, not a chain");
    assertMalformed("\"op\": \"smooth\", \"input\": \"a.npy\", \"output\": \"b.npy\"",
        "case #0: field 'id': expected a non-empty string, got nothing");
    assertMalformed("\"id\": \"c1\", \"op\": \"smooth\", \"output\": \"b.npy\"",
        "case 'c1': field 'input': expected a non-empty string, got nothing");
    assertMalformed("\"id\": \"c1\", \"op\": \"smooth\", \"input\": \"a.npy\", \"output\":"
        + " \"../b.npy\"", "case 'c1': field 'output': must be a relative path inside the output"
        + " directory, got '../b.npy'");
    assertMalformed("\"id\": \"c1\", \"op\": \"smooth\", \"input\": \"a.npy\", \"output\":"
        + " \"/tmp/b.npy\"", "case 'c1': field 'output': must be a relative path inside the"
        + " output directory, got '/tmp/b.npy'");
  }

  @Test
  void malformedManifestsAreOneLine() throws IOException {
    Path notJson = Files.writeString(tmp.resolve("bad.json"), "{\"cases\": [ {\"id\": }");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ParityManifest.read(notJson));
    assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(notJson.toString())
        + ": line 1, column \\d+: not valid JSON: Unexpected character .*"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());

    Path noCases = Files.writeString(tmp.resolve("nocases.json"), "{\"set\": \"x\"}");
    assertEquals(noCases + ": field 'cases': expected an array of cases",
        assertThrows(BadInputException.class, () -> ParityManifest.read(noCases)).getMessage());

    Path dup = manifest(tmp, "[" + caseJson("a", "smooth", "{}", "i.npy", "o1.npy") + ","
        + caseJson("a", "smooth", "{}", "i.npy", "o2.npy") + "]");
    assertEquals(dup + ": case 'a' (#1): field 'id': duplicates the id of case #0",
        assertThrows(BadInputException.class, () -> ParityManifest.read(dup)).getMessage());

    Path sameOut = manifest(tmp, "[" + caseJson("a", "smooth", "{}", "i.npy", "o.npy") + ","
        + caseJson("b", "smooth", "{}", "i.npy", "./o.npy") + "]");
    assertEquals(sameOut + ": case 'b': field 'output': './o.npy' is also the output of case"
        + " 'a'", assertThrows(BadInputException.class, () -> ParityManifest.read(sameOut))
        .getMessage());

    Path missing = tmp.resolve("absent.json");
    assertEquals(missing + ": no such file",
        assertThrows(BadInputException.class, () -> ParityManifest.read(missing)).getMessage());
  }

  @Test
  void unreadableOrMisshapenInputsNameTheFileAndWriteNothing() throws IOException {
    Path golden = copyOfGolden();
    Path m = manifest(golden, "[" + caseJson("ok", "smooth", "{}", "in/glyph_grid.npy",
        "out/ok.npy") + "," + caseJson("bad", "smooth", "{}", "in/missing.npy", "out/bad.npy")
        + "]");
    Path out = tmp.resolve("out");
    BadInputException e = assertThrows(BadInputException.class, () -> run(m, out, false));
    assertEquals(golden.resolve("in/missing.npy") + ": no such file (input of case 'bad')",
        e.getMessage());
    assertFalse(Files.exists(out.resolve("out/ok.npy")), "nothing written before the check");

    Path three = golden.resolve("in/three.npy");
    byte[] g = Files.readAllBytes(golden.resolve("in/glyph_grid.npy"));
    byte[] h = dev.preaug.core.npy.NpyHeader.of(dev.preaug.core.npy.NpyDtype.UINT8, 1, 64, 64)
        .encode();
    byte[] all = new byte[h.length + 4096];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(g, g.length - 4096, all, h.length, 4096);
    Files.write(three, all);
    Path m3 = manifest(golden, "[" + caseJson("3d", "smooth", "{}", "in/three.npy",
        "out/3d.npy") + "]");
    assertEquals(three + ": header: shape (1, 64, 64) is not a single image [H,W] (mode L) or"
        + " [H,W,3] (mode RGB) (input of case '3d')", assertThrows(BadInputException.class, () -> run(m3, out, false))
        .getMessage());

    Path expected = golden.resolve("out/smooth__glyph_grid__001.npy");
    Files.writeString(expected, "garbage, certainly not numpy");
    Path me = manifest(golden, "[" + caseJson("exp", "smooth", "{}", "in/glyph_grid.npy",
        "out/smooth__glyph_grid__001.npy") + "]");
    assertEquals(expected + ": byte 0: not an NPY file (missing the \\x93NUMPY magic)",
        assertThrows(BadInputException.class, () -> run(me, out, false)).getMessage());
  }

  @Test
  void aChainOfOneStepEqualsTheBareOp() throws IOException {
    Path golden = copyOfGolden();
    Path m = manifest(golden, "[" + caseJson("one", "chain", "{\"steps\": [{\"op\": \"sine\","
        + " \"params\": {\"f\": 0.15}}]}", "in/glyph_strokes_a.npy",
        "out/sine__glyph_strokes_a__001.npy") + "]");
    ParityManifest pm = ParityManifest.read(m);
    assertEquals("sine(0.15)", pm.cases().get(0).op().spec());
    assertEquals("1 exact, 0 within 1, 0 worse", run(m, tmp.resolve("o"), false).summary());
  }
}
