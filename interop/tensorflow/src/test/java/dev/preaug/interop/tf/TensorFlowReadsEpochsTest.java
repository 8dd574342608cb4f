package dev.preaug.interop.tf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.demo.DemoGlyphs;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.LocalEpochStore;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.io.LittleEndian;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.interop.tf.tfds.DatasetInfo;
import dev.preaug.interop.tf.tfds.Feature;
import dev.preaug.interop.tf.tfds.SplitInfo;
import dev.preaug.interop.tf.tfds.TensorFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodePng;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * The real TensorFlow runtime (TF Java 1.1.0, native TensorFlow 2.18, graph mode) reads epochs
 * written by the packaged job: {@code TFRecordDataset} then {@code ParseExample} with exactly the
 * feature spec of docs/formats.md, every feature required (empty dense defaults). Two epochs are
 * written with {@code ./submit.sh run}: raw TFRecord with uint8 NPY, and gzip TFRecord with PNG
 * images and float16 NPY; and two of an RGB {@code [N,32,32,3]} input (core's {@link DemoColour}),
 * raw and colour PNG. Every record TensorFlow parses, with its image decoded by TensorFlow
 * ({@code decode_raw} + reshape to {@code [H,W,C]}, or {@code decode_png}), must equal the
 * epoch's NPY shards (read by core's {@link EpochReader}), record by record and pixel by
 * {@code (y, x, c)}, and a shard with one flipped byte must be
 * refused by TensorFlow itself. The epochs' {@code features.json} and {@code dataset_info.json}
 * must parse strictly against TFDS's schema, describe exactly those features and lead to those
 * shard files.
 *
 * <p>Eager mode is not used: in TF Java 1.1.0 its TFRecordDataset and ParseSingleExample
 * wrappers are broken (shared/reference/interop.md), while the graph ops are the ones tf.data runs.
 */
class TensorFlowReadsEpochsTest {
  private static final Path REPO = Paths.get("").toAbsolutePath().resolve("../..").normalize();
  private static final int SAMPLES = 48;
  private static final int CLASSES = 6;
  /** docs/formats.md's features, sorted; image and ops are bytes, the rest int64. */
  private static final List<String> KEYS =
      List.of("augmented", "channels", "height", "image", "index", "label", "ops", "width");

  @TempDir
  static Path tmp;
  static Path raw;
  static Path variant;
  static Path rgb;
  static Path rgbPng;
  static byte[][] input = new byte[SAMPLES][];
  static ImageArray rgbInput;
  /** The seed's recipe with its resize sizes scaled to a 32-pixel side. */
  private static final String RECIPE_32 = "recipe.geometry.scale=resize_paste(w=randrange(12,"
      + " 31), h=randrange(12, 31), ox=fit, oy=fit)";

  @BeforeAll
  static void writeEpochs() throws Exception {
    Path images = tmp.resolve("images.npy");
    Path labels = tmp.resolve("labels.npy");
    ByteArrayOutputStream x = new ByteArrayOutputStream();
    x.write(NpyHeader.of(NpyDtype.UINT8, SAMPLES, 64, 64).encode());
    int[] y = new int[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      y[i] = i % CLASSES;
      input[i] = DemoGlyphs.glyph(3, y[i], i / CLASSES);
      x.write(input[i]);
    }
    Files.write(images, x.toByteArray());
    ByteArrayOutputStream l = new ByteArrayOutputStream();
    l.write(NpyHeader.of(NpyDtype.INT32, SAMPLES).encode());
    l.write(LittleEndian.ints(y));
    Files.write(labels, l.toByteArray());
    Path rgbImages = tmp.resolve("rgb-images.npy");
    Path rgbLabels = tmp.resolve("rgb-labels.npy");
    DemoColour.write(rgbImages, rgbLabels, SAMPLES, CLASSES, 32, 32, 9);
    rgbInput = ImageArray.read(rgbImages, false);
    raw = tmp.resolve("raw");
    variant = tmp.resolve("variant");
    rgb = tmp.resolve("rgb");
    rgbPng = tmp.resolve("rgb-png");
    // Side by side: each run is mostly JVM and Spark start-up.
    List<Runnable> waits = List.of(
        start(images, labels, raw),
        start(images, labels, variant, "--set", "output.tfrecord.compression=gzip",
            "--set", "output.tfrecord.image_encoding=png", "--set", "output.npy.dtype=float16"),
        start(rgbImages, rgbLabels, rgb, "--set", RECIPE_32),
        start(rgbImages, rgbLabels, rgbPng, "--set", RECIPE_32,
            "--set", "output.tfrecord.image_encoding=png"));
    waits.forEach(Runnable::run);
  }

