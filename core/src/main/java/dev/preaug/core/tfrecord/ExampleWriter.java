package dev.preaug.core.tfrecord;

import dev.preaug.core.format.OutputRecord;
import java.nio.charset.StandardCharsets;

/**
 * Writes the {@code tf.train.Example} bytes of an {@link OutputRecord} with raw pixels straight
 * into one array, without building protobuf objects. The bytes are identical to
 * {@link ExampleCodec#encode} with deterministic serialization (features in sorted key order,
 * each map entry as key=1, value=2); {@code ExampleWriterTest} holds it to that on random
 * records. It exists because the generic path costs several allocations and a copy of the
 * pixels per record, on the hottest loop of stage two.
 */
public final class ExampleWriter {
  // Sorted feature keys, as deterministic map serialization orders them.
  private static final byte[] K_AUGMENTED = ascii(ExampleCodec.AUGMENTED);
  private static final byte[] K_CHANNELS = ascii(ExampleCodec.CHANNELS);
  private static final byte[] K_HEIGHT = ascii(ExampleCodec.HEIGHT);
  private static final byte[] K_IMAGE = ascii(ExampleCodec.IMAGE);
  private static final byte[] K_INDEX = ascii(ExampleCodec.INDEX);
  private static final byte[] K_LABEL = ascii(ExampleCodec.LABEL);
  private static final byte[] K_OPS = ascii(ExampleCodec.OPS);
  private static final byte[] K_WIDTH = ascii(ExampleCodec.WIDTH);
  private static final int TAG_LEN_1 = (1 << 3) | 2;
  private static final int TAG_LEN_2 = (2 << 3) | 2;
  private static final int TAG_LEN_3 = (3 << 3) | 2;

  private ExampleWriter() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The serialized Example of {@code r} with the {@code image} feature as raw bytes. */
  public static byte[] encodeRaw(OutputRecord r) {
    byte[] ops = r.ops().getBytes(StandardCharsets.UTF_8);
    byte[] pixels = r.pixels();
    int aug = int64Entry(K_AUGMENTED, r.augmented() ? 1 : 0);
    int ch = int64Entry(K_CHANNELS, r.channels());
    int h = int64Entry(K_HEIGHT, r.height());
    int img = bytesEntry(K_IMAGE, pixels.length);
    int idx = int64Entry(K_INDEX, r.index());
    int lab = int64Entry(K_LABEL, r.label());
    int op = bytesEntry(K_OPS, ops.length);
    int w = int64Entry(K_WIDTH, r.width());
    int features = field(aug) + field(ch) + field(h) + field(img) + field(idx) + field(lab)
        + field(op) + field(w);
    int total = field(features);
    byte[] out = new byte[total];
    int p = 0;
    out[p++] = (byte) TAG_LEN_1; // Example.features
    p = varint(out, p, features);
    p = writeInt64Entry(out, p, aug, K_AUGMENTED, r.augmented() ? 1 : 0);
    p = writeInt64Entry(out, p, ch, K_CHANNELS, r.channels());
    p = writeInt64Entry(out, p, h, K_HEIGHT, r.height());
    p = writeBytesEntry(out, p, img, K_IMAGE, pixels);
    p = writeInt64Entry(out, p, idx, K_INDEX, r.index());
    p = writeInt64Entry(out, p, lab, K_LABEL, r.label());
    p = writeBytesEntry(out, p, op, K_OPS, ops);
    p = writeInt64Entry(out, p, w, K_WIDTH, r.width());
    if (p != total) {
      throw new IllegalStateException("Example size mismatch: " + p + " != " + total);
    }
    return out;
  }

  /** Size of a length-delimited field with a one-byte tag and a body of {@code n} bytes. */
  private static int field(int n) {
    return 1 + varintSize(n) + n;
  }

  /** Map entry {key, Feature{int64_list{value: [v]}}} body size. */
  private static int int64Entry(byte[] key, long v) {
    int list = field(varintSize(v)); // Int64List: packed field 1
    int feature = field(list); // Feature.int64_list = 3
    return field(key.length) + field(feature);
  }

  /** Map entry {key, Feature{bytes_list{value: [bytes]}}} body size. */
  private static int bytesEntry(byte[] key, int len) {
    int list = field(len); // BytesList.value = 1
    int feature = field(list); // Feature.bytes_list = 1
    return field(key.length) + field(feature);
  }

  private static int writeInt64Entry(byte[] out, int p, int entry, byte[] key, long v) {
    out[p++] = (byte) TAG_LEN_1; // Features.feature map entry
    p = varint(out, p, entry);
    p = writeKey(out, p, key);
    int list = field(varintSize(v));
    out[p++] = (byte) TAG_LEN_2; // entry value
    p = varint(out, p, field(list));
    out[p++] = (byte) TAG_LEN_3; // Feature.int64_list
    p = varint(out, p, list);
    out[p++] = (byte) TAG_LEN_1; // Int64List.value, packed
    p = varint(out, p, varintSize(v));
    return varint(out, p, v);
  }

  private static int writeBytesEntry(byte[] out, int p, int entry, byte[] key, byte[] data) {
    out[p++] = (byte) TAG_LEN_1;
    p = varint(out, p, entry);
    p = writeKey(out, p, key);
    int list = field(data.length);
    out[p++] = (byte) TAG_LEN_2;
    p = varint(out, p, field(list));
    out[p++] = (byte) TAG_LEN_1; // Feature.bytes_list
    p = varint(out, p, list);
    out[p++] = (byte) TAG_LEN_1; // BytesList.value
    p = varint(out, p, data.length);
    System.arraycopy(data, 0, out, p, data.length);
    return p + data.length;
  }

  private static int writeKey(byte[] out, int p, byte[] key) {
    out[p++] = (byte) TAG_LEN_1; // entry key
    p = varint(out, p, key.length);
    System.arraycopy(key, 0, out, p, key.length);
    return p + key.length;
  }

  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private static int varint(byte[] out, int p, long v) {
    while ((v & ~0x7FL) != 0) {
      out[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[p++] = (byte) v;
    return p;
  }
}
