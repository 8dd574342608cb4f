package dev.preaug.core.demo;

import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.recipe.Rng;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A synthetic CIFAR-shaped colour set for tests and benchmarks: each class is a hue and a shape
 * (disc, bar or box) over a two-colour gradient, each sample moves, resizes and tints it and adds
 * a little noise, so every band differs and colour edges exist in all directions. Written as
 * uint8 {@code [N,H,W,3]} with int64 labels, class-interleaved like CIFAR's batches.
 */
public final class DemoColour {
  private DemoColour() {}

  /** Sample {@code i} of class {@code cls}, row-major HWC RGB. */
  public static byte[] image(long seed, int cls, int i, int width, int height) {
    Rng shape = Rng.forRecord(seed, -3, cls, 0);
    Rng sample = Rng.forRecord(seed, -4, cls, i + 1);
    double hue = shape.uniform(0, 6);
    int kind = (int) shape.nextLong(3);
    double[] fg = rgb(hue, 0.85);
    double[] bgA = rgb(sample.uniform(0, 6), 0.35);
    double[] bgB = rgb(sample.uniform(0, 6), 0.55);
    double cx = sample.uniform(0.3, 0.7) * width;
    double cy = sample.uniform(0.3, 0.7) * height;
    double r = sample.uniform(0.15, 0.35) * Math.min(width, height);
    double tilt = sample.uniform(-1, 1);
    byte[] px = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double t = (x + y) / (double) (width + height);
        double dx = x - cx;
        double dy = y - cy;
        boolean in;
        if (kind == 0) {
          in = dx * dx + dy * dy <= r * r;
        } else if (kind == 1) {
          in = Math.abs(dy - tilt * dx) <= r / 3 && Math.abs(dx) <= r * 1.4;
        } else {
          in = Math.abs(dx) <= r && Math.abs(dy) <= r * 0.7;
        }
        for (int c = 0; c < 3; c++) {
          double v = in ? fg[c] : bgA[c] * (1 - t) + bgB[c] * t;
          v = v * 255 + sample.uniform(-6, 6);
          px[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        }
      }
    }
    return px;
  }

  /** A saturated colour of hue {@code h} in [0, 6), scaled to {@code level}. */
  private static double[] rgb(double h, double level) {
    double f = h - Math.floor(h);
    double[][] ramps = {{1, f, 0}, {1 - f, 1, 0}, {0, 1, f}, {0, 1 - f, 1}, {f, 0, 1},
        {1, 0, 1 - f}};
    double[] c = ramps[(int) Math.floor(h) % 6];
    return new double[] {0.1 + c[0] * level, 0.1 + c[1] * level, 0.1 + c[2] * level};
  }

  /**
   * Writes {@code n} images as uint8 {@code [n,height,width,3]} and int64 labels {@code [n]}
   * (sample {@code k} has class {@code k % classes}). Memory stays at one image.
   */
  public static void write(Path images, Path labels, int n, int classes, int width, int height,
      long seed) throws IOException {
    if (n < 1 || classes < 1 || width < 1 || height < 1) {
      throw new IllegalArgumentException("n, classes, width and height must be >= 1, got " + n
          + ", " + classes + ", " + width + ", " + height);
    }
    try (OutputStream im = new BufferedOutputStream(Files.newOutputStream(images), 1 << 20);
        OutputStream lb = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16)) {
      im.write(NpyHeader.of(NpyDtype.UINT8, n, height, width, 3).encode());
      lb.write(NpyHeader.of(NpyDtype.INT64, n).encode());
      byte[] label = new byte[8];
      for (int k = 0; k < n; k++) {
        int cls = k % classes;
        im.write(image(seed, cls, k / classes, width, height));
        for (int b = 0; b < 8; b++) {
          label[b] = (byte) (b < 4 ? cls >>> (8 * b) : 0);
        }
        lb.write(label);
      }
    }
  }
}