  /** Starts {@code submit.sh run}; the returned action waits for it and fails on an error. */
  private static Runnable start(Path images, Path labels, Path out, String... extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(REPO.resolve("submit.sh").toString(),
        "--master", "local[2]", "run", "--images", images.toString(), "--labels",
        labels.toString(), "--output", out.toString(), "--epochs", "1", "--shards", "3",
        "--format", "both", "--seed", "17", "--copies-augmented", "2"));
    cmd.addAll(List.of(extra));
    Path log = tmp.resolve(out.getFileName() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PREAUG_EMBEDDED", "1");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putIfAbsent("PREAUG_JAVA_OPTS", "-Xmx512m");
    Process p = pb.start();
    return () -> {
      try {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("submit.sh run did not finish in 300 s; log " + log);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        throw new AssertionError(e);
      }
      assertEquals(0, p.exitValue(), () -> "submit.sh run failed:\n" + readLog(log));
    };
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** What TensorFlow parsed from some TFRecord files: one list entry per record. */
  static final class Parsed {
    final List<byte[]> image = new ArrayList<>();
    final List<byte[]> ops = new ArrayList<>();
    final Map<String, long[]> ints = new HashMap<>();
  }

  /**
   * {@code TFRecordDataset(files, compression)} batched whole, then {@code ParseExample} with
   * every feature of docs/formats.md as a required scalar.
   */
  static Parsed parseWithTensorFlow(List<Path> files, String compression) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      String[] names = files.stream().map(Path::toString).toArray(String[]::new);
      GraphOperation records = g.opBuilder("TFRecordDataset", "records", tf.scope())
          .addInput(tf.constant(UTF_8, names).asOutput())
          .addInput(tf.constant(UTF_8, compression).asOutput())
          .addInput(tf.constant(256L * 1024).asOutput())
          .build();
      GraphOperation batch = g.opBuilder("BatchDatasetV2", "batch", tf.scope())
          .addInput(records.output(0))
          .addInput(tf.constant(1_000_000L).asOutput())
          .addInput(tf.constant(false).asOutput())
          .setAttr("output_types", new DataType[] {DataType.DT_STRING})
          .setAttr("output_shapes", new Shape[] {Shape.of(Shape.UNKNOWN_SIZE)})
          .build();
      GraphOperation all = g.opBuilder("DatasetToSingleElement", "all", tf.scope())
          .addInput(batch.output(0))
          .setAttr("output_types", new DataType[] {DataType.DT_STRING})
          .setAttr("output_shapes", new Shape[] {Shape.of(Shape.UNKNOWN_SIZE)})
          .build();
      Output<TString> serialized = all.output(0);
      List<Operand<?>> defaults = new ArrayList<>();
      List<Shape> shapes = new ArrayList<>();
      for (String k : KEYS) {
        // An empty default makes the feature required: a record without it fails the parse.
        defaults.add(bytesFeature(k)
            ? tf.constant(UTF_8, Shape.of(0), DataBuffers.ofObjects(String.class, 0))
            : tf.constant(Shape.of(0), DataBuffers.ofLongs(0)));
        shapes.add(Shape.scalar());
      }
      Operand<TString> none = tf.constant(UTF_8, Shape.of(0), DataBuffers.ofObjects(String.class,
          0));
      ParseExample parse = tf.io.parseExample(serialized, none, none,
          tf.constant(UTF_8, KEYS.toArray(new String[0])), none, defaults, 0L, List.of(),
          List.of(), List.of(), shapes);
      Session.Runner runner = s.runner();
      for (Output<?> o : parse.denseValues()) {
        runner.fetch(o);
      }
      Parsed out = new Parsed();
      try (Result r = runner.run()) {
        for (int k = 0; k < KEYS.size(); k++) {
          Tensor t = r.get(k);
          if (bytesFeature(KEYS.get(k))) {
            TString str = (TString) t;
            List<byte[]> into = KEYS.get(k).equals("image") ? out.image : out.ops;
            for (long i = 0; i < str.shape().size(0); i++) {
              into.add(str.asBytes().getObject(i));
            }
          } else {
            TInt64 v = (TInt64) t;
            long[] vals = new long[(int) v.shape().size(0)];
            for (int i = 0; i < vals.length; i++) {
              vals[i] = v.getLong(i);
            }
            out.ints.put(KEYS.get(k), vals);
          }
        }
      }
      return out;
    }
  }

  private static boolean bytesFeature(String key) {
    return key.equals("image") || key.equals("ops");
  }

  /**
   * Decodes images with TensorFlow's own ops into {@code [h, w, c]} uint8 tensors: {@code
   * tf.io.decode_png(channels=c)}, or {@code tf.io.decode_raw} + {@code tf.reshape} to {@code [h,
   * w, c]}. Each tensor must have that shape; its pixels come back read by coordinate
   * {@code (y, x, c)}, in the order of a numpy {@code [H,W,C]} array, so the comparison with the
   * NPY shards checks the layout TensorFlow sees, not only the bytes.
   */
  static List<byte[]> decodeWithTensorFlow(List<byte[]> images, boolean png, int h, int w,
      int c) {
    List<byte[]> out = new ArrayList<>();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> in = tf.placeholder(TString.class);
      Operand<TUint8> image = png
          ? tf.image.decodePng(in, TUint8.class, DecodePng.channels((long) c))
          : tf.reshape(tf.io.decodeRaw(in, TUint8.class), tf.constant(new long[] {h, w, c}));
      for (byte[] b : images) {
        try (TString t = TString.tensorOfBytes(NdArrays.scalarOfObject(b));
            Result r = s.runner().feed(in, t).fetch(image).run()) {
          TUint8 px = (TUint8) r.get(0);
          assertEquals(Shape.of(h, w, c), px.shape(), "the decoded image's shape");
          byte[] bytes = new byte[h * w * c];
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              for (int k = 0; k < c; k++) {
                bytes[(y * w + x) * c + k] = px.getByte(y, x, k);
              }
            }
          }
          out.add(bytes);
        }
      }
    }
    return out;
  }

  /** The epoch's records as its NPY shards hold them, shard by shard, in file order. */
  static List<OutputRecord> npyRecords(Path out) throws IOException {
    EpochReader reader = EpochReader.open(new LocalEpochStore(), out.resolve("epoch-00000")
        .toString());
    List<OutputRecord> all = new ArrayList<>();
    for (ShardInfo s : reader.manifest().shardList) {
      try (EpochReader.Records rs = reader.npy(s, true)) {
        for (OutputRecord r = rs.next(); r != null; r = rs.next()) {
          all.add(r);
        }
        rs.finish();
      }
    }
    return all;
  }

  static List<Path> tfrecordFiles(Path out) throws IOException {
    EpochReader reader = EpochReader.open(new LocalEpochStore(), out.resolve("epoch-00000")
        .toString());
    List<Path> files = new ArrayList<>();
    for (ShardInfo s : reader.manifest().shardList) {
      files.add(Paths.get(reader.path(s, FileInfo.TFRECORD)));
    }
    return files;
  }

  private static void assertSameRecords(Path out, String compression, boolean png)
      throws IOException {
    assertSameRecords(out, compression, png, 64, 64, 1);
  }

  private static void assertSameRecords(Path out, String compression, boolean png, int h, int w,
      int c) throws IOException {
    List<OutputRecord> npy = npyRecords(out);
    EpochManifest m = EpochReader.open(new LocalEpochStore(), out.resolve("epoch-00000")
        .toString()).manifest();
    assertEquals(SAMPLES * 3, npy.size());
    assertEquals(m.records, npy.size());
    Parsed tf = parseWithTensorFlow(tfrecordFiles(out), compression);
    assertEquals(c, m.channels);
    List<byte[]> pixels = decodeWithTensorFlow(tf.image, png, h, w, c);
    assertEquals(npy.size(), pixels.size(), "records TensorFlow parsed");
    int originals = 0;
    for (int i = 0; i < npy.size(); i++) {
      OutputRecord r = npy.get(i);
      String at = out.getFileName() + " record " + i;
      assertArrayEquals(r.pixels(), pixels.get(i), at + ": image");
      assertEquals(r.label(), tf.ints.get("label")[i], at + ": label");
      assertEquals(r.index(), tf.ints.get("index")[i], at + ": index");
      assertEquals(r.augmented() ? 1 : 0, tf.ints.get("augmented")[i], at + ": augmented");
      assertEquals(r.ops(), new String(tf.ops.get(i), UTF_8), at + ": ops");
      assertEquals(h, tf.ints.get("height")[i]);
      assertEquals(w, tf.ints.get("width")[i]);
      assertEquals(c, tf.ints.get("channels")[i]);
      assertEquals(r.index() % CLASSES, r.label(), at + ": label of its sample");
      if (!r.augmented()) {
        originals++;
        byte[] in = c == 1 ? input[(int) r.index()] : rgbInput.image((int) r.index()).toArray();
        assertArrayEquals(in, pixels.get(i), at + ": an original is the input");
      }
    }
    assertEquals(SAMPLES, originals);
  }

  @Test
  void rawShardsParseToTheNpyRecords() throws IOException {
    assertSameRecords(raw, "", false);
  }

  @Test
  void gzipPngShardsParseToTheFloat16NpyRecords() throws IOException {
    assertSameRecords(variant, "GZIP", true);
  }

  @Test
  void rgbRawShardsDecodeToTheNpyRecords() throws IOException {
    assertSameRecords(rgb, "", false, 32, 32, 3);
  }

  @Test
  void rgbPngShardsDecodeToTheNpyRecords() throws IOException {
    assertSameRecords(rgbPng, "", true, 32, 32, 3);
    // colour type 2 (8-bit RGB) in the IHDR chunk: TensorFlow decoded what it was meant to
    byte[] first = parseWithTensorFlow(tfrecordFiles(rgbPng).subList(0, 1), "").image.get(0);
    assertEquals(8, first[24]);
    assertEquals(2, first[25]);
  }

  @Test
  void tensorFlowRefusesAShardWithAFlippedByte() throws IOException {
    List<Path> files = tfrecordFiles(raw);
    Path bad = tmp.resolve("flipped.tfrecord");
    byte[] b = Files.readAllBytes(files.get(1));
    b[b.length / 2] ^= 0x10;
    Files.write(bad, b);
    TensorFlowException e = assertThrows(TensorFlowException.class,
        () -> parseWithTensorFlow(List.of(files.get(0), bad), ""));
    assertTrue(e.getMessage().contains("corrupted record"), e.getMessage());
  }

  @Test
  void aRecordWithoutARequiredFeatureFailsTheParse() {
    // The spec's empty defaults make every feature required: a record the job did not write
    // (an Example with only "label") must not parse with zeros filled in.
    Path other = tmp.resolve("partial.tfrecord");
    byte[] example = {0x0a, 0x10, 0x0a, 0x0e, 0x0a, 0x05, 'l', 'a', 'b', 'e', 'l', 0x12, 0x05,
        0x1a, 0x03, 0x0a, 0x01, 0x05};
    try {
      Files.write(other, frame(example));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    TFInvalidArgumentException e = assertThrows(TFInvalidArgumentException.class,
        () -> parseWithTensorFlow(List.of(other), ""));
    assertTrue(e.getMessage().contains("is required but could not be found"), e.getMessage());
  }

  private static Feature parse(Path epochOutput) throws IOException {
    String json = Files.readString(epochOutput.resolve("epoch-00000/features.json"));
    Feature.Builder b = Feature.newBuilder();
    JsonFormat.parser().merge(json, b);
    return b.build();
  }

  private static void assertCommonFeatures(Map<String, Feature> f) {
    assertEquals(new TreeSet<>(List.of("augmented", "channels", "height", "image", "index",
        "label", "ops", "width")), new TreeSet<>(f.keySet()), "the features the records carry");
    assertEquals(CLASSES, f.get("label").getClassLabel().getNumClasses());
    assertTrue(f.get("ops").hasText(), "ops is TFDS Text");
    for (String k : List.of("augmented", "channels", "height", "index", "width")) {
      TensorFeature t = f.get(k).getTensor();
      assertEquals("int64", t.getDtype(), k);
      assertEquals(0, t.getShape().getDimensionsCount(), k + " is a scalar");
    }
  }

  // ---------------------------------------------------------------- TFDS features.json
  // features.json parsed strictly against TFDS's feature schema (src/test/proto/
  // tfds_features.proto, from TFDS's field numbers): every field must be one TFDS knows, and the
  // features must be those TensorFlow parsed from the records, with their types and shapes.

  @Test
  void rawEpochImageIsAUint8TensorOfTheImageShape() throws Exception {
    Feature root = parse(raw);
    assertEquals("tensorflow_datasets.core.features.features_dict.FeaturesDict",
        root.getPythonClassName());
    Map<String, Feature> f = root.getFeaturesDict().getFeaturesMap();
    assertCommonFeatures(f);
    TensorFeature image = f.get("image").getTensor();
    assertEquals(List.of(64L, 64L, 1L), image.getShape().getDimensionsList());
    assertEquals("uint8", image.getDtype());
    assertEquals("bytes", image.getEncoding());
  }

  @Test
  void rgbEpochsDescribeHwc3Images() throws Exception {
    Map<String, Feature> f = parse(rgb).getFeaturesDict().getFeaturesMap();
    assertCommonFeatures(f);
    assertEquals(List.of(32L, 32L, 3L), f.get("image").getTensor().getShape()
        .getDimensionsList());
    assertEquals("uint8", f.get("image").getTensor().getDtype());
    Map<String, Feature> p = parse(rgbPng).getFeaturesDict().getFeaturesMap();
    assertCommonFeatures(p);
    assertEquals("tensorflow_datasets.core.features.image_feature.Image",
        p.get("image").getPythonClassName());
    assertEquals(List.of(32L, 32L, 3L), p.get("image").getImage().getShape()
        .getDimensionsList());
    assertEquals("png", p.get("image").getImage().getEncodingFormat());
  }

  @Test
  void pngEpochImageIsATfdsImage() throws Exception {
    Map<String, Feature> f = parse(variant).getFeaturesDict().getFeaturesMap();
    assertCommonFeatures(f);
    assertEquals("tensorflow_datasets.core.features.image_feature.Image",
        f.get("image").getPythonClassName());
    assertEquals(List.of(64L, 64L, 1L), f.get("image").getImage().getShape().getDimensionsList());
    assertEquals("png", f.get("image").getImage().getEncodingFormat());
    assertEquals("uint8", f.get("image").getImage().getDtype());
  }

  /**
   * dataset_info.json parses strictly as TFDS's DatasetInfo, and what it says leads TFDS to the
   * shard files with the record counts TensorFlow read from them.
   */
  @Test
  void datasetInfoParsesAsTfdsAndLeadsToTheShards() throws IOException {
    for (Path out : List.of(raw, variant, rgb, rgbPng)) {
      Path epoch = out.resolve("epoch-00000");
      DatasetInfo.Builder b = DatasetInfo.newBuilder();
      JsonFormat.parser().merge(Files.readString(epoch.resolve("dataset_info.json")), b);
      DatasetInfo info = b.build();
      assertEquals("tfrecord", info.getFileFormat());
      assertEquals(1, info.getSplitsCount());
      SplitInfo split = info.getSplits(0);
      assertEquals("train", split.getName());
      List<Path> files = tfrecordFiles(out);
      assertEquals(files.size(), split.getShardLengthsCount());
      long bytes = 0;
      for (int k = 0; k < files.size(); k++) {
        // TFDS finds shard k by expanding the template; it must name the file preaug wrote.
        String name = split.getFilepathTemplate().replace("{DATASET}", info.getName())
            .replace("{SPLIT}", split.getName()).replace("{FILEFORMAT}", info.getFileFormat())
            .replace("{SHARD_X_OF_Y}", String.format("%05d-of-%05d", k, files.size()));
        assertEquals(files.get(k).getFileName().toString(), name);
        String compression = out == variant ? "GZIP" : "";
        assertEquals(parseWithTensorFlow(List.of(files.get(k)), compression).image.size(),
            split.getShardLengths(k), name + ": records");
        bytes += Files.size(files.get(k));
      }
      assertEquals(bytes, split.getNumBytes());
    }
  }

  @Test
  void theParserIsStrict() {
    // The check means something only if a field TFDS does not know fails the parse.
    InvalidProtocolBufferException e = assertThrows(InvalidProtocolBufferException.class,
        () -> JsonFormat.parser().merge("{\"pythonClassName\": \"x\", \"tensr\": {}}",
            Feature.newBuilder()));
    assertTrue(e.getMessage().contains("tensr"), e.getMessage());
  }

  /** TFRecord framing of one record, written here independently of preaug's writer. */
  private static byte[] frame(byte[] data) {
    byte[] out = new byte[12 + data.length + 4];
    LittleEndian.putLong(out, 0, data.length);
    LittleEndian.putInt(out, 8, maskedCrc(out, 0, 8));
    System.arraycopy(data, 0, out, 12, data.length);
    LittleEndian.putInt(out, 12 + data.length, maskedCrc(data, 0, data.length));
    return out;
  }

  private static int maskedCrc(byte[] b, int off, int len) {
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(b, off, len);
    int v = (int) c.getValue();
    return ((v >>> 15) | (v << 17)) + 0xa282ead8;
  }
}
