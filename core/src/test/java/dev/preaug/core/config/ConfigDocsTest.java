package dev.preaug.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table is the user's view of {@link ConfigKey}, including which keys
 * enter the config hash: keep them equal.
 */
class ConfigDocsTest {
  @Test
  void everyKeyIsDocumentedWithItsFlagDefaultAndMeaning() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (ConfigKey k : ConfigKey.values()) {
      String flag = k.flag() == null ? "" : "`" + k.flag() + "`";
      String def = k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
      String row = "| `" + k.key() + "` | " + flag + " | " + def + " | "
          + (k.changesOutput() ? "yes" : "no") + " | " + k.description() + " |";
      assertTrue(doc.contains(row), "docs/configuration.md lacks the row:\n" + row);
    }
  }
}
