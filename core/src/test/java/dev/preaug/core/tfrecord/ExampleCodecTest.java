package dev.preaug.core.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.Png;
import dev.preaug.core.proto.BytesList;
import dev.preaug.core.proto.Example;
import dev.preaug.core.proto.Feature;
import dev.preaug.core.proto.Features;
import dev.preaug.core.proto.FloatList;
import dev.preaug.core.proto.Int64List;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExampleCodecTest {
  private static final String OPS = "rotate(-7.31)|gaussian_blur(0.84) \u6f22\u5b57 \ud83d\ude00";

  static OutputRecord record(long seed, boolean augmented) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[64 * 64];
    r.nextBytes(px);
    return new OutputRecord(123_456_789_012L, 3035, augmented, augmented ? OPS : "", 64, 64, 1,
        px);
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void rawRoundTrip() throws IOException {
    for (boolean aug : new boolean[] {false, true}) {
      OutputRecord r = record(1, aug);
      OutputRecord back = ExampleCodec.decode(ExampleCodec.encode(r, ImageEncoding.RAW),
          ImageEncoding.RAW);
      assertEquals(r, back);
      assertEquals(OPS.equals(r.ops()), aug);
      assertEquals(r.ops(), back.ops());
      assertArrayEquals(r.pixels(), back.pixels());
    }
  }

  @Test
  void pngRoundTrip() throws IOException {
    OutputRecord r = record(2, true);
    byte[] enc = ExampleCodec.encode(r, ImageEncoding.PNG);
    assertEquals(r, ExampleCodec.decode(enc, ImageEncoding.PNG));
    Map<String, Feature> f = Example.parseFrom(enc).getFeatures().getFeatureMap();
    byte[] image = f.get("image").getBytesList().getValue(0).toByteArray();
    assertArrayEquals(Png.encodeGray(64, 64, r.pixels()), image);
  }

  @Test
  void extremeValuesRoundTrip() throws IOException {
    OutputRecord r = new OutputRecord(Long.MAX_VALUE, Integer.MAX_VALUE, true, "x", 1, 3, 2,
        new byte[] {0, (byte) 255, 1, 2, 3, (byte) 128});
    assertEquals(r, ExampleCodec.decode(ExampleCodec.encode(r, ImageEncoding.RAW),
        ImageEncoding.RAW));
    OutputRecord neg = new OutputRecord(0, -1, false, "", 2, 2, 1, new byte[4]);
    assertEquals(neg, ExampleCodec.decode(ExampleCodec.encode(neg, ImageEncoding.PNG),
        ImageEncoding.PNG));
  }

  @Test
  void encodingIsDeterministic() {
    OutputRecord a = record(3, true);
    OutputRecord b = record(3, true);
    for (ImageEncoding e : ImageEncoding.values()) {
      byte[] first = ExampleCodec.encode(a, e);
      assertArrayEquals(first, ExampleCodec.encode(a, e));
      assertArrayEquals(first, ExampleCodec.encode(b, e));
    }
  }

  // ---------------------------------------------------------------- wire format

  /** Entries of the Features map, read from the wire without preaug's generated classes. */
  private static Map<String, UnknownFieldSet> wireFeatures(byte[] example) throws IOException {
    UnknownFieldSet ex = UnknownFieldSet.parseFrom(example);
    assertEquals(List.of(1), new ArrayList<>(ex.asMap().keySet()), "Example has only field 1");
    List<ByteString> features = ex.getField(1).getLengthDelimitedList();
    assertEquals(1, features.size());
    UnknownFieldSet fs = UnknownFieldSet.parseFrom(features.get(0));
    assertEquals(List.of(1), new ArrayList<>(fs.asMap().keySet()), "Features has only field 1");
    Map<String, UnknownFieldSet> out = new LinkedHashMap<>();
    for (ByteString entry : fs.getField(1).getLengthDelimitedList()) {
      UnknownFieldSet e = UnknownFieldSet.parseFrom(entry);
      String key = e.getField(1).getLengthDelimitedList().get(0).toStringUtf8();
      UnknownFieldSet value = UnknownFieldSet.parseFrom(
          e.getField(2).getLengthDelimitedList().get(0));
      out.put(key, value);
    }
    return out;
  }

  private static long wireInt64(UnknownFieldSet feature) throws IOException {
    assertEquals(List.of(3), new ArrayList<>(feature.asMap().keySet()), "int64_list is field 3");
    UnknownFieldSet list = UnknownFieldSet.parseFrom(
        feature.getField(3).getLengthDelimitedList().get(0));
    // Packed: one length-delimited field 1 holding varints, never a plain varint field.
    assertTrue(list.getField(1).getVarintList().isEmpty(), "int64 values are packed");
    List<ByteString> packed = list.getField(1).getLengthDelimitedList();
    assertEquals(1, packed.size());
    CodedInputStream in = packed.get(0).newCodedInput();
    long v = in.readInt64();
    assertTrue(in.isAtEnd(), "exactly one value");
    return v;
  }

  private static ByteString wireBytes(UnknownFieldSet feature) throws IOException {
    assertEquals(List.of(1), new ArrayList<>(feature.asMap().keySet()), "bytes_list is field 1");
    UnknownFieldSet list = UnknownFieldSet.parseFrom(
        feature.getField(1).getLengthDelimitedList().get(0));
    List<ByteString> values = list.getField(1).getLengthDelimitedList();
    assertEquals(1, values.size());
    return values.get(0);
  }

  @Test
  void wireFormatUsesTensorFlowFieldNumbersAndSortedKeys() throws IOException {
    OutputRecord r = record(4, true);
    Map<String, UnknownFieldSet> f = wireFeatures(ExampleCodec.encode(r, ImageEncoding.RAW));
    assertEquals(List.of("augmented", "channels", "height", "image", "index", "label", "ops",
        "width"), new ArrayList<>(f.keySet()), "keys serialised in sorted order");
    assertEquals(1, wireInt64(f.get("augmented")));
    assertEquals(1, wireInt64(f.get("channels")));
    assertEquals(64, wireInt64(f.get("height")));
    assertEquals(64, wireInt64(f.get("width")));
    assertEquals(123_456_789_012L, wireInt64(f.get("index")));
    assertEquals(3035, wireInt64(f.get("label")));
    assertArrayEquals(r.pixels(), wireBytes(f.get("image")).toByteArray());
    assertEquals(OPS, wireBytes(f.get("ops")).toStringUtf8());

    Map<String, UnknownFieldSet> orig = wireFeatures(
        ExampleCodec.encode(record(4, false), ImageEncoding.RAW));
    assertEquals(0, wireInt64(orig.get("augmented")));
    assertEquals("", wireBytes(orig.get("ops")).toStringUtf8());
    assertEquals(-1, wireInt64(wireFeatures(ExampleCodec.encode(
        new OutputRecord(0, -1, false, "", 1, 1, 1, new byte[1]), ImageEncoding.RAW))
        .get("label")));
  }

  @Test
  void generatedDescriptorHasTensorFlowFieldNumbers() throws IOException {
    // The descriptor set written next to the classes, read as a Python client would.
    FileDescriptorSet set;
    try (InputStream in = ExampleCodecTest.class.getResourceAsStream(
        "/dev/preaug/core/proto/preaug_example.desc")) {
      set = FileDescriptorSet.parseFrom(in);
    }
    FileDescriptor fd;
    try {
      fd = FileDescriptor.buildFrom(set.getFile(0), new FileDescriptor[0]);
    } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
      throw new AssertionError(e);
    }
    Descriptor example = fd.findMessageTypeByName("Example");
    Descriptor features = fd.findMessageTypeByName("Features");
    Descriptor feature = fd.findMessageTypeByName("Feature");
    assertEquals(1, example.findFieldByName("features").getNumber());
    assertEquals(1, features.findFieldByName("feature").getNumber());
    assertTrue(features.findFieldByName("feature").isMapField());
    assertEquals(1, feature.findFieldByName("bytes_list").getNumber());
    assertEquals(2, feature.findFieldByName("float_list").getNumber());
    assertEquals(3, feature.findFieldByName("int64_list").getNumber());
    for (String list : new String[] {"FloatList", "Int64List"}) {
      assertEquals(1, fd.findMessageTypeByName(list).findFieldByName("value").getNumber());
      assertTrue(fd.findMessageTypeByName(list).findFieldByName("value").isPacked(), list);
    }
    assertEquals(1, fd.findMessageTypeByName("BytesList").findFieldByName("value").getNumber());

    // A dynamic parse against that descriptor reads what encode wrote.
    OutputRecord r = record(5, true);
    DynamicMessage m = DynamicMessage.parseFrom(example, ExampleCodec.encode(r,
        ImageEncoding.RAW));
    assertTrue(m.getUnknownFields().asMap().isEmpty());
    DynamicMessage fs = (DynamicMessage) m.getField(example.findFieldByName("features"));
    assertEquals(8, fs.getRepeatedFieldCount(features.findFieldByName("feature")));
  }

  @Test
  void floatListIsWireCompatibleToo() throws IOException {
    // Not written by preaug, but part of the message family readers may meet.
    Feature f = Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1.5f)
        .addValue(-2f)).build();
    UnknownFieldSet u = UnknownFieldSet.parseFrom(f.toByteArray());
    assertEquals(List.of(2), new ArrayList<>(u.asMap().keySet()));
    UnknownFieldSet list = UnknownFieldSet.parseFrom(u.getField(2).getLengthDelimitedList()
        .get(0));
    assertEquals(8, list.getField(1).getLengthDelimitedList().get(0).size(), "packed floats");
  }

  // ---------------------------------------------------------------- errors

  private static byte[] exampleWith(Map<String, Feature> features) {
    return Example.newBuilder().setFeatures(Features.newBuilder().putAllFeature(features))
        .build().toByteArray();
  }

  private static Map<String, Feature> validFeatures() throws IOException {
    return new LinkedHashMap<>(Example.parseFrom(ExampleCodec.encode(record(6, true),
        ImageEncoding.RAW)).getFeatures().getFeatureMap());
  }

  private static String decodeError(Map<String, Feature> f) {
    return assertThrows(IllegalArgumentException.class,
        () -> ExampleCodec.decode(exampleWith(f), ImageEncoding.RAW)).getMessage();
  }

  @Test
  void missingFeatures() throws IOException {
    for (String name : new String[] {"height", "width", "channels", "label", "index",
        "augmented"}) {
      Map<String, Feature> f = validFeatures();
      f.remove(name);
      assertEquals("feature '" + name + "' is not a single int64", decodeError(f));
    }
    for (String name : new String[] {"image", "ops"}) {
      Map<String, Feature> f = validFeatures();
      f.remove(name);
      assertEquals("feature '" + name + "' is not a single bytes value", decodeError(f));
    }
  }

  @Test
  void mistypedFeatures() throws IOException {
    Map<String, Feature> f = validFeatures();
    f.put("label", Feature.newBuilder().setBytesList(BytesList.newBuilder()
        .addValue(ByteString.copyFromUtf8("3"))).build());
    assertEquals("feature 'label' is not a single int64", decodeError(f));

    f = validFeatures();
    f.put("image", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(1)).build());
    assertEquals("feature 'image' is not a single bytes value", decodeError(f));

    f = validFeatures();
    f.put("height", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(64))
        .build());
    assertEquals("feature 'height' is not a single int64", decodeError(f));

    f = validFeatures();
    f.put("index", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(1)
        .addValue(2)).build());
    assertEquals("feature 'index' is not a single int64", decodeError(f));

    f = validFeatures();
    f.put("ops", Feature.newBuilder().setBytesList(BytesList.newBuilder()).build());
    assertEquals("feature 'ops' is not a single bytes value", decodeError(f));

    f = validFeatures();
    f.put("label", Feature.getDefaultInstance());
    assertEquals("feature 'label' is not a single int64", decodeError(f));
  }

  @Test
  void imageOfTheWrongSize() throws IOException {
    Map<String, Feature> f = validFeatures();
    f.put("height", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(63))
        .build());
    assertEquals("pixels: 4096 bytes for 63x64x1", decodeError(f));
  }

  @Test
  void notAnExample() {
    assertThrows(InvalidProtocolBufferException.class,
        () -> ExampleCodec.decode(new byte[] {(byte) 0xFF, (byte) 0xFF}, ImageEncoding.RAW));
    byte[] enc = ExampleCodec.encode(record(7, false), ImageEncoding.RAW);
    assertThrows(InvalidProtocolBufferException.class,
        () -> ExampleCodec.decode(java.util.Arrays.copyOf(enc, enc.length - 10),
            ImageEncoding.RAW));
    // A raw image decoded as PNG is not a PNG.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExampleCodec.decode(enc, ImageEncoding.PNG));
    assertTrue(e.getMessage().contains("PNG"), e.getMessage());
  }

  @Test
  void rgbRecordsRoundTripRawAndAsColourPng() throws Exception {
    byte[] px = new byte[5 * 3 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 37 + 5);
    }
    OutputRecord rgb = new OutputRecord(1, 4, true, "rotate(3)", 3, 5, 3, px);
    for (ImageEncoding e : ImageEncoding.values()) {
      assertEquals(rgb, ExampleCodec.decode(ExampleCodec.encode(rgb, e), e), e.toString());
    }
    // Decoded as a gray PNG of that size, the colour PNG is refused, not misread.
    OutputRecord gray = new OutputRecord(1, 4, true, "", 3, 5, 1, new byte[15]);
    byte[] asGray = ExampleCodec.encode(gray, ImageEncoding.PNG);
    assertTrue(ExampleCodec.decode(asGray, ImageEncoding.PNG).equals(gray));
  }

  @Test
  void featureNamesArePublished() {
    assertEquals("image", ExampleCodec.IMAGE);
    assertEquals("label", ExampleCodec.LABEL);
    assertEquals("index", ExampleCodec.INDEX);
    assertEquals("augmented", ExampleCodec.AUGMENTED);
    assertEquals("ops", ExampleCodec.OPS);
    assertEquals("height", ExampleCodec.HEIGHT);
    assertEquals("width", ExampleCodec.WIDTH);
    assertEquals("channels", ExampleCodec.CHANNELS);
    assertFalse(new String(ExampleCodec.encode(record(8, false), ImageEncoding.RAW),
        StandardCharsets.ISO_8859_1).contains("rotate"));
  }
}
