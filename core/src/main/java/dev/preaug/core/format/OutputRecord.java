package dev.preaug.core.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  public byte[] toBytes() {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(pixels.length + 64 + ops.length());
    try (DataOutputStream out = new DataOutputStream(bos)) {
      out.writeLong(index);
      out.writeInt(label);
      out.writeBoolean(augmented);
      out.writeUTF(ops);
      out.writeShort(height);
      out.writeShort(width);
      out.writeByte(channels);
      out.write(pixels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  public static OutputRecord fromBytes(byte[] b) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      long index = in.readLong();
      int label = in.readInt();
      boolean augmented = in.readBoolean();
      String ops = in.readUTF();
      int h = in.readUnsignedShort();
      int w = in.readUnsignedShort();
      int c = in.readUnsignedByte();
      byte[] px = new byte[h * w * c];
      in.readFully(px);
      return new OutputRecord(index, label, augmented, ops, h, w, c, px);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
