package dev.preaug.core.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.parity.CaseResult.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden-rgb set (made by Debian's Pillow 9.4.0 with tools/golden/make_rgb_golden.py): the
 * seed's seven ops and chains on RGB 32x32, RGB 160x160 with blur radii beyond 2, and non-square
 * L and RGB images, scored by the parity tool as a user runs it.
 */
class RgbParityTest {
  @TempDir
  Path tmp;

  static Path manifest() {
    try {
      return Path.of(RgbParityTest.class.getClassLoader().getResource("golden-rgb/manifest.json")
          .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyColourAndNonSquareCaseIsExact() throws IOException {
    ParityManifest m = ParityManifest.read(manifest());
    ParityReport r = new Parity(m, tmp, false).run();
    for (CaseResult c : r.results()) {
      assertEquals(Status.EXACT, c.status(), c.describe());
    }
    assertEquals(281, r.results().size());
    assertEquals("281 exact, 0 within 1, 0 worse", r.summary());

    // The set really spans both modes and several sizes, and outputs keep the input's shape.
    Set<String> shapes = new HashSet<>();
    for (ParityCase c : m.cases()) {
      Image out = ImageArray.readImage(tmp.resolve(c.output()));
      Image in = ImageArray.readImage(m.dir().resolve(c.input()));
      assertEquals(in.channels(), out.channels(), c.id());
      shapes.add(out.mode() + " " + out.width() + "x" + out.height());
    }
    assertTrue(shapes.containsAll(Set.of("RGB 32x32", "RGB 160x160", "L 40x56", "L 48x40")),
        shapes.toString());
    assertTrue(shapes.stream().anyMatch(s -> s.startsWith("RGB ") && !s.endsWith("32x32")
        && !s.endsWith("160x160")), shapes.toString());
  }
}
