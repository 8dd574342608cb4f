package dev.preaug.cli;

import dev.preaug.spark.Python;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.spark.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./submit.sh parity} end to end on a copy of the golden set (made by Pillow 9.4.0). */
class ParityIT {
  @TempDir
  Path tmp;

  /** A fresh copy of core's golden test data, as a user's own golden directory would be. */
  private Path golden(String name) throws IOException {
    Path src = TestData.repoRoot().resolve("core/src/test/resources/golden");
    Path dst = tmp.resolve(name);
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

  private static String lastLine(String s) {
    List<String> lines = s.lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void everyGoldenCaseIsExactAndNumpyAgrees() throws Exception {
    Path golden = golden("golden");
    CliRunner.Result r = CliRunner.run(tmp, "parity", "--manifest",
        golden.resolve("manifest.json").toString(), "--out", "out");
    assertEquals(0, r.exit, r.toString());
    assertEquals("236 exact, 0 within 1, 0 worse", lastLine(r.out), r.out);
    assertTrue(r.out.startsWith("parity: 236 cases from " + golden.resolve("manifest.json")
        + " (set 'dev', Pillow 9.4.0)\n"), r.out);
    assertTrue(r.out.contains("\nall               236    236         0      0             0\n"),
        r.out);
    // An independent check: numpy loads every output, uint8 with its input's 2-D shape, and
    // compares it with the expected array itself.
    String py = Python.runCode(String.join("\n",
        "import json, os, sys, numpy as np",
        "g, o = sys.argv[1], sys.argv[2]",
        "m = json.load(open(os.path.join(g, 'manifest.json')))",
        "same = 0",
        "for c in m['cases']:",
        "    a = np.load(os.path.join(o, c['output']), allow_pickle=False)",
        "    i = np.load(os.path.join(g, c['input']))",
        "    assert a.dtype == np.uint8 and a.ndim == 2 and a.shape == i.shape, c['id']",
        "    same += int(np.array_equal(a, np.load(os.path.join(g, c['output']))))",
        "print(len(m['cases']), same)"), golden.toString(), tmp.resolve("out").toString());
    assertEquals("236 236", py.strip());
  }

  @Test
  void anAlteredExpectedOutputFailsWithTheCaseNamed() throws Exception {
    Path golden = golden("altered");
    Path expected = golden.resolve("out/shear__glyph_grid__004.npy");
    byte[] b = Files.readAllBytes(expected);
    int at = b.length - 64 * 64 + 20 * 64 + 10; // x=10, y=20
    int was = b[at] & 0xFF;
    b[at] = (byte) (was < 128 ? was + 3 : was - 3);
    Files.write(expected, b);
    CliRunner.Result r = CliRunner.run(tmp, "parity", "--manifest",
        golden.resolve("manifest.json").toString(), "--out", "out-altered");
    assertEquals(1, r.exit, r.toString());
    assertEquals("235 exact, 0 within 1, 1 worse", lastLine(r.out), r.out);
    assertTrue(r.out.contains("\nshear__glyph_grid__004: worse: 1 of 4096 pixels differ, max"
        + " |diff| 3; first at x=10, y=20: expected " + (b[at] & 0xFF) + ", got " + was + "  ["),
        r.out);
    assertTrue(r.out.contains("\nshear              42     41         0      1             3\n"),
        r.out);
  }

  @Test
  void aMalformedManifestIsOneLineAndExit2() throws Exception {
    Path golden = golden("malformed");
    Path m = Files.writeString(golden.resolve("mine.json"), "{\"cases\": [{\"id\": \"blur1\","
        + " \"op\": \"gaussian_blur\", \"params\": {\"sigma\": 1}, \"input\":"
        + " \"in/glyph_grid.npy\", \"output\": \"out/blur1.npy\"}]}");
    CliRunner.Result r = CliRunner.run(tmp, "parity", "--manifest", m.toString(), "--out",
        "out-malformed");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: " + m + ": case 'blur1': field 'params.sigma': unknown"
        + " parameter of gaussian_blur (expected radius)"), r.errorLines());
    assertFalse(Files.exists(tmp.resolve("out-malformed")), "nothing written");
  }

  @Test
  void anUnreadableInputIsOneLineAndExit2() throws Exception {
    Path golden = golden("unreadable");
    Files.writeString(golden.resolve("in/glyph_grid.npy"), "not an array at all");
    CliRunner.Result r = CliRunner.run(tmp, "parity", "--manifest",
        golden.resolve("manifest.json").toString(), "--out", "out-unreadable");
    assertEquals(2, r.exit, r.toString());
    assertEquals(List.of("preaug: error: " + golden.resolve("in/glyph_grid.npy") + ": byte 0:"
        + " not an NPY file (missing the \\x93NUMPY magic) (input of case"
        + " 'rotate__glyph_grid__001')"), r.errorLines());
  }
}
