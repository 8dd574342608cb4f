package dev.preaug.core.config;

import dev.preaug.core.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads preaug's config syntax: {@code key = value} lines, {@code #} comments, blank lines, and a
 * trailing backslash to continue a long value on the next line. Unlike {@code .properties} it
 * keeps the order of keys, refuses duplicates and never interprets escapes, so recipe text and
 * Windows paths arrive as written.
 */
public final class ConfigFile {
  private ConfigFile() {}

  public static Map<String, Setting> read(InputStream in, String source) throws IOException {
    Map<String, Setting> out = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int lineNo = 0;
    StringBuilder pending = null;
    int pendingLine = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (pending == null && (t.isEmpty() || t.startsWith("#"))) {
        continue;
      }
      if (pending != null) {
        pending.append(' ');
      } else {
        pending = new StringBuilder();
        pendingLine = lineNo;
      }
      if (t.endsWith("\\")) {
        pending.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      pending.append(t);
      put(out, pending.toString(), source, pendingLine);
      pending = null;
    }
    if (pending != null) {
      put(out, pending.toString(), source, pendingLine);
    }
    return out;
  }

  private static void put(Map<String, Setting> out, String text, String source, int line) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new BadInputException(BadInputException.Kind.CONFIG, source, "line " + line,
          "expected 'key = value', got '" + abbreviate(text) + "'");
    }
    String key = text.substring(0, eq).strip();
    String value = text.substring(eq + 1).strip();
    if (!key.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
      throw new BadInputException(BadInputException.Kind.CONFIG, source, "line " + line,
          "'" + key + "' is not a valid key (lower-case words joined by dots)");
    }
    Setting prev = out.put(key, new Setting(value, source + " line " + line));
    if (prev != null) {
      throw new BadInputException(BadInputException.Kind.CONFIG, source, "line " + line,
          "key '" + key + "' is set twice (first at " + prev.origin() + ")");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
