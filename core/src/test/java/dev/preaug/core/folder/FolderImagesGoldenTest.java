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
 * bit-exact through {@link FolderImages#read}; so do the cases of golden-folder-formats/ (gray +
 * alpha, 1/2/4/16-bit PNGs, a short palette, GIF, BMP and baseline JPEGs).
 */
class FolderImagesGoldenTest {
  static final Path DIR = dir("golden-folder");
  static final Path FORMATS = dir("golden-folder-formats");

  private static Path dir(String set) {
    try {
      return Path.of(FolderImagesGoldenTest.class.getResource("/" + set + "/manifest.json")
          .toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode manifest() {
    return manifest(DIR);
  }

  static JsonNode manifest(Path dir) {
    try {
      return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> cases() {
    return cases(DIR);
  }

  static Stream<Arguments> formatCases() {
    return cases(FORMATS);
  }

  private static Stream<Arguments> cases(Path dir) {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : manifest(dir).get("cases")) {
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
    assertSame(id, c, DIR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formatCases")
  void otherLayoutsMatchPillow(String id, JsonNode c) throws IOException {
    assertSame(id, c, FORMATS);
  }

  @Test
  void theFormatsSetHasEveryLayout() {
    JsonNode m = manifest(FORMATS);
    assertEquals(60, m.get("cases").size());
    List<String> modes = new ArrayList<>();
    for (JsonNode in : m.get("inputs")) {
      modes.add(in.get("name").asText() + ":" + in.get("mode").asText());
    }
    assertEquals(List.of("la_27x33:LA", "gray1bit_30x19:1", "gray2bit_30x19:L",
        "gray4bit_30x19:L", "gray16_26x21:I", "rgb16_22x25:RGB", "rgba16_24x18:RGBA",
        "la16_17x23:RGBA", "p_short_35x20:P", "gif_27x33:P", "bmp24_31x22:RGB", "bmp8_29x17:P",
        "jpeg_gray_40x30:L", "jpeg444_40x30:RGB", "jpeg420_40x30:RGB"), modes);
  }

  /** {expected, actual} for one case of the set in {@code dir}. */
  private static Image[] run(JsonNode c, Path dir) throws IOException {
    String id = c.get("id").asText();
    Path png = dir.resolve(c.get("input").asText());
    int channels = FolderImages.channelsOf(c.get("mode").asText());
    Image expected = ImageArray.readImage(dir.resolve(c.get("expected").asText()));
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
    return new Image[] {expected, actual};
  }

  private static void assertSame(String id, JsonNode c, Path dir) throws IOException {
    Image[] got = run(c, dir);
    Image expected = got[0];
    Image actual = got[1];
    int channels = actual.channels();
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
