package dev.preaug.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The published epoch format as data: {@code epoch_format.json}, the one file that defines
 * epoch directory names, the tf.train.Example features and the manifest's fields with their
 * defaults. The Python client ships and loads the same file ({@code clients/python/preaug});
 * the core build copies it onto the classpath. Both test suites check their code against it.
 */
public final class EpochFormat {
  private static final JsonNode SCHEMA = load();

  private EpochFormat() {}

  /** One feature of every record's tf.train.Example. */
  public record Feature(String name, String type, String tfds, String meaning) {}

  private static JsonNode load() {
    try (InputStream in = EpochFormat.class.getResourceAsStream("epoch_format.json")) {
      if (in == null) {
        throw new IllegalStateException("epoch_format.json is not on the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole definition (read-only by contract). */
  public static JsonNode schema() {
    return SCHEMA;
  }

  /** The Example features, in the order the format lists them. */
  public static List<Feature> features() {
    List<Feature> out = new ArrayList<>();
    for (JsonNode f : SCHEMA.get("example_features")) {
      out.add(new Feature(f.get("name").asText(), f.get("type").asText(),
          f.get("tfds").asText(), f.get("meaning").asText()));
    }
    return out;
  }

  /**
   * The definition of one manifest field: {@code section} is {@code fields} (top level),
   * {@code image_fields}, {@code shard_fields} or {@code file_fields}.
   */
  static JsonNode field(String section, String name) {
    JsonNode f = SCHEMA.get("manifest").get(section).get(name);
    if (f == null) {
      throw new IllegalArgumentException("epoch_format.json: no manifest field " + section + "."
          + name);
    }
    return f;
  }

  /** True when a manifest must have the field. */
  static boolean required(String section, String name) {
    return field(section, name).path("required").asBoolean(false);
  }

  /** The value readers assume when an optional field is absent (JSON null when none). */
  static JsonNode defaultValue(String section, String name) {
    return field(section, name).path("default");
  }
}
