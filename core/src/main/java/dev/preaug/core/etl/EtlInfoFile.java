package dev.preaug.core.etl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed ETLnINFO file. Those published for ETL4 and ETL5 are ASCII lines, one per file (under
 * the old tape name, the distributed name and the compressed name), such as {@code etl5c
 * (F,2952,2952,C-type) (208*51=10608record) (31314816byte 16bit-checksum(B,V)=(…))}: fixed record
 * length, the record count, and the byte count. Other parts' INFO files could not be inspected
 * here, so parsing is lenient: a line counts as an entry when it has a name and an {@code (F,len,}
 * group; the count is the number before {@code record}, the size the number before {@code byte};
 * anything else is ignored.
 */
public final class EtlInfoFile {
  private static final Pattern RECORD_LENGTH = Pattern.compile("\\(F,\\s*(\\d+)\\s*,");
  private static final Pattern RECORDS = Pattern.compile("(\\d+)\\s*records?\\b");
  private static final Pattern BYTES = Pattern.compile("\\(\\s*(\\d+)\\s*bytes?\\b");

  /**
   * One line of an INFO file.
   *
   * @param name the file name as written (e.g. {@code etl5c})
   * @param recordLength the fixed record length
   * @param records the record count, or -1 if the line has none
   * @param bytes the file size, or -1 if the line has none
   * @param line the 1-based line number
   */
  public record Entry(String name, int recordLength, long records, long bytes, int line) {
    /** The name reduced to lower-case letters and digits, which is how entries match files. */
    public String key() {
      return key(name);
    }

    static String key(String name) {
      StringBuilder sb = new StringBuilder();
      for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }

  private final String path;
  private final List<Entry> entries;

  private EtlInfoFile(String path, List<Entry> entries) {
    this.path = path;
    this.entries = Collections.unmodifiableList(entries);
  }

  /** Parses INFO text (ASCII; other bytes are ignored). */
  public static EtlInfoFile parse(String path, byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      Matcher len = RECORD_LENGTH.matcher(line);
      if (line.isEmpty() || !len.find()) {
        continue;
      }
      String name = line.split("[\\s(]+", 2)[0];
      if (name.isEmpty()) {
        continue;
      }
      long records = -1;
      Matcher r = RECORDS.matcher(line);
      if (r.find(len.end())) {
        records = Long.parseLong(r.group(1));
      }
      long bytes = -1;
      Matcher b = BYTES.matcher(line);
      if (b.find(len.end())) {
        bytes = Long.parseLong(b.group(1));
      }
      entries.add(new Entry(name, Integer.parseInt(len.group(1)), records, bytes, i + 1));
    }
    return new EtlInfoFile(path, entries);
  }

  public String path() {
    return path;
  }

  /** The entries found, in file order; empty when nothing could be parsed. */
  public List<Entry> entries() {
    return entries;
  }

  /** The entry whose name matches {@code fileName} (ignoring case and punctuation), or null. */
  public Entry find(String fileName) {
    String key = Entry.key(fileName);
    Entry found = null;
    for (Entry e : entries) {
      if (e.key().equals(key)) {
        found = e;
      }
    }
    return found;
  }
}
