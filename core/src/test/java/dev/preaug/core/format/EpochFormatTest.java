package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.proto.Example;
import dev.preaug.core.proto.Feature;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.ExampleWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Java side against epoch_format.json, the one definition of the epoch format (the Python
 * client loads the same file and its tests check the Python side): directory names, the Example
 * features, the manifest's fields and their defaults.
 */
class EpochFormatTest {
  private static final JsonNode SCHEMA = EpochFormat.schema();
  private static final JsonNode MANIFEST = SCHEMA.get("manifest");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theClasspathCopyIsTheClientsFile() throws Exception {
    Path file = Path.of("..", "clients", "python", "preaug", "epoch_format.json");
    assertEquals(JSON.readTree(file.toFile()), SCHEMA);
  }

  @Test
  void epochDirectoryNames() {
    Iterator<Map.Entry<String, JsonNode>> it = SCHEMA.get("epoch_dir").get("valid").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      assertEquals(e.getValue().asLong(), ShardNames.parseEpochDir(e.getKey()), e.getKey());
      assertEquals(e.getKey(), ShardNames.epochDir(e.getValue().asLong()));
    }
    for (JsonNode n : SCHEMA.get("epoch_dir").get("invalid")) {
      assertEquals(-1, ShardNames.parseEpochDir(n.asText()), n.asText());
    }
    assertEquals(SCHEMA.get("epoch_dir").get("success").asText(), ShardNames.SUCCESS);
    assertEquals(SCHEMA.get("epoch_dir").get("manifest").asText(), ShardNames.MANIFEST);
  }

  @Test
  void examplesCarryExactlyTheDefinedFeatures() throws Exception {
    OutputRecord r = new OutputRecord(12, 3, true, "rotate(5)", 2, 3, 1, new byte[6]);
    for (byte[] bytes : List.of(ExampleCodec.encode(r, ImageEncoding.RAW),
        ExampleWriter.encodeRaw(r))) {
      Map<String, Feature> f = Example.parseFrom(bytes).getFeatures().getFeatureMap();
      Map<String, String> types = new TreeMap<>();
      f.forEach((k, v) -> types.put(k, v.hasInt64List() ? "int64" : v.hasBytesList() ? "bytes"
          : "other"));
      Map<String, String> defined = new TreeMap<>();
      EpochFormat.features().forEach(d -> defined.put(d.name(), d.type()));
      assertEquals(defined, types);
    }
  }

  @Test
  void formatsMdDocumentsEveryFeature() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "formats.md"));
    for (EpochFormat.Feature f : EpochFormat.features()) {
      assertTrue(doc.contains("`" + f.name() + "`"), "docs/formats.md lacks " + f.name());
    }
    assertTrue(doc.contains("clients/python/preaug/epoch_format.json"), "formats.md points to"
        + " the definition");
  }

  private static EpochManifest full() {
    EpochManifest m = new EpochManifest();
    m.name = "n";
    m.epoch = 3;
    m.samples = 2;
    m.records = 4;
    m.copiesOriginal = 1;
    m.copiesAugmented = 1;
    m.shards = 1;
    m.height = 2;
    m.width = 2;
    m.formats.add("tfrecord");
    m.formats.add("npy");
    m.configHash = "sha256:00";
    m.config.put("seed", "0");
    m.inputFingerprint = "sha256:11";
    m.input = "npy x.npy";
    m.runId = "r";
    m.recipe.put("recipe.steps", "geometry");
    m.classNames = true;
    m.timings.put("seconds", 1.0);
    List<FileInfo> files = new ArrayList<>();
    for (JsonNode kind : MANIFEST.get("file_kinds")) {
      files.add(new FileInfo(kind.asText(), "f-" + kind.asText(), 10, "ab"));
    }
    m.shardList.add(new ShardInfo(0, 4, 0, files, new TreeMap<>(Map.of(0, 4L)), 2, "", 0));
    return m;
  }

  private static Set<String> keys(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theWriterWritesExactlyTheDefinedFields() throws Exception {
    JsonNode m = JSON.readTree(full().toJson());
    assertEquals(keys(MANIFEST.get("fields")), keys(m));
    assertEquals(keys(MANIFEST.get("image_fields")), keys(m.get("image")));
    JsonNode shard = m.get("shard_list").get(0);
    assertEquals(keys(MANIFEST.get("shard_fields")), keys(shard));
    Set<String> kinds = new TreeSet<>();
    MANIFEST.get("file_kinds").forEach(k -> kinds.add(k.asText()));
    assertEquals(kinds, keys(shard.get("files")));
    for (JsonNode f : shard.get("files")) {
      assertEquals(keys(MANIFEST.get("file_fields")), keys(f));
    }
    assertEquals(MANIFEST.get("format").asText(), EpochManifest.FORMAT);
    assertTrue(MANIFEST.get("format_versions").toString()
        .contains(Integer.toString(EpochManifest.FORMAT_VERSION)));
  }

  /** What the Python reader accepts and defaults, the Java reader accepts with the same values. */
  @Test
  void theMinimalManifestParsesWithTheDocumentedDefaults() throws Exception {
    EpochManifest m = EpochManifest.parse(MANIFEST.get("minimal").toString());
    JsonNode top = MANIFEST.get("fields");
    JsonNode image = MANIFEST.get("image_fields");
    assertEquals(3, m.epoch);
    assertEquals(top.get("seed").get("default").asLong(), m.seed);
    assertEquals(top.get("name").get("default").asText(), m.name);
    assertEquals(top.get("split").get("default").asText(), m.split);
    assertEquals(top.get("samples").get("default").asLong(), m.samples);
    assertEquals(top.get("num_classes").get("default").asInt(), m.numClasses);
    assertEquals(top.get("config_hash").get("default").asText(), m.configHash);
    assertEquals(top.get("input_fingerprint").get("default").asText(), m.inputFingerprint);
    assertEquals(top.get("tfrecord_compression").get("default").asText(),
        m.tfrecordCompression);
    assertEquals(top.get("output_algorithm").get("default").asInt(), m.outputAlgorithm);
    assertEquals(image.get("channels").get("default").asInt(), m.channels);
    assertEquals(image.get("npy_dtype").get("default").asText(), m.npyDtype);
    assertEquals(image.get("tfrecord_encoding").get("default").asText(),
        m.tfrecordImageEncoding);
    assertFalse(m.classNames);
    ShardInfo s = m.shardList.get(0);
    assertEquals(MANIFEST.get("shard_fields").get("first_position").get("default").asLong(),
        s.firstPosition());
    assertEquals(MANIFEST.get("file_fields").get("sha256").get("default").asText(),
        s.file("images").sha256());
    assertTrue(s.labelHistogram().isEmpty());
  }

  @Test
  void everyRequiredFieldIsRequired() {
    for (String section : List.of("fields", "image_fields", "shard_fields", "file_fields")) {
      Iterator<Map.Entry<String, JsonNode>> it = MANIFEST.get(section).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().path("required").asBoolean(false)
            || e.getKey().startsWith("format")) {
          continue; // format and format_version are checked with their own messages
        }
        ObjectNode m = MANIFEST.get("minimal").deepCopy();
        ObjectNode target = switch (section) {
          case "fields" -> m;
          case "image_fields" -> (ObjectNode) m.get("image");
          case "shard_fields" -> (ObjectNode) m.get("shard_list").get(0);
          default -> (ObjectNode) m.get("shard_list").get(0).get("files").get("images");
        };
        target.remove(e.getKey());
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
            () -> EpochManifest.parse(m.toString()), section + "." + e.getKey());
        assertEquals("manifest field '" + e.getKey() + "' is missing", x.getMessage());
      }
    }
  }
}
