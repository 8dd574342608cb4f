package dev.preaug.core.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.BadInputException;
import dev.preaug.core.parity.CaseResult.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity} on the golden-tv set (torchvision 0.14's functional API on PIL images, Pillow
 * 9.4): every case of an op preaug has is read with torchvision's own parameter names and comes
 * out exact; every other case is refused by the manifest reader with a message naming the case,
 * the field and why, never silently scored as something else.
 */
class TorchvisionParityTest {
  @TempDir
  Path tmp;

  @Test
  void casesOfBuiltOpsAreExactAndTheOthersAreRefusedByName() throws IOException,
      URISyntaxException {
    Path src = Path.of(getClass().getClassLoader().getResource("golden-tv/manifest.json")
        .toURI()).getParent();
    Path copy = tmp.resolve("golden-tv");
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = copy.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode all = json.readTree(copy.resolve("manifest.json").toFile());
    ArrayNode kept = json.createArrayNode();
    Map<String, Integer> refused = new TreeMap<>();
    Path one = copy.resolve("one.json");
    for (JsonNode c : all.get("cases")) {
      ObjectNode m = json.createObjectNode();
      m.set("cases", json.createArrayNode().add(c));
      Files.write(one, json.writeValueAsBytes(m));
      try {
        ParityManifest.read(one);
        kept.add(c);
      } catch (BadInputException e) {
        String rule = e.getMessage().replaceAll(".*: field '", "'")
            .replaceAll("\\[-?[0-9., ]+\\]", "[..]").replaceAll(" \\(expected.*", "");
        refused.merge(c.get("op").asText() + " " + rule, 1, Integer::sum);
      }
    }
    String perBand = "a fill per band ([..]) is not supported; give one number for every band";
    String nearestOnly = " is not supported (affine has nearest only so far)";
    assertEquals(Map.ofEntries(
        Map.entry("affine 'params.fill': " + perBand, 19),
        Map.entry("affine 'params.interpolation': 'bicubic'" + nearestOnly, 11),
        Map.entry("affine 'params.interpolation': 'bilinear'" + nearestOnly, 22),
        Map.entry("chain 'params.steps[..].params.interpolation': unknown parameter of rotate",
            1),
        Map.entry("pad_crop 'params.fill': " + perBand, 2),
        Map.entry("rotate 'params.fill': unknown parameter of rotate", 3),
        Map.entry("rotate 'params.interpolation': unknown parameter of rotate", 35)), refused);

    ObjectNode m = json.createObjectNode();
    m.set("cases", kept);
    Path manifest = copy.resolve("supported.json");
    Files.write(manifest, json.writeValueAsBytes(m));
    ParityReport r = new Parity(ParityManifest.read(manifest), tmp.resolve("out"), false).run();
    for (CaseResult c : r.results()) {
      assertEquals(Status.EXACT, c.status(), c.describe());
    }
    assertEquals(kept.size(), r.count(Status.EXACT));
    assertEquals(all.get("cases").size() - 93, kept.size());
    assertEquals(784, kept.size());
  }
}
