package dev.preaug.core.ops;

import java.util.Arrays;

/**
 * Loops shaped so that HotSpot's auto-vectoriser (C2 superword, JDK 17) turns them into SIMD
 * code. It only does so when every array in the loop is indexed at the same position with no
 * offset (an offset could make two arrays alias across iterations), so neighbour access (x-1,
 * x+1, y-1, y+1) goes through shifted copies ({@link System#arraycopy}, which is cheap), the
 * resize keeps its lines as separate arrays, and bytes are widened or narrowed in loops of their
 * own. Clamping uses shifts and masks because {@code Math.min/max} do not vectorise there either.
 */
final class Lanes {
  private Lanes() {}

  /** {@code dst[i] = src[i] & 0xFF} for i in [0, n). */
  static void widen(byte[] src, int[] dst, int n) {
    for (int i = 0; i < n; i++) {
      dst[i] = src[i] & 0xFF;
    }
  }

  /** {@code dst[i] = (byte) src[i]} for i in [0, n); values are already 0..255. */
  static void narrow(int[] src, byte[] dst, int n) {
    for (int i = 0; i < n; i++) {
      dst[i] = (byte) src[i];
    }
  }

  /**
   * {@code acc[i] = half + sum over t of lines[first + t][i] * weights[kb + t]}, for i in [0, n)
   * and t in [0, taps): the taps of a separable filter, each applied to a whole line at once.
   * Taps go in pairs, which halves the passes over {@code acc}.
   */
  static void filterLines(int[] acc, int half, int[][] lines, int first, int[] weights, int kb,
      int taps, int n) {
    int t = 0;
    if ((taps & 1) != 0) {
      int[] a = lines[first];
      int k = weights[kb];
      for (int i = 0; i < n; i++) {
        acc[i] = half + a[i] * k;
      }
      t = 1;
    } else {
      Arrays.fill(acc, 0, n, half);
    }
    for (; t < taps; t += 2) {
      int[] a = lines[first + t];
      int[] b = lines[first + t + 1];
      int ka = weights[kb + t];
      int kb1 = weights[kb + t + 1];
      for (int i = 0; i < n; i++) {
        acc[i] += a[i] * ka + b[i] * kb1;
      }
    }
  }

  /** {@code v} clamped to 0..255, branch-free (vectorisable). */
  static int clamp8(int v) {
    v &= ~(v >> 31);
    v |= (255 - v) >> 31;
    return v & 255;
  }

  /**
   * Neighbours along rows of a row-major {@code w}-wide image of {@code n} pixels:
   * {@code left[i] = img[i-1]}, {@code right[i] = img[i+1]}, the edge pixel repeated at both ends
   * of every row.
   */
  static void rowNeighbours(int[] img, int[] left, int[] right, int w, int n) {
    System.arraycopy(img, 0, left, 1, n - 1);
    System.arraycopy(img, 1, right, 0, n - 1);
    for (int o = 0; o < n; o += w) {
      left[o] = img[o];
      right[o + w - 1] = img[o + w - 1];
    }
  }

  /**
   * As {@link #rowNeighbours(int[], int[], int[], int, int)} for rows of {@code w} samples holding
   * interleaved pixels of {@code c} bands: a sample's neighbours are {@code c} apart, and each
   * band's edge sample is repeated.
   */
  static void rowNeighbours(int[] img, int[] left, int[] right, int w, int n, int c) {
    if (c == 1) {
      rowNeighbours(img, left, right, w, n);
      return;
    }
    System.arraycopy(img, 0, left, c, n - c);
    System.arraycopy(img, c, right, 0, n - c);
    for (int o = 0; o < n; o += w) {
      for (int k = 0; k < c; k++) {
        left[o + k] = img[o + k];
        right[o + w - c + k] = img[o + w - c + k];
      }
    }
  }

  /**
   * Neighbours along columns: {@code up[i] = img[i-w]}, {@code down[i] = img[i+w]}, the first and
   * last rows repeated beyond the top and bottom.
   */
  static void columnNeighbours(int[] img, int[] up, int[] down, int w, int n) {
    System.arraycopy(img, 0, up, w, n - w);
    System.arraycopy(img, 0, up, 0, w);
    System.arraycopy(img, w, down, 0, n - w);
    System.arraycopy(img, n - w, down, n - w, w);
  }
}
