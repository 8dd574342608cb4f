package dev.preaug.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfdsMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PKG = "tensorflow_datasets.core.features.";

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> {
      assertTrue(n.isTextual(), "expected a string, got " + n);
      out.add(n.asText());
    });
    return out;
  }

  @Test
  void datasetInfo() throws Exception {
    EpochManifest m = EpochManifestTest.full();
    m.shardList = List.of(EpochManifestTest.shard(0, 7, 0, 3, Map.of(1, 7L)),
        EpochManifestTest.shard(1, 6, 7, 3, Map.of(1, 6L)));
    JsonNode j = JSON.readTree(TfdsMetadata.datasetInfo(m));
    assertEquals("kanji", j.get("name").asText());
    assertEquals("1.0.0", j.get("version").asText());
    assertEquals("tfrecord", j.get("fileFormat").asText());
    assertEquals("preaug", j.get("moduleName").asText());
    assertEquals("Pre-augmented epoch 12 written by preaug 9.9.9-test (seed -42).",
        j.get("description").asText());
    assertEquals(1, j.get("splits").size());
    JsonNode train = j.get("splits").get(0);
    assertEquals("train", train.get("name").asText());
    // proto3 JSON writes int64 as strings.
    assertEquals(List.of("7", "6"), texts(train.get("shardLengths")));
    assertTrue(train.get("numBytes").isTextual());
    assertEquals("2001", train.get("numBytes").asText(), "only the TFRecord files count");
    String template = train.get("filepathTemplate").asText();
    assertEquals("{DATASET}-{SPLIT}.{FILEFORMAT}-{SHARD_X_OF_Y}", template);
    // Expanded the way TFDS expands it, the template names preaug's shard files.
    for (int k = 0; k < 2; k++) {
      String expanded = template.replace("{DATASET}", "kanji").replace("{SPLIT}", "train")
          .replace("{FILEFORMAT}", "tfrecord")
          .replace("{SHARD_X_OF_Y}", String.format("%05d-of-%05d", k, 2));
      assertEquals(ShardNames.tfrecord("kanji", k, 2), expanded);
    }
  }

  @Test
  void datasetInfoWithoutTfrecordFiles() throws Exception {
    EpochManifest m = EpochManifestTest.full();
    m.shardList = List.of(new ShardInfo(0, 3, 0, List.of(new FileInfo(FileInfo.IMAGES, "x.npy",
        99, "s")), new java.util.TreeMap<>(), 0, "", 0));
    JsonNode train = JSON.readTree(TfdsMetadata.datasetInfo(m)).get("splits").get(0);
    assertEquals("0", train.get("numBytes").asText());
    assertEquals(List.of("3"), texts(train.get("shardLengths")));
  }

  private static void assertScalarInt64(JsonNode f, String name) {
    JsonNode n = f.get(name);
    assertEquals(PKG + "tensor_feature.Tensor", n.get("pythonClassName").asText(), name);
    assertEquals("int64", n.get("tensor").get("dtype").asText(), name);
    assertEquals("none", n.get("tensor").get("encoding").asText(), name);
    assertEquals(0, n.get("tensor").get("shape").get("dimensions").size(), name);
  }

  private static JsonNode features(EpochManifest m, List<String> names) throws Exception {
    JsonNode j = JSON.readTree(TfdsMetadata.features(m, names));
    assertEquals(PKG + "features_dict.FeaturesDict", j.get("pythonClassName").asText());
    JsonNode f = j.get("featuresDict").get("features");
    List<String> keys = new ArrayList<>();
    f.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("image", "label", "index", "augmented", "ops", "height", "width",
        "channels"), keys);
    for (String k : new String[] {"index", "augmented", "height", "width", "channels"}) {
      assertScalarInt64(f, k);
    }
    assertEquals(PKG + "text_feature.Text", f.get("ops").get("pythonClassName").asText());
    assertTrue(f.get("ops").get("text").isObject());
    assertEquals(PKG + "class_label_feature.ClassLabel",
        f.get("label").get("pythonClassName").asText());
    return f;
  }

  @Test
  void rawFeatures() throws Exception {
    EpochManifest m = EpochManifestTest.full();
    m.tfrecordImageEncoding = "raw";
    JsonNode f = features(m, List.of());
    JsonNode image = f.get("image");
    assertEquals(PKG + "tensor_feature.Tensor", image.get("pythonClassName").asText());
    assertEquals("uint8", image.get("tensor").get("dtype").asText());
    assertEquals("bytes", image.get("tensor").get("encoding").asText());
    assertEquals(List.of("64", "63", "1"),
        texts(image.get("tensor").get("shape").get("dimensions")));
    assertEquals("3036", f.get("label").get("classLabel").get("numClasses").asText());
    assertTrue(f.get("label").get("classLabel").get("numClasses").isTextual());
  }

  @Test
  void pngFeatures() throws Exception {
    EpochManifest m = EpochManifestTest.full();
    m.tfrecordImageEncoding = "png";
    JsonNode f = features(m, List.of("a", "b", "c"));
    JsonNode image = f.get("image");
    assertEquals(PKG + "image_feature.Image", image.get("pythonClassName").asText());
    assertEquals("uint8", image.get("image").get("dtype").asText());
    assertEquals("png", image.get("image").get("encodingFormat").asText());
    assertEquals(List.of("64", "63", "1"),
        texts(image.get("image").get("shape").get("dimensions")));
    assertEquals("3", f.get("label").get("classLabel").get("numClasses").asText(),
        "class names win over num_classes");
  }

  @Test
  void outputIsDeterministic() {
    EpochManifest m = EpochManifestTest.full();
    assertEquals(TfdsMetadata.datasetInfo(m), TfdsMetadata.datasetInfo(m));
    assertEquals(TfdsMetadata.features(m, List.of()), TfdsMetadata.features(m, List.of()));
    assertTrue(TfdsMetadata.features(m, List.of()).endsWith("}\n"));
  }
}
