package dev.preaug.core.demo;

import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.recipe.Rng;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A synthetic stand-in for the ETL kanji data, for the demo and tests: each class is a fixed set
 * of strokes (lines and arcs) inside a 64x64 box; each sample of a class redraws them with a
 * writer's jitter in position, length and thickness. Pixels are 4-bit levels v/15 stored as
 * float16 in [0, 1], class-ordered like ETL files, exactly the shape of the seed's arrays.
 */
public final class DemoGlyphs {
  private static final int SIZE = 64;

  private DemoGlyphs() {}

  /** One glyph, as 4-bit levels 0..15 (row-major 64x64). */
  public static byte[] glyph(long seed, int cls, int sample) {
    Rng shape = Rng.forRecord(seed, -1, cls, 0);
    Rng writer = Rng.forRecord(seed, -2, cls, sample + 1);
    float[] ink = new float[SIZE * SIZE];
    int strokes = 3 + (int) shape.nextLong(6);
    double dx = writer.uniform(-3, 3);
    double dy = writer.uniform(-3, 3);
    double scale = writer.uniform(0.88, 1.08);
    for (int s = 0; s < strokes; s++) {
      double x0 = shape.uniform(10, 54);
      double y0 = shape.uniform(10, 54);
      boolean horizontal = shape.nextDouble() < 0.45;
      boolean vertical = !horizontal && shape.nextDouble() < 0.6;
      double len = shape.uniform(12, 36);
      double x1 = horizontal ? x0 + len : x0 + shape.uniform(-14, 14);
      double y1 = vertical ? y0 + len : y0 + shape.uniform(-10, 10);
      double bend = shape.nextDouble() < 0.3 ? shape.uniform(-8, 8) : 0;
      double width = shape.uniform(1.3, 2.4) * writer.uniform(0.8, 1.25);
      double jx = writer.uniform(-1.5, 1.5);
      double jy = writer.uniform(-1.5, 1.5);
      stroke(ink, t(x0 + jx, scale, dx), t(y0 + jy, scale, dy), t(x1 - jx, scale, dx),
          t(y1 - jy, scale, dy), bend, width);
    }
    byte[] levels = new byte[SIZE * SIZE];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (byte) Math.round(Math.min(1f, ink[i]) * 15);
    }
    return levels;
  }

  private static double t(double v, double scale, double shift) {
    return (v - 32) * scale + 32 + shift;
  }

  private static void stroke(float[] ink, double x0, double y0, double x1, double y1,
      double bend, double width) {
    double len = StrictMath.hypot(x1 - x0, y1 - y0);
    int steps = (int) Math.max(2, len * 2);
    double nx = -(y1 - y0) / Math.max(len, 1e-9);
    double ny = (x1 - x0) / Math.max(len, 1e-9);
    for (int k = 0; k <= steps; k++) {
      double u = k / (double) steps;
      double arc = bend * 4 * u * (1 - u);
      double cx = x0 + (x1 - x0) * u + nx * arc;
      double cy = y0 + (y1 - y0) * u + ny * arc;
      int r = (int) Math.ceil(width + 1);
      for (int y = (int) cy - r; y <= (int) cy + r; y++) {
        for (int x = (int) cx - r; x <= (int) cx + r; x++) {
          if (x < 0 || y < 0 || x >= SIZE || y >= SIZE) {
            continue;
          }
          double d = StrictMath.hypot(x + 0.5 - cx, y + 0.5 - cy);
          float v = (float) Math.max(0, Math.min(1, width - d + 0.5));
          if (v > ink[y * SIZE + x]) {
            ink[y * SIZE + x] = v;
          }
        }
      }
    }
  }

  /**
   * Writes {@code classes * perClass} glyphs as float16 [N,64,64] and int16 labels [N], class
   * by class. Memory stays at one glyph regardless of N.
   */
  public static void write(Path images, Path labels, int classes, int perClass, long seed)
      throws IOException {
    // Labels are written as int16: a class number past 32767 would wrap to a negative label.
    if (classes < 1 || classes > 32768) {
      throw new IllegalArgumentException("classes must be in [1, 32768] (labels are int16), got "
          + classes);
    }
    if (perClass < 1) {
      throw new IllegalArgumentException("perClass must be >= 1, got " + perClass);
    }
    long n = (long) classes * perClass;
    int[] half = new int[16];
    for (int v = 0; v < 16; v++) {
      half[v] = HalfBits.fromDouble(v / 15.0);
    }
    try (OutputStream im = new BufferedOutputStream(Files.newOutputStream(images), 1 << 20);
        OutputStream lb = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16)) {
      im.write(NpyHeader.of(NpyDtype.FLOAT16, n, SIZE, SIZE).encode());
      lb.write(NpyHeader.of(NpyDtype.INT16, n).encode());
      byte[] row = new byte[2 * SIZE * SIZE];
      for (int c = 0; c < classes; c++) {
        for (int s = 0; s < perClass; s++) {
          byte[] g = glyph(seed, c, s);
          for (int i = 0; i < g.length; i++) {
            int bits = half[g[i]];
            row[2 * i] = (byte) bits;
            row[2 * i + 1] = (byte) (bits >>> 8);
          }
          im.write(row);
          lb.write(c & 0xFF);
          lb.write((c >>> 8) & 0xFF);
        }
      }
    }
  }
}
