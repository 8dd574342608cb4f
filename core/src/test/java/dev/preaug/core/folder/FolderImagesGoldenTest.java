package dev.preaug.core.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preaug.core.BadInputException;
import dev.preaug.core.image.Image;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.ops.Resample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of golden-folder/ (Pillow 9.4's {@code Image.open(f).convert(mode)} and
 * {@code .resize((w, h)[, resample])} on PNGs of modes RGB, RGBA, P, P with tRNS and L) comes out
 * bit-exact through {@link FolderImages#read}.
 */
class FolderImagesGoldenTest {
  static final Path DIR = dir();

  private static Path dir() {
    try {
      return Path.of(FolderImagesGoldenTest.class.getResource("/golden-folder/manifest.json")
          .toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode manifest() {
    try {
      return new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : manifest().get("cases")) {
      out.add(Arguments.of(c.get("id").asText(), c));
    }
    return out.stream();
  }

  /** "default" is resize() without a filter: BICUBIC in Pillow 9.4, as the manifest records. */
  static Resample resample(JsonNode c) {
    String used = c.get("resample_used").asText();
    String asked = c.get("resample").asText();
    if (asked.equals("default")) {
      assertEquals("bicubic", used, c.get("id").asText());
    }
    return Resample.parse(used);
  }

  @Test
  void theWholeSetIsHereWithEveryModeAndFilter() {
    JsonNode m = manifest();
    assertEquals("9.4.0", m.get("pillow_version").asText());
    Map<String, Integer> perKind = new TreeMap<>();
    for (JsonNode c : m.get("cases")) {
      String rs = c.get("resample").isNull() ? "none" : c.get("resample").asText();
      perKind.merge(c.get("input_mode").asText() + ">" + c.get("mode").asText() + ":" + rs, 1,
          Integer::sum);
    }
    assertEquals(87, m.get("cases").size(), perKind.toString());
    // Every input mode to both output modes, without resize and with each filter.
    for (String in : List.of("RGB", "RGBA", "P", "L")) {
      for (String mode : List.of("L", "RGB")) {
        for (String rs : List.of("none", "default", "bilinear", "nearest")) {
          assertTrue(perKind.containsKey(in + ">" + mode + ":" + rs), in + ">" + mode + ":" + rs);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPillow(String id, JsonNode c) throws IOException {
    Path png = DIR.resolve(c.get("input").asText());
    int channels = FolderImages.channelsOf(c.get("mode").asText());
    Image expected = ImageArray.readImage(DIR.resolve(c.get("expected").asText()));
    assertEquals(channels, expected.channels(), id);
    Image decoded;
    try (InputStream in = Files.newInputStream(png)) {
      decoded = FolderImages.convert(FolderImages.decode(in, png.toString()), channels);
    }
    Image actual;
    if (c.get("size").isNull()) {
      actual = decoded;
      // No size asked: read() at the image's own size is the conversion alone.
      try (InputStream in = Files.newInputStream(png)) {
        assertEquals(decoded, FolderImages.read(in, png.toString(), channels, decoded.width(),
            decoded.height(), Resample.BICUBIC), id);
      }
    } else {
      int w = c.get("size").get(0).intValue();
      int h = c.get("size").get(1).intValue();
      try (InputStream in = Files.newInputStream(png)) {
        actual = FolderImages.read(in, png.toString(), channels, w, h, resample(c));
      }
    }
    assertEquals(expected.width(), actual.width(), id);
    assertEquals(expected.height(), actual.height(), id);
    assertEquals(expected.channels(), actual.channels(), id);
    if (!expected.equals(actual)) {
      byte[] e = expected.array();
      byte[] a = actual.array();
      int i = 0;
      while (e[i] == a[i]) {
        i++;
      }
      int px = i / channels;
      assertArrayEquals(e, a, id + ": first difference at (x=" + px % actual.width() + ", y="
          + px / actual.width() + ", band " + i % channels + "): " + (a[i] & 0xFF)
          + ", Pillow gives " + (e[i] & 0xFF));
    }
  }

  @Test
  void modeNamesAreLAndRgbOnly() {
    assertEquals(1, FolderImages.channelsOf("L"));
    assertEquals(3, FolderImages.channelsOf("rgb"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FolderImages.channelsOf("CMYK"));
    assertEquals("'CMYK': must be L or RGB", e.getMessage());
  }

  @Test
  void anUndecodableFileIsNamed() {
    BadInputException e = assertThrows(BadInputException.class, () -> FolderImages.read(
        new ByteArrayInputStream("not a png".getBytes()), "root/a/x.png", 3, 8, 8,
        Resample.BICUBIC));
    assertTrue(e.getMessage().contains("root/a/x.png"), e.getMessage());
    assertTrue(e.getMessage().contains("not a readable PNG, JPEG, BMP or GIF image"),
        e.getMessage());
  }
}
