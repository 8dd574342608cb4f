package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelVocabularyTest {
  private static final String SUPPLEMENTARY = "\uD840\uDC0B"; // U+2000B
  private static final String PRIVATE_USE = "\uE000";

  @Test
  void idsFollowCodePointOrderLikePythonSorted() {
    // Python: sorted({'｡', '𠀋', 'あ', 'A', '亜', '\ue000', 'AB', 'a'}) ==
    // ['A', 'AB', 'a', 'あ', '亜', '\ue000', '｡', '𠀋'] (numpy's unique agrees).
    LabelVocabulary v = LabelVocabulary.fromLabels(
        List.of("\uFF61", SUPPLEMENTARY, "あ", "A", "亜", PRIVATE_USE, "AB", "a", "亜", "A"));
    assertEquals(List.of("A", "AB", "a", "あ", "亜", PRIVATE_USE, "\uFF61", SUPPLEMENTARY),
        v.labels());
    assertEquals(8, v.size());
    assertEquals(7, v.id(SUPPLEMENTARY));
    assertEquals("あ", v.label(3));
    assertTrue(v.isSorted());
    // Java's own String order would put the surrogate pair first.
    List<String> javaOrder = new ArrayList<>(v.labels());
    javaOrder.sort(String::compareTo);
    assertEquals(SUPPLEMENTARY, javaOrder.get(5));
  }

  @Test
  void labelsTxtRoundTrips() throws IOException {
    LabelVocabulary v = LabelVocabulary.fromLabels(List.of("亜", " ", "A", SUPPLEMENTARY, "ー"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    v.writeTo(out);
    assertArrayEquals((" \nA\nー\n亜\n" + SUPPLEMENTARY + "\n").getBytes(StandardCharsets.UTF_8),
        out.toByteArray());
    LabelVocabulary back = LabelVocabulary.read(
        new ByteArrayInputStream(out.toByteArray()), "out/labels.txt");
    assertEquals(v, back);
    assertEquals(0, back.id(" "));
    assertEquals(LabelVocabulary.parse(new byte[0], "empty").size(), 0);
  }

  @Test
  void foreignOrderIsKeptButDuplicatesAreNot() {
    LabelVocabulary v = LabelVocabulary.parse("b\na\n".getBytes(StandardCharsets.UTF_8), "x");
    assertEquals(0, v.id("b"));
    assertFalse(v.isSorted());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelVocabulary.parse("a\nb\na\n".getBytes(StandardCharsets.UTF_8), "x/labels.txt"));
    assertEquals("x/labels.txt: class 2: label 'a' (U+0061) repeats class 0", e.getMessage());
  }

  @Test
  void malformedFilesAreRejected() {
    Object[][] cases = {
      {"a\nb", "L: last line has no line feed (truncated?)"},
      {"a\r\nb\r\n", "L line 1: CRLF line end; labels.txt uses LF"},
      {"\uFEFFa\n", "L: starts with a byte-order mark; write plain UTF-8"},
      {"a\n\nb\n", "L: class 1: empty label"},
    };
    for (Object[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LabelVocabulary.parse(((String) c[0]).getBytes(StandardCharsets.UTF_8), "L"));
      assertEquals(c[1], e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LabelVocabulary.parse(new byte[] {(byte) 0xC3, 0x28, 0x0A}, "L"));
    assertEquals("L: not valid UTF-8", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LabelVocabulary.fromLabels(List.of("a", "b\nc")));
    assertEquals("label: label 'b\nc' (U+0062 U+000A U+0063) contains a line break; labels.txt"
        + " cannot hold it", e.getMessage());
  }

  @Test
  void mismatchNamesTheFirstDifferingIds() {
    LabelVocabulary here = LabelVocabulary.fromLabels(List.of("亜", "あ", "ア", "A"));
    LabelVocabulary same = LabelVocabulary.fromLabels(List.of("A", "ア", "あ", "亜", "亜"));
    here.requireSameAs(same, "prev/labels.txt");
    LabelVocabulary there = LabelVocabulary.fromLabels(List.of("亜", "あ", "イ", "A", "B"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> here.requireSameAs(there, "prev/labels.txt"));
    assertEquals("label vocabulary differs from prev/labels.txt: this run has 4 classes, it has 5;"
        + " first differences: class 1 'あ' (U+3042) here vs 'B' (U+0042) there;"
        + " class 2 'ア' (U+30A2) here vs 'あ' (U+3042) there;"
        + " class 3 '亜' (U+4E9C) here vs 'イ' (U+30A4) there;"
        + " class 4 (none) here vs '亜' (U+4E9C) there"
        + " (4 differing ids in all; rebuild the vocabulary deliberately if the input changed)",
        e.getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> here.id("イ"));
    assertEquals("label 'イ' (U+30A4) is not in the vocabulary of 4 classes", unknown.getMessage());
  }

  @Test
  void serializesForShippingToWorkers() throws Exception {
    LabelVocabulary v = LabelVocabulary.fromLabels(List.of("亜", "あ"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(v);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      LabelVocabulary back = (LabelVocabulary) in.readObject();
      assertEquals(v, back);
      assertEquals(1, back.id("亜"));
    }
  }
}
