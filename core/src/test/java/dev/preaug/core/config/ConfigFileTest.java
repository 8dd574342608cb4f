package dev.preaug.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preaug.core.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
  static Map<String, Setting> parse(String text) throws IOException {
    return ConfigFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "my.conf");
  }

  private static String error(String text) {
    return assertThrows(BadInputException.class, () -> parse(text)).getMessage();
  }

  @Test
  void keyValueLinesCommentsAndBlanks() throws IOException {
    Map<String, Setting> m = parse("# a comment\n"
        + "\n"
        + "   \n"
        + "seed = 7\n"
        + "  # indented comment\n"
        + "output.name=kanji\n"
        + "\toutput.shards   =   32   \n"
        + "input =\n"
        + "output.dir = C:\\data\\out\n"
        + "recipe.geometry.rotate = rotate(angle=uniform(-15, 15)) # not a comment\n"
        + "x.y = a=b\n"
        + "u.v = \u6f22\u5b57 caf\u00e9\n");
    assertEquals(List.of("seed", "output.name", "output.shards", "input", "output.dir",
        "recipe.geometry.rotate", "x.y", "u.v"), new ArrayList<>(m.keySet()));
    assertEquals("7", m.get("seed").value());
    assertEquals("my.conf line 4", m.get("seed").origin());
    assertEquals("kanji", m.get("output.name").value());
    assertEquals("my.conf line 6", m.get("output.name").origin());
    assertEquals("32", m.get("output.shards").value());
    assertEquals("", m.get("input").value());
    assertEquals("C:\\data\\out", m.get("output.dir").value(), "no escapes are interpreted");
    assertEquals("rotate(angle=uniform(-15, 15)) # not a comment",
        m.get("recipe.geometry.rotate").value());
    assertEquals("a=b", m.get("x.y").value());
    assertEquals("\u6f22\u5b57 caf\u00e9", m.get("u.v").value());
  }

  @Test
  void emptyInput() throws IOException {
    assertEquals(0, parse("").size());
    assertEquals(0, parse("# only\n\n# comments").size());
  }

  @Test
  void windowsLineEndings() throws IOException {
    Map<String, Setting> m = parse("a = 1\r\nb = 2\r\n");
    assertEquals("1", m.get("a").value());
    assertEquals("2", m.get("b").value());
    assertEquals("my.conf line 2", m.get("b").origin());
  }

  @Test
  void continuationLines() throws IOException {
    Map<String, Setting> m = parse("a = 1\n"
        + "recipe.geometry.scale = resize_paste(w=randrange(25, 63), \\\n"
        + "      h=randrange(25, 63), \\\n"
        + "      ox=fit, oy=fit)\n"
        + "b = 2\n");
    assertEquals("resize_paste(w=randrange(25, 63),   h=randrange(25, 63),   ox=fit, oy=fit)",
        m.get("recipe.geometry.scale").value());
    assertEquals("my.conf line 2", m.get("recipe.geometry.scale").origin(),
        "a continued value is reported at its first line");
    assertEquals("my.conf line 5", m.get("b").origin());
  }

  @Test
  void continuationEdgeCases() throws IOException {
    // At end of file, the pending value is kept.
    assertEquals("1", parse("a = 1 \\").get("a").value());
    // A blank line ends the continuation.
    Map<String, Setting> m = parse("a = 1 \\\n\nb = 2\n");
    assertEquals("1", m.get("a").value());
    assertEquals("2", m.get("b").value());
    // A continued line is taken literally, even if it looks like a comment.
    assertEquals("x   # c", parse("a = x \\\n# c\n").get("a").value());
    // Joining inserts spaces, so a key cannot be split across lines.
    assertEquals("my.conf: line 1: 'output.  shards' is not a valid key (lower-case words joined"
        + " by dots)", error("output.\\\nshards = 3"));
  }

  @Test
  void duplicateKeysNameBothLines() {
    assertEquals("my.conf: line 4: key 'seed' is set twice (first at my.conf line 2)",
        error("# x\nseed = 1\noutput.shards = 3\nseed = 2\n"));
    assertEquals("my.conf: line 3: key 'a' is set twice (first at my.conf line 1)",
        error("a = 1 \\\n  continued\na = 2\n"));
  }

  @Test
  void badKeySyntax() {
    for (String key : new String[] {"Seed", "a..b", "a.", ".a", "1a", "a-b", "a b", "output.Name",
        "\u00e9"}) {
      assertEquals("my.conf: line 1: '" + key + "' is not a valid key (lower-case words joined"
          + " by dots)", error(key + " = 1\n"), key);
    }
    // Segments after the first may start with a digit or underscore.
    assertEquals("1", assertDoesNotThrow("a.1b._c = 1").get("a.1b._c").value());
  }

  private static Map<String, Setting> assertDoesNotThrow(String text) {
    try {
      return parse(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void missingEquals() {
    assertEquals("my.conf: line 2: expected 'key = value', got 'just some text'",
        error("a = 1\njust some text\n"));
    assertEquals("my.conf: line 1: expected 'key = value', got '= value'", error("= value\n"));
    String longLine = "x".repeat(100);
    assertEquals("my.conf: line 1: expected 'key = value', got '" + "x".repeat(57) + "...'",
        error(longLine));
  }
}
