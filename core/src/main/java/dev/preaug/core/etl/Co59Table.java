package dev.preaug.core.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The CO-59 code table ETL2 labels need, read from the {@code euc_co59.dat} the user downloads
 * with the official unpack tools (preaug never bundles it).
 *
 * <p>The file is EUC-JP text: whitespace-separated entries {@code X:a,b}, where {@code X} is the
 * character and {@code a}, {@code b} are the decimal values (0–63) of the two 6-bit units of the
 * CO-59 code as they appear in units 29 and 30 of a K record. When a code appears twice the later
 * entry wins, as in the Python readers. Each character is width-folded once here, like every
 * label.
 */
public final class Co59Table implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file name the official tools use and the reader looks for at the dataset root. */
  public static final String FILE_NAME = "euc_co59.dat";

  private final String source;
  private final String[] labels; // index (a << 6) | b
  private final int size;

  private Co59Table(String source, String[] labels, int size) {
    this.source = source;
    this.labels = labels;
    this.size = size;
  }

  /** Parses the table from {@code in} (read to the end, not closed); {@code source} names it in errors. */
  public static Co59Table parse(InputStream in, String source) throws IOException {
    return parse(in.readAllBytes(), source);
  }

  /** Parses the table from its bytes; {@code source} names it in errors. */
  public static Co59Table parse(byte[] bytes, String source) {
    String text;
    try {
      text =
          Charset.forName("EUC-JP")
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw EtlFormatException.file(source, "not valid EUC-JP text (" + e.getMessage() + ")");
    }
    // Java decodes EUC-JP 0xA1BD as U+2014; the reference's Python codec gives U+2015.
    text = text.replace('\u2014', '\u2015');
    String[] labels = new String[64 * 64];
    int size = 0;
    int entry = 0;
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (isSeparator(c)) {
        if (c == '\n') {
          line++;
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && !isSeparator(text.charAt(i))) {
        i++;
      }
      entry++;
      String token = text.substring(start, i);
      int key = parseEntry(token, source, line, entry);
      if (labels[key] == null) {
        size++;
      }
      labels[key] = EtlLabels.foldWidth(token.substring(0, token.indexOf(':')));
    }
    if (size == 0) {
      throw EtlFormatException.file(source, "no CO-59 entries (expected lines like X:a,b)");
    }
    return new Co59Table(source, labels, size);
  }

  // Python's str.split() separators that EUC-JP text can contain: ASCII whitespace, the
  // information separators 0x1C-0x1F and the ideographic space.
  private static boolean isSeparator(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) || c == '\u3000';
  }

  private static int parseEntry(String token, String source, int line, int entry) {
    int colon = token.indexOf(':');
    int comma = token.indexOf(',', colon + 1);
    String where = "line " + line + ", entry " + entry + " '" + token + "'";
    if (colon <= 0 || comma < 0 || token.indexOf(':', colon + 1) >= 0
        || token.indexOf(',', comma + 1) >= 0) {
      throw EtlFormatException.file(source, where + ": expected CHARACTER:a,b");
    }
    int a = unit(token.substring(colon + 1, comma));
    int b = unit(token.substring(comma + 1));
    if (a < 0 || b < 0) {
      throw EtlFormatException.file(
          source, where + ": a and b must be decimal numbers 0..63 (two 6-bit units)");
    }
    return (a << 6) | b;
  }

  private static int unit(String digits) {
    if (digits.isEmpty() || digits.length() > 3) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    int v = Integer.parseInt(digits);
    return v <= 63 ? v : -1;
  }

  /** The (folded) character for the 12-bit code {@code (a << 6) | b}, or null if absent. */
  public String label(int code12) {
    return code12 < 0 || code12 >= labels.length ? null : labels[code12];
  }

  /** Number of distinct codes in the table. */
  public int size() {
    return size;
  }

  /** Where the table was read from, as given to {@link #parse}. */
  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Co59Table && Arrays.equals(labels, ((Co59Table) o).labels);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "Co59Table[" + source + ", " + size + " codes]";
  }
}
