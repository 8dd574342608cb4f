package dev.preaug.core.etl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Class ids for string labels: id {@code i} is the {@code i}-th unique label in code point order,
 * which is what the seed's training code gets from {@code LabelBinarizer} (numpy sorts {@code str}
 * arrays by code point, as Python's {@code sorted} does). Java's {@link String#compareTo} orders
 * UTF-16 units instead, which puts a supplementary character (surrogates 0xD800–0xDFFF) before
 * U+E000–U+FFFF; {@link #CODE_POINT_ORDER} does not.
 *
 * <p>Persisted as {@code labels.txt}: UTF-8, one label per line, line {@code i} (0-based) is class
 * {@code i}, every line ended by {@code \n}. Labels may therefore not be empty or contain {@code
 * \n} or {@code \r}.
 */
public final class LabelVocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Orders strings by Unicode code point, like Python's {@code str} comparison. */
  public static final Comparator<String> CODE_POINT_ORDER = LabelVocabulary::compareCodePoints;

  /** The conventional file name. */
  public static final String FILE_NAME = "labels.txt";

  private final List<String> labels;
  private transient Map<String, Integer> ids;

  private LabelVocabulary(List<String> labels) {
    this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
  }

  /** The sorted unique labels of {@code labels} (duplicates are fine and expected). */
  public static LabelVocabulary fromLabels(Collection<String> labels) {
    TreeSet<String> unique = new TreeSet<>(CODE_POINT_ORDER);
    for (String l : labels) {
      check(l, "label");
      unique.add(l);
    }
    return new LabelVocabulary(new ArrayList<>(unique));
  }

  /**
   * A vocabulary with exactly these labels in this order (as read from a file written elsewhere).
   *
   * @throws IllegalArgumentException on an empty label, a line break in one, or a duplicate
   */
  public static LabelVocabulary ofOrdered(List<String> labels) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      String l = labels.get(i);
      check(l, "class " + i);
      Integer before = seen.put(l, i);
      if (before != null) {
        throw new IllegalArgumentException(
            "class " + i + ": label " + quote(l) + " repeats class " + before);
      }
    }
    return new LabelVocabulary(labels);
  }

  private static void check(String label, String where) {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException(where + ": empty label");
    }
    if (label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          where + ": label " + quote(label) + " contains a line break; labels.txt cannot hold it");
    }
  }

  /** Number of classes. */
  public int size() {
    return labels.size();
  }

  /** Labels by class id. */
  public List<String> labels() {
    return labels;
  }

  /** The label of class {@code id}. */
  public String label(int id) {
    return labels.get(id);
  }

  /**
   * The class id of {@code label}.
   *
   * @throws IllegalArgumentException if the label is not in the vocabulary
   */
  public int id(String label) {
    Integer id = index().get(label);
    if (id == null) {
      throw new IllegalArgumentException(
          "label " + quote(label) + " is not in the vocabulary of " + labels.size() + " classes");
    }
    return id;
  }

  /** Whether {@code label} has a class id. */
  public boolean contains(String label) {
    return index().containsKey(label);
  }

  private Map<String, Integer> index() {
    Map<String, Integer> m = ids;
    if (m == null) {
      m = new HashMap<>(labels.size() * 2);
      for (int i = 0; i < labels.size(); i++) {
        m.put(labels.get(i), i);
      }
      ids = m;
    }
    return m;
  }

  /** Whether the labels are in strictly increasing code point order (as built by fromLabels). */
  public boolean isSorted() {
    for (int i = 1; i < labels.size(); i++) {
      if (compareCodePoints(labels.get(i - 1), labels.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The {@code labels.txt} bytes. */
  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder();
    for (String l : labels) {
      sb.append(l).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code labels.txt} to {@code out} (not closed). */
  public void writeTo(OutputStream out) throws IOException {
    out.write(toBytes());
  }

  /** Reads {@code labels.txt} from {@code in} (not closed); {@code source} names it in errors. */
  public static LabelVocabulary read(InputStream in, String source) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return parse(buf.toByteArray(), source);
  }

  /** Parses {@code labels.txt} bytes; {@code source} names the file in errors. */
  public static LabelVocabulary parse(byte[] bytes, String source) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(source + ": not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new IllegalArgumentException(source + ": starts with a byte-order mark; write plain UTF-8");
    }
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException(source + ": last line has no line feed (truncated?)");
    }
    List<String> labels = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        String l = text.substring(start, i);
        if (l.endsWith("\r")) {
          throw new IllegalArgumentException(
              source + " line " + (labels.size() + 1) + ": CRLF line end; labels.txt uses LF");
        }
        labels.add(l);
        start = i + 1;
      }
    }
    try {
      return ofOrdered(labels);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless {@code existing} assigns the same id to every label.
   *
   * @param existingSource names the existing vocabulary (e.g. its path) in the message
   * @throws IllegalArgumentException listing the class counts and the first differing entries
   */
  public void requireSameAs(LabelVocabulary existing, String existingSource) {
    if (labels.equals(existing.labels)) {
      return;
    }
    StringBuilder sb = new StringBuilder("label vocabulary differs from ")
        .append(existingSource).append(": this run has ").append(size())
        .append(" classes, it has ").append(existing.size()).append("; first differences:");
    int shown = 0;
    int differing = 0;
    int n = Math.max(size(), existing.size());
    for (int i = 0; i < n; i++) {
      String a = i < size() ? labels.get(i) : null;
      String b = i < existing.size() ? existing.labels.get(i) : null;
      if (a != null && a.equals(b)) {
        continue;
      }
      differing++;
      if (shown < 5) {
        sb.append(shown == 0 ? " " : "; ").append("class ").append(i).append(' ')
            .append(a == null ? "(none)" : quote(a)).append(" here vs ")
            .append(b == null ? "(none)" : quote(b)).append(" there");
        shown++;
      }
    }
    sb.append(" (").append(differing).append(" differing ids in all; rebuild the vocabulary"
        + " deliberately if the input changed)");
    throw new IllegalArgumentException(sb.toString());
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("'").append(s).append("' (");
    s.codePoints().forEach(cp -> sb.append(String.format("U+%04X ", cp)));
    sb.setLength(sb.length() - 1);
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelVocabulary && labels.equals(((LabelVocabulary) o).labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  @Override
  public String toString() {
    return "LabelVocabulary[" + labels.size() + " classes]";
  }
}
