package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EpochManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ShardInfo shard(int k, long records, long first, long augmented, Map<Integer, Long> h) {
    String name = "kanji";
    List<FileInfo> files = List.of(
        new FileInfo(FileInfo.TFRECORD, ShardNames.tfrecord(name, k, 2), 1000 + k, "aa" + k),
        new FileInfo(FileInfo.IMAGES, ShardNames.images(name, k, 2), 500 + k, "bb" + k),
        new FileInfo(FileInfo.LABELS, ShardNames.labels(name, k, 2), 140, "cc" + k),
        new FileInfo(FileInfo.INDEX, ShardNames.index(name, k, 2), 168, "dd" + k),
        new FileInfo(FileInfo.OPS, ShardNames.ops(name, k, 2), 77, "ee" + k));
    return new ShardInfo(k, records, first, files, new TreeMap<>(h), augmented, "/tmp/attempt-" + k,
        1.25);
  }

  static EpochManifest full() {
    EpochManifest m = new EpochManifest();
    m.toolVersion = "9.9.9-test";
    m.name = "kanji";
    m.epoch = 12;
    m.seed = -42;
    m.samples = 5;
    m.records = 10;
    m.copiesOriginal = 1;
    m.copiesAugmented = 1;
    m.shards = 2;
    m.height = 64;
    m.width = 63;
    m.channels = 1;
    m.formats = List.of("tfrecord", "npy");
    m.npyDtype = "float16";
    m.tfrecordImageEncoding = "png";
    m.tfrecordCompression = "gzip";
    m.configHash = "sha256:abc";
    m.inputFingerprint = "fp:123";
    m.input = "file:/data/in.npy";
    m.runId = "run-7";
    m.recipe = new LinkedHashMap<>(Map.of("recipe.steps", "geometry, filter"));
    m.recipe.put("recipe.geometry.choices", "rotate");
    m.numClasses = 3036;
    m.classNames = true;
    m.shardList = List.of(shard(0, 5, 0, 2, Map.of(0, 3L, 7, 2L)),
        shard(1, 5, 5, 3, Map.of(7, 1L, 3035, 4L)));
    m.timings = new LinkedHashMap<>();
    m.timings.put("total_seconds", 12.5);
    m.timings.put("write_seconds", 3.25);
    m.timings.put("note", "warm");
    return m;
  }

  @Test
  void derivedTotals() {
    EpochManifest m = full();
    assertEquals(5, m.augmentedRecords());
    assertEquals((1000 + 500 + 140 + 168 + 77) * 2 + 1 + 1, m.bytes());
    assertEquals(new TreeMap<>(Map.of(0, 3L, 7, 3L, 3035, 4L)), m.labelHistogram());
  }

  @Test
  void jsonHasTheDocumentedFields() throws Exception {
    JsonNode j = JSON.readTree(full().toJson());
    assertEquals("preaug-epoch", j.get("format").asText());
    assertEquals(1, j.get("format_version").asInt());
    assertEquals("preaug", j.get("tool").asText());
    assertEquals("9.9.9-test", j.get("tool_version").asText());
    assertEquals("kanji", j.get("name").asText());
    assertEquals("train", j.get("split").asText());
    assertEquals(12, j.get("epoch").asLong());
    assertEquals(-42, j.get("seed").asLong());
    assertEquals(10, j.get("records").asLong());
    assertEquals(5, j.get("augmented_records").asLong());
    assertEquals(64, j.get("image").get("height").asInt());
    assertEquals(63, j.get("image").get("width").asInt());
    assertEquals("float16", j.get("image").get("npy_dtype").asText());
    assertEquals("png", j.get("image").get("tfrecord_encoding").asText());
    assertEquals("tfrecord", j.get("formats").get(0).asText());
    assertEquals("gzip", j.get("tfrecord_compression").asText());
    assertEquals("labels.txt", j.get("class_names").asText());
    assertEquals("splitmix64/fmix64-record-seed/feistel6", j.get("rng").asText());
    assertEquals(full().bytes(), j.get("bytes").asLong());
    assertEquals(3, j.get("label_histogram").get("7").asLong());
    JsonNode s1 = j.get("shard_list").get(1);
    assertEquals(1, s1.get("shard").asInt());
    assertEquals(5, s1.get("first_position").asLong());
    assertEquals(3, s1.get("augmented").asLong());
    assertEquals("kanji-train.tfrecord-00001-of-00002",
        s1.get("files").get("tfrecord").get("file").asText());
    assertEquals(1001, s1.get("files").get("tfrecord").get("bytes").asLong());
    assertEquals("ee1", s1.get("files").get("ops").get("sha256").asText());
    assertEquals(4, s1.get("label_histogram").get("3035").asLong());
    assertFalse(s1.has("attempt_dir"), "attempt dirs are task-internal");
    assertEquals(12.5, j.get("timings").get("total_seconds").asDouble());
    assertTrue(full().toJson().endsWith("}\n"));
  }

  @Test
  void roundTripKeepsEveryField() {
    EpochManifest m = full();
    String json = m.toJson();
    EpochManifest back = EpochManifest.parse(json);
    assertEquals(json, back.toJson());
    assertEquals(m.toolVersion, back.toolVersion);
    assertEquals(m.name, back.name);
    assertEquals(m.split, back.split);
    assertEquals(m.epoch, back.epoch);
    assertEquals(m.seed, back.seed);
    assertEquals(m.samples, back.samples);
    assertEquals(m.records, back.records);
    assertEquals(m.copiesOriginal, back.copiesOriginal);
    assertEquals(m.copiesAugmented, back.copiesAugmented);
    assertEquals(m.shards, back.shards);
    assertEquals(m.height, back.height);
    assertEquals(m.width, back.width);
    assertEquals(m.channels, back.channels);
    assertEquals(m.formats, back.formats);
    assertEquals(m.npyDtype, back.npyDtype);
    assertEquals(m.tfrecordImageEncoding, back.tfrecordImageEncoding);
    assertEquals(m.tfrecordCompression, back.tfrecordCompression);
    assertEquals(m.configHash, back.configHash);
    assertEquals(m.inputFingerprint, back.inputFingerprint);
    assertEquals(m.input, back.input);
    assertEquals(m.runId, back.runId);
    assertEquals(m.recipe, back.recipe);
    assertEquals(m.rng, back.rng);
    assertEquals(m.numClasses, back.numClasses);
    assertEquals(m.classNames, back.classNames);
    assertEquals(m.timings, back.timings);
    assertEquals(2, back.shardList.size());
    for (int k = 0; k < 2; k++) {
      ShardInfo a = m.shardList.get(k);
      ShardInfo b = back.shardList.get(k);
      assertEquals(a.shard(), b.shard());
      assertEquals(a.records(), b.records());
      assertEquals(a.firstPosition(), b.firstPosition());
      assertEquals(a.augmented(), b.augmented());
      assertEquals(a.labelHistogram(), b.labelHistogram());
      assertEquals(a.bytes(), b.bytes());
      assertEquals(a.files().size(), b.files().size());
      for (FileInfo f : a.files()) {
        FileInfo g = b.file(f.kind());
        assertEquals(f.file(), g.file());
        assertEquals(f.bytes(), g.bytes());
        assertEquals(f.sha256(), g.sha256());
      }
      // Not part of the manifest: where a task attempt wrote, and how long it took.
      assertEquals("", b.attemptPrefix());
      assertEquals(0.0, b.seconds());
    }
  }

  @Test
  void roundTripOfSparseManifest() {
    EpochManifest m = new EpochManifest();
    m.name = "d";
    m.configHash = "h";
    m.inputFingerprint = "f";
    EpochManifest back = EpochManifest.parse(m.toJson());
    // Unset optional fields come back as epoch_format.json's defaults.
    assertEquals("", back.input);
    assertEquals("", back.runId);
    assertFalse(back.classNames);
    assertTrue(back.shardList.isEmpty());
    assertEquals(Version.get(), back.toolVersion);
    back.input = null;
    back.runId = null;
    assertEquals(m.toJson(), back.toJson());
  }

  @Test
  void versionIsFilteredIn() {
    assertTrue(Version.get().matches("\\d+\\.\\d+\\.\\d+.*"), Version.get());
  }

  private static String without(String json, String... path) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(json);
    ObjectNode n = root;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode next = n.get(path[i]);
      n = (ObjectNode) (next.isArray() ? next.get(0) : next);
    }
    n.remove(path[path.length - 1]);
    return JSON.writeValueAsString(root);
  }

  private static String parseError(String json) {
    return assertThrows(IllegalArgumentException.class, () -> EpochManifest.parse(json))
        .getMessage();
  }

  @Test
  void parseErrors() throws Exception {
    assertTrue(parseError("{not json").startsWith("not valid JSON: "), parseError("{not json"));
    assertEquals("not a preaug manifest (\"format\" is not \"preaug-epoch\")", parseError("[]"));
    assertEquals("not a preaug manifest (\"format\" is not \"preaug-epoch\")", parseError(""));
    assertEquals("not a preaug manifest (\"format\" is not \"preaug-epoch\")",
        parseError("{\"format\": \"tfds\"}"));
    String json = full().toJson();
    assertEquals("not a preaug manifest (\"format\" is not \"preaug-epoch\")",
        parseError(without(json, "format")));
    assertEquals("manifest format_version 2 is not supported (this preaug reads 1)",
        parseError(json.replace("\"format_version\" : 1", "\"format_version\" : 2")));
    assertEquals("manifest field 'format_version' is missing",
        parseError(without(json, "format_version")));
  }

  @Test
  void missingFieldsAreNamed() throws Exception {
    // The fields epoch_format.json marks required (EpochFormatTest checks the list against it).
    String json = full().toJson();
    String[][] paths = {{"epoch"}, {"records"}, {"copies_original"}, {"copies_augmented"},
        {"shards"}, {"image"}, {"image", "height"}, {"image", "width"}, {"formats"},
        {"shard_list"}, {"shard_list", "shard"}, {"shard_list", "records"},
        {"shard_list", "files"}};
    for (String[] p : paths) {
      assertEquals("manifest field '" + p[p.length - 1] + "' is missing",
          parseError(without(json, p)), String.join(".", p));
    }
    // Optional fields may be absent (or null) and take the documented defaults.
    String nullSha = json.replace("\"sha256\" : \"aa0\"", "\"sha256\" : null");
    assertTrue(nullSha.contains("\"sha256\" : null"));
    EpochManifest m = EpochManifest.parse(without(without(without(without(without(without(
        without(without(nullSha, "input"), "run_id"), "timings"), "class_names"), "bytes"),
        "seed"), "rng"), "shard_list", "first_position"));
    assertEquals("", m.input);
    assertEquals("", m.runId);
    assertEquals(0, m.seed);
    assertEquals("", m.rng);
    assertEquals(0, m.shardList.get(0).firstPosition());
    assertFalse(m.classNames);
    assertTrue(m.timings.isEmpty());
    assertTrue(m.shardList.stream().flatMap(sh -> sh.files().stream())
        .anyMatch(f -> f.sha256().isEmpty()));
  }

  @Test
  void shardInfoAndFileInfo() {
    ShardInfo s = shard(1, 5, 5, 3, Map.of(2, 1L));
    assertEquals(1, s.shard());
    assertEquals("/tmp/attempt-1", s.attemptPrefix());
    assertEquals(1.25, s.seconds());
    assertEquals(1001 + 501 + 140 + 168 + 77, s.bytes());
    assertEquals("kanji-train.index-00001-of-00002.npy", s.file(FileInfo.INDEX).file());
    assertNull(s.file("nope"));
    assertEquals("tfrecord:x (3 bytes)", new FileInfo("tfrecord", "x", 3, "s").toString());
    // Defensive copies: the caller's collections and the returned histogram are independent.
    TreeMap<Integer, Long> h = new TreeMap<>(Map.of(1, 1L));
    java.util.ArrayList<FileInfo> files = new java.util.ArrayList<>();
    ShardInfo t = new ShardInfo(0, 1, 0, files, h, 0, "", 0);
    h.put(2, 2L);
    files.add(new FileInfo("a", "b", 1, "c"));
    t.labelHistogram().put(3, 3L);
    assertEquals(Map.of(1, 1L), t.labelHistogram());
    assertTrue(t.files().isEmpty());
    assertEquals("tfrecord", FileInfo.TFRECORD);
    assertEquals("images", FileInfo.IMAGES);
    assertEquals("labels", FileInfo.LABELS);
    assertEquals("index", FileInfo.INDEX);
    assertEquals("ops", FileInfo.OPS);
  }

  @Test
  void shardInfoIsSerializable() throws Exception {
    ShardInfo s = shard(0, 5, 0, 2, Map.of(0, 5L));
    java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bos)) {
      out.writeObject(s);
    }
    ShardInfo back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bos.toByteArray()))) {
      back = (ShardInfo) in.readObject();
    }
    assertEquals(s.bytes(), back.bytes());
    assertEquals(s.labelHistogram(), back.labelHistogram());
    assertEquals(s.file(FileInfo.OPS).sha256(), back.file(FileInfo.OPS).sha256());
  }
}
