package dev.preaug.core.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitmapFontTest {
  private static final BitmapFont FONT = BitmapFont.builtIn();

  @Test
  void everyPrintableAsciiGlyphIsDistinctAndOnlySpaceIsBlank() {
    Map<Long, Character> seen = new HashMap<>();
    for (char c = BitmapFont.FIRST; c <= BitmapFont.LAST; c++) {
      long bits = FONT.bits(c);
      if (c == ' ') {
        assertEquals(0L, bits, "space is blank");
        continue;
      }
      assertNotEquals(0L, bits, "'" + c + "' has ink");
      Character twin = seen.put(bits, c);
      assertEquals(null, twin, "'" + c + "' looks exactly like '" + twin + "'");
    }
    assertEquals(94, seen.size());
  }

  @Test
  void renderedGlyphsAreDistinctToo() {
    // Through the raster, as labels are drawn: each character's 6x10 cell, compared pairwise.
    Map<String, Character> seen = new HashMap<>();
    for (char c = BitmapFont.FIRST + 1; c <= BitmapFont.LAST; c++) {
      Raster r = new Raster(BitmapFont.ADVANCE, BitmapFont.LINE_HEIGHT, 255);
      assertEquals(BitmapFont.ADVANCE, r.text(String.valueOf(c), 0, 0, 1, 0));
      String key = Arrays.toString(r.pixels());
      Character twin = seen.put(key, c);
      assertEquals(null, twin, "'" + c + "' renders like '" + twin + "'");
    }
  }

  @Test
  void descendersUseTheLastRowAndCapitalsDoNot() {
    for (char c : "gjpqy,_".toCharArray()) {
      boolean low = false;
      for (int x = 0; x < BitmapFont.GLYPH_WIDTH; x++) {
        low |= FONT.ink(c, x, 7);
      }
      assertTrue(low, "'" + c + "' reaches row 7");
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      for (int x = 0; x < BitmapFont.GLYPH_WIDTH; x++) {
        assertTrue(!FONT.ink(c, x, 7), "'" + c + "' stays above row 7");
      }
    }
  }

  @Test
  void charactersOutsideAsciiAreDrawnAsQuestionMarks() {
    assertEquals(FONT.bits('?'), FONT.bits('\u6f22'));
    assertEquals(FONT.bits('?'), FONT.bits('\n'));
    assertEquals('?', BitmapFont.printable('\u00e9'));
    assertEquals('a', BitmapFont.printable('a'));
  }

  @Test
  void theFontFileIsCheckedWhenParsed() {
    List<String> lines = new ArrayList<>();
    for (int c = BitmapFont.FIRST; c <= BitmapFont.LAST; c++) {
      lines.add("glyph " + Integer.toHexString(c));
      for (int y = 0; y < 8; y++) {
        lines.add(y == 0 ? "#...." : ".....");
      }
    }
    assertTrue(BitmapFont.parse(lines, "ok").ink('A', 0, 0));
    List<String> missing = new ArrayList<>(lines.subList(9, lines.size()));
    assertEquals("t: no glyph for code 20", assertThrows(IllegalStateException.class,
        () -> BitmapFont.parse(missing, "t")).getMessage());
    List<String> badRow = new ArrayList<>(lines);
    badRow.set(3, "#..");
    assertEquals("t line 4: expected 5 of '#' and '.'", assertThrows(
        IllegalStateException.class, () -> BitmapFont.parse(badRow, "t")).getMessage());
    List<String> twice = new ArrayList<>(lines);
    twice.set(9, "glyph 20");
    assertEquals("t line 10: code 20 is outside 20..7E or defined twice", assertThrows(
        IllegalStateException.class, () -> BitmapFont.parse(twice, "t")).getMessage());
  }
}
