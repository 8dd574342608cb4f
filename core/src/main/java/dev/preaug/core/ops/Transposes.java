package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/** Pillow's lossless transposes that {@code rotate} uses for multiples of 90 degrees. */
final class Transposes {
  private Transposes() {}

  /** {@code out[y][x] = in[h-1-y][w-1-x]}. */
  static GrayImage rotate180(GrayImage in) {
    byte[] src = in.array();
    int n = src.length;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = src[n - 1 - i];
    }
    return GrayImage.wrap(in.width(), in.height(), out);
  }

  /** Counter-clockwise quarter turn of a square image: {@code out[y][x] = in[x][n-1-y]}. */
  static GrayImage rotate90(GrayImage in) {
    int n = in.width();
    byte[] src = in.array();
    byte[] out = new byte[n * n];
    for (int y = 0; y < n; y++) {
      int column = n - 1 - y;
      int base = y * n;
      for (int x = 0; x < n; x++) {
        out[base + x] = src[x * n + column];
      }
    }
    return GrayImage.wrap(n, n, out);
  }

  /** Clockwise quarter turn of a square image: {@code out[y][x] = in[n-1-x][y]}. */
  static GrayImage rotate270(GrayImage in) {
    int n = in.width();
    byte[] src = in.array();
    byte[] out = new byte[n * n];
    for (int y = 0; y < n; y++) {
      int base = y * n;
      for (int x = 0; x < n; x++) {
        out[base + x] = src[(n - 1 - x) * n + y];
      }
    }
    return GrayImage.wrap(n, n, out);
  }
}
