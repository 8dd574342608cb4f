package dev.preaug.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code dataset_info.json} and {@code features.json} for TFRecord epochs, in the JSON forms of
 * TFDS's DatasetInfo and FeaturesDict messages, so {@code tfds.builder_from_directory(epoch_dir)}
 * can open an epoch. The image is a TFDS Tensor with "bytes" encoding (raw uint8, reshaped on
 * decode) or an Image with PNG encoding.
 */
public final class TfdsMetadata {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PKG = "tensorflow_datasets.core.features.";

  private TfdsMetadata() {}

  public static String datasetInfo(EpochManifest m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", m.name);
    root.put("description", "Pre-augmented epoch " + m.epoch + " written by preaug "
        + m.toolVersion + " (seed " + m.seed + ").");
    root.put("version", "1.0.0");
    root.put("fileFormat", "tfrecord");
    root.put("moduleName", "preaug");
    ArrayNode splits = root.putArray("splits");
    ObjectNode train = splits.addObject();
    train.put("name", m.split);
    long bytes = 0;
    ArrayNode lengths = train.putArray("shardLengths");
    for (ShardInfo s : m.shardList) {
      lengths.add(Long.toString(s.records()));
      FileInfo f = s.file(FileInfo.TFRECORD);
      bytes += f == null ? 0 : f.bytes();
    }
    train.put("numBytes", Long.toString(bytes));
    train.put("filepathTemplate", "{DATASET}-{SPLIT}.{FILEFORMAT}-{SHARD_X_OF_Y}");
    return write(root);
  }

  public static String features(EpochManifest m, List<String> classNames) {
    ObjectNode root = JSON.createObjectNode();
    root.put("pythonClassName", PKG + "features_dict.FeaturesDict");
    ObjectNode features = root.putObject("featuresDict").putObject("features");
    // One entry per Example feature of epoch_format.json, in its order.
    for (EpochFormat.Feature f : EpochFormat.features()) {
      ObjectNode node = features.putObject(f.name());
      switch (f.tfds()) {
        case "image" -> {
          if ("png".equals(m.tfrecordImageEncoding)) {
            node.put("pythonClassName", PKG + "image_feature.Image");
            ObjectNode img = node.putObject("image");
            shape(img, m.height, m.width, m.channels);
            img.put("dtype", "uint8");
            img.put("encodingFormat", "png");
          } else {
            tensor(node, "uint8", "bytes", m.height, m.width, m.channels);
          }
        }
        case "class_label" -> {
          node.put("pythonClassName", PKG + "class_label_feature.ClassLabel");
          node.putObject("classLabel").put("numClasses", Long.toString(
              classNames.isEmpty() ? m.numClasses : classNames.size()));
        }
        case "text" -> {
          node.put("pythonClassName", PKG + "text_feature.Text");
          node.putObject("text");
        }
        case "tensor" -> tensor(node, f.type(), "none");
        default -> throw new IllegalStateException("epoch_format.json: feature " + f.name()
            + " has unknown tfds kind " + f.tfds());
      }
    }
    return write(root);
  }

  private static void tensor(ObjectNode node, String dtype, String encoding, long... dims) {
    node.put("pythonClassName", PKG + "tensor_feature.Tensor");
    ObjectNode t = node.putObject("tensor");
    shape(t, dims);
    t.put("dtype", dtype);
    t.put("encoding", encoding);
  }

  private static void shape(ObjectNode node, long... dims) {
    ArrayNode d = node.putObject("shape").putArray("dimensions");
    for (long v : dims) {
      d.add(Long.toString(v));
    }
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
