package dev.preaug.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a published epoch: the pixels of one (sample, copy), its label, where it came
 * from and what was applied. This is the unit that travels through Spark's shuffle (as
 * {@link #toBytes()}) and the unit every shard format writes.
 */
public final class OutputRecord {
  private final long index;
  private final int label;
  private final boolean augmented;
  private final String ops;
  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;

  public OutputRecord(long index, int label, boolean augmented, String ops, int height, int width,
      int channels, byte[] pixels) {
    this.index = index;
    this.label = label;
    this.augmented = augmented;
    this.ops = Objects.requireNonNull(ops, "ops");
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = Objects.requireNonNull(pixels, "pixels");
    // toBytes() stores height and width as unsigned 16-bit and channels as 8-bit values.
    if (height < 0 || height > 0xFFFF || width < 0 || width > 0xFFFF || channels < 1
        || channels > 0xFF) {
      throw new IllegalArgumentException("dimensions " + height + "x" + width + "x" + channels
          + " outside height, width in [0, 65535] and channels in [1, 255]");
    }
    if (pixels.length != (long) height * width * channels) {
      throw new IllegalArgumentException("pixels: " + pixels.length + " bytes for "
          + height + "x" + width + "x" + channels);
    }
  }

  /** Source sample index in the input dataset. */
  public long index() {
    return index;
  }

  public int label() {
    return label;
  }

  public boolean augmented() {
    return augmented;
  }

  /** Canonical spec of the applied ops; empty for an original copy. */
  public String ops() {
    return ops;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  /** Raw uint8 pixels, row-major HWC. Read-only by contract. */
  public byte[] pixels() {
    return pixels;
  }

  /**
   * The compact form that crosses Spark's shuffle: a fixed 20-byte head (index, label, flags,
   * channels, height, width, ops length), the ops text, then the pixels. One exact-size array,
   * no stream objects: this runs once per record on both sides of the shuffle.
   */
  public byte[] toBytes() {
    byte[] op = ops.isEmpty() ? EMPTY : ops.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[HEAD + op.length + pixels.length];
    putLong(b, 0, index);
    putInt(b, 8, label);
    b[12] = (byte) (augmented ? 1 : 0);
    b[13] = (byte) channels;
    putShort(b, 14, height);
    putShort(b, 16, width);
    putShort(b, 18, op.length);
    System.arraycopy(op, 0, b, HEAD, op.length);
    System.arraycopy(pixels, 0, b, HEAD + op.length, pixels.length);
    return b;
  }

  public static OutputRecord fromBytes(byte[] b) {
    long index = getLong(b, 0);
    int label = getInt(b, 8);
    boolean augmented = b[12] != 0;
    int c = b[13] & 0xFF;
    int h = getShort(b, 14);
    int w = getShort(b, 16);
    int opLen = getShort(b, 18);
    String ops = opLen == 0 ? "" : new String(b, HEAD, opLen, StandardCharsets.UTF_8);
    int n = h * w * c;
    if (b.length != HEAD + opLen + n) {
      throw new IllegalArgumentException("record bytes: " + b.length + " for a " + h + "x" + w
          + "x" + c + " image with " + opLen + " bytes of ops");
    }
    byte[] px = new byte[n];
    System.arraycopy(b, HEAD + opLen, px, 0, n);
    return new OutputRecord(index, label, augmented, ops, h, w, c, px);
  }

  private static final int HEAD = 20;
  private static final byte[] EMPTY = new byte[0];

  private static void putLong(byte[] b, int o, long v) {
    putInt(b, o, (int) (v >>> 32));
    putInt(b, o + 4, (int) v);
  }

  private static void putInt(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }

  private static void putShort(byte[] b, int o, int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("value " + v + " does not fit 16 bits");
    }
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  private static long getLong(byte[] b, int o) {
    return ((long) getInt(b, o) << 32) | (getInt(b, o + 4) & 0xFFFFFFFFL);
  }

  private static int getInt(byte[] b, int o) {
    return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8)
        | (b[o + 3] & 0xFF);
  }

  private static int getShort(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutputRecord)) {
      return false;
    }
    OutputRecord r = (OutputRecord) o;
    return index == r.index && label == r.label && augmented == r.augmented
        && ops.equals(r.ops) && height == r.height && width == r.width && channels == r.channels
        && Arrays.equals(pixels, r.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, label, augmented, ops) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "OutputRecord[index=" + index + ", label=" + label + ", ops=" + ops + "]";
  }
}
