package dev.preaug.cli;

import dev.preaug.spark.Python;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.Float16;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./submit.sh apply} end to end. */
class ApplyIT {
  @TempDir
  Path tmp;

  private Path npy(String name, NpyDtype t, long[] shape, byte[] data) throws IOException {
    byte[] h = NpyHeader.of(t, shape).encode();
    byte[] all = Arrays.copyOf(h, h.length + data.length);
    System.arraycopy(data, 0, all, h.length, data.length);
    return Files.write(tmp.resolve(name), all);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private CliRunner.Result apply(String ops, Path in, String out) throws Exception {
    return CliRunner.run(tmp, "apply", "--ops", ops, "--in", in.toString(), "--out", out);
  }

  @Test
  void everyImageOfEveryShapeGetsTheChainAndNumpyLoadsTheResult() throws Exception {
    String spec = "rotate(12)|smooth";
    Path[] ins = {
        npy("hw.npy", NpyDtype.UINT8, new long[] {40, 50}, random(2000)),
        npy("nhw.npy", NpyDtype.UINT8, new long[] {3, 40, 50}, random(6000)),
        npy("nhw1.npy", NpyDtype.UINT8, new long[] {2, 40, 50, 1}, random(4000)),
    };
    String[] shapes = {"(40, 50)", "(3, 40, 50)", "(2, 40, 50, 1)"};
    for (int i = 0; i < ins.length; i++) {
      String out = "out-" + ins[i].getFileName();
      CliRunner.Result r = apply(spec, ins[i], out);
      assertEquals(0, r.exit, r.toString());
      assertTrue(r.out.startsWith("applied rotate(12)|smooth to "), r.out);
      ImageArray expected = ImageArray.read(ins[i], false).map(OpSpecs.parse(spec));
      assertArrayEquals(expected.toNpy(), Files.readAllBytes(tmp.resolve(out)));
      String py = Python.runCode("import sys, numpy as np; a = np.load(sys.argv[1]);"
          + " print(a.dtype, a.shape)", tmp.resolve(out).toString());
      assertEquals("uint8 " + shapes[i], py.strip());
    }
  }

  @Test
  void float16InputIsConvertedAsTheSeedDoesAndWrittenAsUint8() throws Exception {
    byte[] halves = new byte[2 * 2 * 8 * 8];
    Random rnd = new Random(3);
    for (int i = 0; i < halves.length / 2; i++) {
      int bits = Float16.toHalfBits(rnd.nextFloat()) & 0xFFFF;
      halves[2 * i] = (byte) bits;
      halves[2 * i + 1] = (byte) (bits >>> 8);
    }
    Path in = npy("f16.npy", NpyDtype.FLOAT16, new long[] {2, 8, 8}, halves);
    CliRunner.Result r = apply("identity", in, "f16-out.npy");
    assertEquals(0, r.exit, r.toString());
    String py = Python.runCode("import sys, numpy as np; a = np.load(sys.argv[1]);"
        + " b = np.load(sys.argv[2]); assert b.dtype == np.uint8;"
        + " print(int((np.uint8(a * 255) == b).all()), b.shape)", in.toString(),
        tmp.resolve("f16-out.npy").toString());
    assertEquals("1 (2, 8, 8)", py.strip(), "numpy's own np.uint8(x * 255) agrees");
  }

  @Test
  void theCliMatchesPillowOnAGoldenChain() throws Exception {
    Path golden = TestData.repoRoot().resolve("core/src/test/resources/golden");
    CliRunner.Result r = apply("rotate(9.3)|gaussian_blur(0.8)",
        golden.resolve("in/glyph_strokes_a.npy"), "chain.npy");
    assertEquals(0, r.exit, r.toString());
    assertArrayEquals(Files.readAllBytes(golden.resolve("out/chain__glyph_strokes_a__001.npy")),
        Files.readAllBytes(tmp.resolve("chain.npy")));
  }

  @Test
  void badSpecsAreOneLineNamingTheSpecAndTheRule() throws Exception {
    Path in = npy("spec.npy", NpyDtype.UINT8, new long[] {8, 8}, random(64));
    CliRunner.Result r = apply("rotate(12|smooth", in, "never.npy");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: --ops 'rotate(12|smooth': malformed op 'rotate(12':"
        + " expected name or name(arg,arg,...) with decimal arguments (in 'rotate(12|smooth')"),
        r.errorLines());
    r = apply("shear(0.1)", in, "never.npy");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: --ops 'shear(0.1)': 'shear(0.1)': expected 2 arguments"
        + " (x,y), got 1"), r.errorLines());
    assertFalse(Files.exists(tmp.resolve("never.npy")));
  }

  @Test
  void otherArraysAreOneLineNamingTheFileAndTheRule() throws Exception {
    Path i32 = npy("i32.npy", NpyDtype.INT32, new long[] {2, 4, 4}, new byte[128]);
    Path rgb = npy("rgba.npy", NpyDtype.UINT8, new long[] {2, 4, 4, 4}, new byte[128]);
    byte[] over = new byte[2 * 16];
    over[2 * 5 + 1] = (byte) 0x3E; // 1.5 at pixel 5
    Path f16 = npy("over.npy", NpyDtype.FLOAT16, new long[] {4, 4}, over);
    String[][] cases = {
        {i32.toString(), i32 + ": header: dtype <i4 is not supported (expected uint8 |u1 or"
            + " float16 <f2 in [0, 1])"},
        {rgb.toString(), rgb + ": header: shape (2, 4, 4, 4) is not an image array [H,W],"
            + " [N,H,W], [N,H,W,1] or [N,H,W,3]"},
        {f16.toString(), f16 + ": pixel 5 (byte 138): float16 value 1.5 is outside [0, 1]"
            + " (float16 images must hold values in [0, 1]; uint8 images 0..255)"},
        {tmp.resolve("none.npy").toString(), tmp.resolve("none.npy") + ": no such file"},
    };
    for (String[] c : cases) {
      CliRunner.Result r = apply("smooth", Path.of(c[0]), "never.npy");
      assertEquals(2, r.exit, r.toString());
      assertEquals(List.of("preaug: error: " + c[1]), r.errorLines());
    }
    assertFalse(Files.exists(tmp.resolve("never.npy")));
  }
}
