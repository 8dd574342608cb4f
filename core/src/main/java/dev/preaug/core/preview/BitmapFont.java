package dev.preaug.core.preview;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A 5x8 pixel bitmap font for printable ASCII (32..126), drawn for preaug and shipped as a text
 * resource ({@code font-5x8.txt}), so preview labels look the same on every machine, with or
 * without system fonts and AWT. Rows 0..6 hold capitals and digits, row 7 the descenders; text
 * advances 6 pixels per character and 10 per line.
 */
public final class BitmapFont {
  public static final int FIRST = 32;
  public static final int LAST = 126;
  public static final int GLYPH_WIDTH = 5;
  public static final int GLYPH_HEIGHT = 8;
  /** Horizontal distance between characters: the glyph and one column of spacing. */
  public static final int ADVANCE = 6;
  /** Vertical distance between lines: the glyph and two rows of spacing. */
  public static final int LINE_HEIGHT = 10;
  /** What characters outside 32..126 are drawn as. */
  public static final char REPLACEMENT = '?';

  private static final String RESOURCE = "font-5x8.txt";
  private static final BitmapFont BUILT_IN = load();

  /** Bit {@code y * 5 + x} of {@code glyphs[c - FIRST]} is set where the glyph has ink. */
  private final long[] glyphs;

  private BitmapFont(long[] glyphs) {
    this.glyphs = glyphs;
  }

  /** The font shipped in the core jar. */
  public static BitmapFont builtIn() {
    return BUILT_IN;
  }

  /** Whether character {@code c} has ink at column {@code x}, row {@code y} of its glyph. */
  public boolean ink(char c, int x, int y) {
    if (x < 0 || x >= GLYPH_WIDTH || y < 0 || y >= GLYPH_HEIGHT) {
      return false;
    }
    return (bits(c) >>> (y * GLYPH_WIDTH + x) & 1L) != 0;
  }

  /** The glyph of {@code c} as 40 bits (row-major); characters outside 32..126 get '?'. */
  public long bits(char c) {
    return glyphs[printable(c) - FIRST];
  }

  /** {@code c} if the font has it, else {@link #REPLACEMENT}. */
  public static char printable(char c) {
    return c >= FIRST && c <= LAST ? c : REPLACEMENT;
  }

  private static BitmapFont load() {
    try (InputStream in = BitmapFont.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the core jar");
      }
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
          StandardCharsets.US_ASCII))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      }
      return parse(lines, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the font text: {@code glyph HEX NAME} then 8 rows of 5 {@code #}/{@code .};
   * lines starting with {@code ;} and blank lines between glyphs are comments. Every code from
   * 32 to 126 must be defined exactly once.
   */
  static BitmapFont parse(List<String> lines, String source) {
    long[] glyphs = new long[LAST - FIRST + 1];
    boolean[] seen = new boolean[glyphs.length];
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith(";")) {
        i++;
        continue;
      }
      String[] head = line.split(" ", 3);
      if (!head[0].equals("glyph") || head.length < 2) {
        throw new IllegalStateException(source + " line " + (i + 1) + ": expected 'glyph HEX'");
      }
      int code = Integer.parseInt(head[1], 16);
      if (code < FIRST || code > LAST || seen[code - FIRST]) {
        throw new IllegalStateException(source + " line " + (i + 1) + ": code " + head[1]
            + " is outside 20..7E or defined twice");
      }
      long bits = 0;
      for (int y = 0; y < GLYPH_HEIGHT; y++) {
        String row = i + 1 + y < lines.size() ? lines.get(i + 1 + y) : "";
        if (row.length() != GLYPH_WIDTH || !row.matches("[#.]+")) {
          throw new IllegalStateException(source + " line " + (i + 2 + y)
              + ": expected 5 of '#' and '.'");
        }
        for (int x = 0; x < GLYPH_WIDTH; x++) {
          if (row.charAt(x) == '#') {
            bits |= 1L << (y * GLYPH_WIDTH + x);
          }
        }
      }
      glyphs[code - FIRST] = bits;
      seen[code - FIRST] = true;
      i += 1 + GLYPH_HEIGHT;
    }
    for (int c = 0; c < seen.length; c++) {
      if (!seen[c]) {
        throw new IllegalStateException(source + ": no glyph for code "
            + Integer.toHexString(c + FIRST));
      }
    }
    return new BitmapFont(glyphs);
  }
}
