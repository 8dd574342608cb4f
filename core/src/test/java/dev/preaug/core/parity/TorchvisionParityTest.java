package dev.preaug.core.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preaug.core.BadInputException;
import dev.preaug.core.parity.CaseResult.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity} on the golden-tv set (torchvision 0.14's functional API on PIL images, Pillow
 * 9.4): every case is read with torchvision's own parameter names (interpolations, fills per
 * band, centres included) and comes out exact, nothing refused; parameters torchvision would not
 * take are refused with a message naming the case, the field and the rule.
 */
class TorchvisionParityTest {
  @TempDir
  Path tmp;

  private static Path manifest() throws URISyntaxException {
    return Path.of(TorchvisionParityTest.class.getClassLoader()
        .getResource("golden-tv/manifest.json").toURI());
  }

  @Test
  void everyCaseIsScoredAndExact() throws IOException, URISyntaxException {
    ParityManifest m = ParityManifest.read(manifest());
    JsonNode all = new ObjectMapper().readTree(manifest().toFile());
    assertEquals(877, all.get("cases").size());
    assertEquals(877, m.cases().size());
    ParityReport r = new Parity(m, tmp.resolve("out"), false).run();
    Map<String, Integer> perOp = new TreeMap<>();
    for (CaseResult c : r.results()) {
      assertEquals(Status.EXACT, c.status(), c.describe());
      perOp.merge(c.parityCase().opName(), 1, Integer::sum);
    }
    assertEquals("877 exact, 0 within 1, 0 worse", r.summary());
    // The ops that were refused before they were built: every case of them is now scored.
    assertEquals(91, perOp.get("rotate"));
    assertEquals(162, perOp.get("affine"));
    assertEquals(15, perOp.get("grayscale"));
    assertEquals(6, perOp.get("chain"));
  }

  private String refusal(String params) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode c = (ObjectNode) json.readTree("{\"id\": \"c1\", \"op\": \"rotate\", \"input\":"
        + " \"in/a.npy\", \"output\": \"out/c1.npy\", \"params\": " + params + "}");
    ObjectNode m = json.createObjectNode();
    m.set("cases", json.createArrayNode().add(c));
    Path f = tmp.resolve("m.json");
    Files.write(f, json.writeValueAsBytes(m));
    String msg = assertThrows(BadInputException.class, () -> ParityManifest.read(f)).getMessage();
    return msg.substring(msg.indexOf("case 'c1'"));
  }

  @Test
  void parametersTorchvisionWouldRefuseAreRefusedByName() throws IOException {
    assertEquals("case 'c1': field 'params.interpolation': 'lanczos' is not one of nearest,"
        + " bilinear, bicubic", refusal("{\"angle\": 3, \"interpolation\": \"lanczos\"}"));
    assertEquals("case 'c1': field 'params.fill': fill must have 1 or 3 values (one per band),"
        + " got 2: [1, 2]", refusal("{\"angle\": 3, \"fill\": [1, 2]}"));
    assertEquals("case 'c1': field 'params.fill': fill values must be integers in [0, 255], got"
        + " 300", refusal("{\"angle\": 3, \"fill\": [300, 0, 0]}"));
    assertEquals("case 'c1': field 'params.fill[1]': expected a number, got \"x\"",
        refusal("{\"angle\": 3, \"fill\": [1, \"x\", 3]}"));
    assertEquals("case 'c1': field 'params.center': unknown parameter of rotate (expected angle,"
        + " interpolation, fill)", refusal("{\"angle\": 3, \"center\": [1, 2]}"));
  }
}
