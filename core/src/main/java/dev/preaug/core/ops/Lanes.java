package dev.preaug.core.ops;

import java.util.Arrays;

/**
 * Whole-array loops shaped so that HotSpot's auto-vectoriser (C2 superword, JDK 17) turns them
 * into SIMD code: every array is indexed once per iteration at the same index, or at one
 * loop-invariant offset, and bytes are widened or narrowed in loops of their own. Neighbour
 * access (x-1, x+1, y-1, y+1) is arranged by shifted copies ({@link System#arraycopy}) instead of
 * offset indexing, which C2 refuses to vectorise. Clamping uses shifts and masks because
 * {@code Math.min/max} do not vectorise there either.
 */
final class Lanes {
  private Lanes() {}

  /** {@code dst[i] = src[i] & 0xFF} for i in [0, n). */
  static void widen(byte[] src, int[] dst, int n) {
    widen(src, 0, dst, 0, n);
  }

  /** {@code dst[dstOff + i] = src[srcOff + i] & 0xFF} for i in [0, n). */
  static void widen(byte[] src, int srcOff, int[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = src[srcOff + i] & 0xFF;
    }
  }

  /** {@code dst[off + i] = (byte) src[i]} for i in [0, n); values are already 0..255. */
  static void narrow(int[] src, byte[] dst, int off, int n) {
    narrow(src, 0, dst, off, n);
  }

  /** {@code dst[dstOff + i] = (byte) src[srcOff + i]} for i in [0, n). */
  static void narrow(int[] src, int srcOff, byte[] dst, int dstOff, int n) {
    for (int i = 0; i < n; i++) {
      dst[dstOff + i] = (byte) src[srcOff + i];
    }
  }

  /**
   * {@code acc[i] = HALF + sum over t of src[off + t*stride + i] * weights[kb + t]}, for i in
   * [0, n) and t in [0, taps): the taps of a separable filter, each applied to a whole line of
   * {@code n} values. Taps go in pairs, which halves the loop overhead for these short lines.
   */
  static void filterLine(int[] acc, int half, int[] src, int off, int stride, int[] weights,
      int kb, int taps, int n) {
    int t = 0;
    if ((taps & 1) != 0) {
      int k = weights[kb];
      for (int i = 0; i < n; i++) {
        acc[i] = half + src[off + i] * k;
      }
      t = 1;
    } else {
      Arrays.fill(acc, 0, n, half);
    }
    for (; t < taps; t += 2) {
      int k0 = weights[kb + t];
      int k1 = weights[kb + t + 1];
      int o0 = off + t * stride;
      int o1 = o0 + stride;
      for (int i = 0; i < n; i++) {
        acc[i] += src[o0 + i] * k0 + src[o1 + i] * k1;
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
