package dev.preaug.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The golden set made by real Pillow (copied from shared/reference/golden into resources). */
public final class Golden {
  private static final String ROOT = "golden/";

  private Golden() {}

  /** One case of manifest.json. */
  public static final class Case {
    public final String id;
    public final String op;
    public final JsonNode params;
    public final JsonNode debug;
    public final String input;
    public final String output;
    /** The image mode, "L" or "RGB" (sets without the field are all L). */
    public final String mode;
    private final String root;

    Case(JsonNode c, String root) {
      this.root = root;
      this.mode = c.has("mode") ? c.get("mode").asText() : "L";
      this.id = c.get("id").asText();
      this.op = c.get("op").asText();
      this.params = c.get("params");
      this.debug = c.get("debug");
      this.input = c.get("input").asText();
      this.output = c.get("output").asText();
    }

    public GrayImage input() {
      return Images.fromNpy(Npy.resource(root + input));
    }

    public GrayImage expected() {
      return Images.fromNpy(Npy.resource(root + output));
    }

    /** The input in its own mode: [H,W] is L, [H,W,3] is RGB. */
    public Image inputImage() {
      return readImage(root + input);
    }

    /** The expected output in its own mode. */
    public Image expectedImage() {
      return readImage(root + output);
    }

    @Override
    public String toString() {
      return id + " " + op + params;
    }
  }

  public static JsonNode manifest() {
    return manifest(ROOT);
  }

  private static JsonNode manifest(String root) {
    try (InputStream in = Golden.class.getClassLoader()
        .getResourceAsStream(root + "manifest.json")) {
      if (in == null) {
        throw new IllegalStateException("golden manifest missing from test resources");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Case> cases() {
    return cases("golden");
  }

  /** The cases of one golden set in test resources: golden, golden-rgb, golden-tv, ... */
  public static List<Case> cases(String set) {
    String root = set + "/";
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : manifest(root).get("cases")) {
      cases.add(new Case(c, root));
    }
    return cases;
  }

  private static Image readImage(String resource) {
    try {
      return ImageArray.readImage(Path.of(Golden.class.getClassLoader().getResource(resource)
          .toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static GrayImage image(String relative) {
    return Images.fromNpy(Npy.resource(ROOT + relative));
  }

  public static Npy f16ToU8() {
    return Npy.resource(ROOT + "f16_to_u8.npy");
  }
}
