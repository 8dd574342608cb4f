package dev.preaug.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a published epoch: what was written (per shard: records, files,
 * sizes, SHA-256, label histogram), from what (input fingerprint, config hash, recipe, seed,
 * epoch) and by what (tool version), plus timings. Field names are documented in
 * docs/formats.md and read by {@code verify}, resumable runs and the Python client.
 */
public final class EpochManifest {
  public static final String FORMAT = "preaug-epoch";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** Values describing the whole epoch; set by the job, read back by {@link #parse}. */
  public String toolVersion = dev.preaug.core.Version.get();
  public String name;
  public String split = ShardNames.SPLIT;
  public long epoch;
  public long seed;
  public long samples;
  public long records;
  public int copiesOriginal;
  public int copiesAugmented;
  public int shards;
  public int height;
  public int width;
  public int channels = 1;
  public List<String> formats = new ArrayList<>();
  public String npyDtype = "uint8";
  public String tfrecordImageEncoding = "raw";
  public String tfrecordCompression = "none";
  public String configHash;
  /**
   * {@link dev.preaug.core.OutputAlgorithm#VERSION} of the build that wrote the epoch; 0 when
   * the manifest predates the field.
   */
  public int outputAlgorithm = dev.preaug.core.OutputAlgorithm.VERSION;
  /** The settings the config hash covers (canonical key = value); empty in older manifests. */
  public Map<String, String> config = new TreeMap<>();
  public String inputFingerprint;
  public String input;
  public String runId;
  public Map<String, String> recipe = new LinkedHashMap<>();
  public String rng = "splitmix64/fmix64-record-seed/feistel6";
  public int numClasses;
  public boolean classNames;
  public List<ShardInfo> shardList = new ArrayList<>();
  public Map<String, Object> timings = new LinkedHashMap<>();

  public long augmentedRecords() {
    long a = 0;
    for (ShardInfo s : shardList) {
      a += s.augmented();
    }
    return a;
  }

  public long bytes() {
    long b = 0;
    for (ShardInfo s : shardList) {
      b += s.bytes();
    }
    return b;
  }

  public SortedMap<Integer, Long> labelHistogram() {
    SortedMap<Integer, Long> h = new TreeMap<>();
    for (ShardInfo s : shardList) {
      s.labelHistogram().forEach((k, v) -> h.merge(k, v, Long::sum));
    }
    return h;
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("tool", "preaug");
    root.put("tool_version", toolVersion);
    root.put("name", name);
    root.put("split", split);
    root.put("epoch", epoch);
    root.put("seed", seed);
    root.put("samples", samples);
    root.put("records", records);
    root.put("augmented_records", augmentedRecords());
    root.put("copies_original", copiesOriginal);
    root.put("copies_augmented", copiesAugmented);
    root.put("shards", shards);
    ObjectNode image = root.putObject("image");
    image.put("height", height);
    image.put("width", width);
    image.put("channels", channels);
    image.put("npy_dtype", npyDtype);
    image.put("tfrecord_encoding", tfrecordImageEncoding);
    ArrayNode f = root.putArray("formats");
    formats.forEach(f::add);
    root.put("tfrecord_compression", tfrecordCompression);
    root.put("num_classes", numClasses);
    root.put("class_names", classNames ? ShardNames.LABELS_TXT : null);
    root.put("config_hash", configHash);
    root.put("output_algorithm", outputAlgorithm);
    ObjectNode hashed = root.putObject("config");
    config.forEach(hashed::put);
    root.put("input_fingerprint", inputFingerprint);
    root.put("input", input);
    root.put("run_id", runId);
    root.put("rng", rng);
    ObjectNode r = root.putObject("recipe");
    recipe.forEach(r::put);
    root.put("bytes", bytes());
    ObjectNode hist = root.putObject("label_histogram");
    labelHistogram().forEach((k, v) -> hist.put(Integer.toString(k), v));
    ArrayNode list = root.putArray("shard_list");
    for (ShardInfo s : shardList) {
      ObjectNode n = list.addObject();
      n.put("shard", s.shard());
      n.put("records", s.records());
      n.put("first_position", s.firstPosition());
      n.put("augmented", s.augmented());
      ObjectNode files = n.putObject("files");
      for (FileInfo fi : s.files()) {
        ObjectNode fn = files.putObject(fi.kind());
        fn.put("file", fi.file());
        fn.put("bytes", fi.bytes());
        fn.put("sha256", fi.sha256());
      }
      ObjectNode h = n.putObject("label_histogram");
      s.labelHistogram().forEach((k, v) -> h.put(Integer.toString(k), v));
    }
    root.set("timings", JSON.valueToTree(timings));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A {@code manifest.json} that is valid JSON but another tool's (its {@code "format"} is not
   * {@value #FORMAT}): the directory holding it is not preaug's.
   */
  public static final class ForeignManifestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ForeignManifestException(String message) {
      super(message);
    }
  }

  /**
   * Parses a manifest. A {@link ForeignManifestException} says it is another tool's; any other
   * {@link IllegalArgumentException} says it is broken (not JSON, a missing field, an
   * unsupported version) and names the first problem.
   */
  public static EpochManifest parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new ForeignManifestException("not a preaug manifest (\"format\" is not \""
          + FORMAT + "\")");
    }
    int version = need(root, "format_version").asInt();
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("manifest format_version " + version
          + " is not supported (this preaug reads " + FORMAT_VERSION + ")");
    }
    EpochManifest m = new EpochManifest();
    m.toolVersion = get(root, F, "tool_version").asText();
    m.name = get(root, F, "name").asText();
    m.split = get(root, F, "split").asText();
    m.epoch = get(root, F, "epoch").asLong();
    m.seed = get(root, F, "seed").asLong();
    m.samples = get(root, F, "samples").asLong();
    m.records = get(root, F, "records").asLong();
    m.copiesOriginal = get(root, F, "copies_original").asInt();
    m.copiesAugmented = get(root, F, "copies_augmented").asInt();
    m.shards = get(root, F, "shards").asInt();
    JsonNode image = get(root, F, "image");
    m.height = get(image, IMAGE, "height").asInt();
    m.width = get(image, IMAGE, "width").asInt();
    m.channels = get(image, IMAGE, "channels").asInt();
    m.npyDtype = get(image, IMAGE, "npy_dtype").asText();
    m.tfrecordImageEncoding = get(image, IMAGE, "tfrecord_encoding").asText();
    m.formats = new ArrayList<>();
    get(root, F, "formats").forEach(n -> m.formats.add(n.asText()));
    m.tfrecordCompression = get(root, F, "tfrecord_compression").asText();
    m.numClasses = get(root, F, "num_classes").asInt();
    m.classNames = !get(root, F, "class_names").isNull();
    m.configHash = get(root, F, "config_hash").asText();
    m.outputAlgorithm = get(root, F, "output_algorithm").asInt();
    m.config = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> ci = get(root, F, "config").fields();
    while (ci.hasNext()) {
      Map.Entry<String, JsonNode> e = ci.next();
      m.config.put(e.getKey(), e.getValue().asText());
    }
    m.inputFingerprint = get(root, F, "input_fingerprint").asText();
    m.input = get(root, F, "input").asText();
    m.runId = get(root, F, "run_id").asText();
    m.rng = get(root, F, "rng").asText();
    Iterator<Map.Entry<String, JsonNode>> it = get(root, F, "recipe").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.recipe.put(e.getKey(), e.getValue().asText());
    }
    for (JsonNode n : get(root, F, "shard_list")) {
      List<FileInfo> files = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fi = get(n, SHARD, "files").fields();
      while (fi.hasNext()) {
        Map.Entry<String, JsonNode> e = fi.next();
        files.add(new FileInfo(e.getKey(), get(e.getValue(), FILE, "file").asText(),
            get(e.getValue(), FILE, "bytes").asLong(), get(e.getValue(), FILE, "sha256").asText()));
      }
      SortedMap<Integer, Long> h = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> hi = get(n, SHARD, "label_histogram").fields();
      while (hi.hasNext()) {
        Map.Entry<String, JsonNode> e = hi.next();
        try {
          h.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
        } catch (NumberFormatException x) {
          throw new IllegalArgumentException("manifest label_histogram key '" + e.getKey()
              + "' is not a class id");
        }
      }
      m.shardList.add(new ShardInfo(get(n, SHARD, "shard").asInt(),
          get(n, SHARD, "records").asLong(), get(n, SHARD, "first_position").asLong(), files, h,
          get(n, SHARD, "augmented").asLong(), "", 0));
    }
    JsonNode t = get(root, F, "timings");
    if (t.isObject()) {
      m.timings = JSON.convertValue(t, LinkedHashMap.class);
    }
    return m;
  }

  private static final String F = "fields";
  private static final String IMAGE = "image_fields";
  private static final String SHARD = "shard_fields";
  private static final String FILE = "file_fields";

  /**
   * A field as epoch_format.json defines it: an error naming it when a required one is missing,
   * its documented default when an optional one is (what the Python reader assumes too).
   */
  private static JsonNode get(JsonNode n, String section, String field) {
    JsonNode v = n.get(field);
    if (v != null && !v.isNull()) {
      return v;
    }
    if (EpochFormat.required(section, field)) {
      throw new IllegalArgumentException("manifest field '" + field + "' is missing");
    }
    return EpochFormat.defaultValue(section, field);
  }

  private static JsonNode need(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("manifest field '" + field + "' is missing");
    }
    return v;
  }
}
