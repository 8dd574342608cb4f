package dev.preaug.core.tfrecord;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.Png;
import dev.preaug.core.proto.BytesList;
import dev.preaug.core.proto.Example;
import dev.preaug.core.proto.Feature;
import dev.preaug.core.proto.Features;
import dev.preaug.core.proto.Int64List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns an {@link OutputRecord} into the bytes of a {@code tf.train.Example} and back. Feature
 * names and types are part of the published format (docs/formats.md).
 */
public final class ExampleCodec {
  public static final String IMAGE = "image";
  public static final String LABEL = "label";
  public static final String INDEX = "index";
  public static final String AUGMENTED = "augmented";
  public static final String OPS = "ops";
  public static final String HEIGHT = "height";
  public static final String WIDTH = "width";
  public static final String CHANNELS = "channels";

  private ExampleCodec() {}

  public static byte[] encode(OutputRecord r, ImageEncoding encoding) {
    byte[] image = encoding == ImageEncoding.PNG
        ? Png.encode(r.width(), r.height(), r.channels(), r.pixels())
        : r.pixels();
    Features features = Features.newBuilder()
        .putFeature(IMAGE, bytes(ByteString.copyFrom(image)))
        .putFeature(LABEL, int64(r.label()))
        .putFeature(INDEX, int64(r.index()))
        .putFeature(AUGMENTED, int64(r.augmented() ? 1 : 0))
        .putFeature(OPS, bytes(ByteString.copyFrom(r.ops(), StandardCharsets.UTF_8)))
        .putFeature(HEIGHT, int64(r.height()))
        .putFeature(WIDTH, int64(r.width()))
        .putFeature(CHANNELS, int64(r.channels()))
        .build();
    Example ex = Example.newBuilder().setFeatures(features).build();
    byte[] out = new byte[ex.getSerializedSize()];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    // Map fields otherwise serialise in insertion order; sorted keys make the bytes canonical.
    cos.useDeterministicSerialization();
    try {
      ex.writeTo(cos);
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Parses an example written by {@link #encode}. Missing or mistyped features are reported as
   * {@link IllegalArgumentException} naming the feature.
   */
  public static OutputRecord decode(byte[] data, ImageEncoding encoding)
      throws InvalidProtocolBufferException {
    Map<String, Feature> f = Example.parseFrom(data).getFeatures().getFeatureMap();
    int h = (int) int64Of(f, HEIGHT);
    int w = (int) int64Of(f, WIDTH);
    int c = (int) int64Of(f, CHANNELS);
    byte[] image = bytesOf(f, IMAGE).toByteArray();
    byte[] pixels = encoding == ImageEncoding.PNG ? Png.decode(image, w, h, c) : image;
    return new OutputRecord(int64Of(f, INDEX), (int) int64Of(f, LABEL),
        int64Of(f, AUGMENTED) != 0, bytesOf(f, OPS).toStringUtf8(), h, w, c, pixels);
  }

  private static Feature bytes(ByteString b) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(b)).build();
  }

  private static Feature int64(long v) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(v)).build();
  }

  private static long int64Of(Map<String, Feature> f, String name) {
    Feature v = f.get(name);
    if (v == null || !v.hasInt64List() || v.getInt64List().getValueCount() != 1) {
      throw new IllegalArgumentException("feature '" + name + "' is not a single int64");
    }
    return v.getInt64List().getValue(0);
  }

  private static ByteString bytesOf(Map<String, Feature> f, String name) {
    Feature v = f.get(name);
    if (v == null || !v.hasBytesList() || v.getBytesList().getValueCount() != 1) {
      throw new IllegalArgumentException("feature '" + name + "' is not a single bytes value");
    }
    return v.getBytesList().getValue(0);
  }
}
