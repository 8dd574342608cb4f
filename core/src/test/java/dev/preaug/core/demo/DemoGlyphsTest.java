package dev.preaug.core.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGlyphsTest {
  private static final long SEED = 2026;

  @Test
  void deterministicFourBitLevels() {
    for (int c = 0; c < 20; c++) {
      byte[] g = DemoGlyphs.glyph(SEED, c, 3);
      assertEquals(64 * 64, g.length);
      assertArrayEquals(g, DemoGlyphs.glyph(SEED, c, 3));
      int ink = 0;
      boolean full = false;
      for (byte v : g) {
        assertTrue(v >= 0 && v <= 15, "level " + v);
        ink += v > 0 ? 1 : 0;
        full |= v == 15;
      }
      assertTrue(ink > 100 && ink < 2000, "class " + c + " has " + ink + " inked pixels");
      assertTrue(full, "strokes reach full intensity");
    }
  }

  @Test
  void seedsAndClassesAndSamplesDiffer() {
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < 50; c++) {
      for (int s = 0; s < 3; s++) {
        assertTrue(seen.add(Arrays.toString(DemoGlyphs.glyph(SEED, c, s))),
            "class " + c + " sample " + s + " repeats another glyph");
      }
    }
    assertFalse(Arrays.equals(DemoGlyphs.glyph(1, 0, 0), DemoGlyphs.glyph(2, 0, 0)));
  }

  /** A 7x7 box blur, so that a writer's jitter of a pixel or two does not dominate distances. */
  private static double[] blur(byte[] g) {
    double[] out = new double[g.length];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        double s = 0;
        int n = 0;
        for (int dy = -3; dy <= 3; dy++) {
          for (int dx = -3; dx <= 3; dx++) {
            int yy = y + dy;
            int xx = x + dx;
            if (yy >= 0 && xx >= 0 && yy < 64 && xx < 64) {
              s += g[yy * 64 + xx];
              n++;
            }
          }
        }
        out[y * 64 + x] = s / n;
      }
    }
    return out;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s;
  }

  @Test
  void samplesOfAClassAreSimilarAndClassesAreDistinct() {
    int classes = 40;
    int samples = 6;
    double[][][] b = new double[classes][samples][];
    for (int c = 0; c < classes; c++) {
      for (int s = 0; s < samples; s++) {
        b[c][s] = blur(DemoGlyphs.glyph(SEED, c, s));
      }
    }
    // Nearest prototype (sample 0 of each class) recognises the class of the other samples.
    int correct = 0;
    int total = 0;
    double within = 0;
    double between = 0;
    for (int c = 0; c < classes; c++) {
      for (int s = 1; s < samples; s++) {
        int best = -1;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < classes; k++) {
          double d = distance(b[c][s], b[k][0]);
          if (d < bestD) {
            bestD = d;
            best = k;
          }
          if (k == c) {
            within += d;
          } else {
            between += d / (classes - 1);
          }
        }
        correct += best == c ? 1 : 0;
        total++;
      }
    }
    assertTrue(correct >= 0.75 * total, "nearest-prototype accuracy " + correct + "/" + total);
    assertTrue(within < 0.7 * between, "within-class " + within + " vs between " + between);
  }

  @Test
  void writeProducesClassOrderedNpyFiles(@TempDir Path dir) throws IOException {
    Path images = dir.resolve("images.npy");
    Path labels = dir.resolve("labels.npy");
    int classes = 7;
    int perClass = 3;
    DemoGlyphs.write(images, labels, classes, perClass, SEED);

    byte[] im = Files.readAllBytes(images);
    NpyHeader ih;
    try (InputStream in = new ByteArrayInputStream(im)) {
      ih = NpyHeader.read(in, images.toString());
    }
    assertEquals(NpyDtype.FLOAT16, ih.dtype());
    assertArrayEquals(new long[] {21, 64, 64}, ih.shape());
    ih.checkLength(im.length, images.toString());

    byte[] lb = Files.readAllBytes(labels);
    NpyHeader lh;
    try (InputStream in = new ByteArrayInputStream(lb)) {
      lh = NpyHeader.read(in, labels.toString());
    }
    assertEquals(NpyDtype.INT16, lh.dtype());
    assertArrayEquals(new long[] {21}, lh.shape());
    lh.checkLength(lb.length, labels.toString());

    int[] half = new int[16];
    for (int v = 0; v < 16; v++) {
      half[v] = HalfBits.fromDouble(v / 15.0);
    }
    int record = 0;
    for (int c = 0; c < classes; c++) {
      for (int s = 0; s < perClass; s++, record++) {
        int label = (short) ((lb[(int) lh.dataOffset() + 2 * record] & 0xFF)
            | (lb[(int) lh.dataOffset() + 2 * record + 1] << 8));
        assertEquals(c, label, "record " + record);
        byte[] g = DemoGlyphs.glyph(SEED, c, s);
        int base = (int) ih.dataOffset() + record * 64 * 64 * 2;
        for (int i = 0; i < g.length; i++) {
          int bits = (im[base + 2 * i] & 0xFF) | (im[base + 2 * i + 1] & 0xFF) << 8;
          assertEquals(half[g[i]], bits, "record " + record + " pixel " + i);
        }
      }
    }
  }

  @Test
  void writeIsDeterministic(@TempDir Path dir) throws IOException {
    DemoGlyphs.write(dir.resolve("a.npy"), dir.resolve("al.npy"), 3, 2, SEED);
    DemoGlyphs.write(dir.resolve("b.npy"), dir.resolve("bl.npy"), 3, 2, SEED);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.npy")),
        Files.readAllBytes(dir.resolve("b.npy")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("al.npy")),
        Files.readAllBytes(dir.resolve("bl.npy")));
  }

  @Test
  void labelsMustFitInt16(@TempDir Path dir) throws IOException {
    Path im = dir.resolve("i.npy");
    Path lb = dir.resolve("l.npy");
    assertEquals("classes must be in [1, 32768] (labels are int16), got 32769",
        assertThrows(IllegalArgumentException.class,
            () -> DemoGlyphs.write(im, lb, 32769, 1, SEED)).getMessage());
    assertEquals("classes must be in [1, 32768] (labels are int16), got 0",
        assertThrows(IllegalArgumentException.class,
            () -> DemoGlyphs.write(im, lb, 0, 1, SEED)).getMessage());
    assertEquals("perClass must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> DemoGlyphs.write(im, lb, 3, 0, SEED)).getMessage());
    assertFalse(Files.exists(im), "nothing written for bad arguments");
  }
}
