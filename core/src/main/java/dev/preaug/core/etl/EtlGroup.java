package dev.preaug.core.etl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Character groups a run can keep. A label belongs to a group by its first code point, after width
 * folding (see {@link EtlLabels#foldWidth}), which is how the reference reader matches its
 * patterns ({@code re.match} anchors at the start only).
 */
public enum EtlGroup {
  /** Every record. */
  ALL("all"),
  /** CJK unified ideographs U+4E00–U+9FAF (the reference's {@code [一-龯]}). */
  KANJI("kanji"),
  /** Hiragana U+3041 (ぁ) – U+3093 (ん); ゔ and the iteration marks are not included. */
  HIRAGANA("hiragana"),
  /** Katakana U+30A1 (ァ) – U+30F3 (ン); ヴ, ヵ, ヶ and ー are not included. */
  KATAKANA("katakana"),
  /** ASCII digits 0–9 (full-width digits are folded to these before matching). */
  DIGITS("digits"),
  /** ASCII letters A–Z, a–z (full-width letters are folded to these before matching). */
  LATIN("latin"),
  /** Anything that is in none of kanji, hiragana, katakana, digits, latin. */
  SYMBOLS("symbols");

  private final String id;

  EtlGroup(String id) {
    this.id = id;
  }

  /** The lower-case name used in options, e.g. {@code kanji}. */
  public String id() {
    return id;
  }

  /** Whether {@code label} (already width-folded) belongs to this group. */
  public boolean contains(String label) {
    if (this == ALL) {
      return true;
    }
    if (label.isEmpty()) {
      return this == SYMBOLS;
    }
    int c = label.codePointAt(0);
    switch (this) {
      case KANJI:
        return isKanji(c);
      case HIRAGANA:
        return isHiragana(c);
      case KATAKANA:
        return isKatakana(c);
      case DIGITS:
        return isDigit(c);
      case LATIN:
        return isLatin(c);
      case SYMBOLS:
        return !isKanji(c) && !isHiragana(c) && !isKatakana(c) && !isDigit(c) && !isLatin(c);
      default:
        throw new AssertionError(this);
    }
  }

  // The reference also accepts full-width digits and capitals; folding has removed them already,
  // but accepting them keeps the result equal for callers that match unfolded labels.
  private static boolean isDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
  }

  private static boolean isLatin(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xFF21 && c <= 0xFF3A);
  }

  private static boolean isKanji(int c) {
    return c >= 0x4E00 && c <= 0x9FAF;
  }

  private static boolean isHiragana(int c) {
    return c >= 0x3041 && c <= 0x3093;
  }

  private static boolean isKatakana(int c) {
    return c >= 0x30A1 && c <= 0x30F3;
  }

  /** Whether {@code label} belongs to any of {@code groups}. */
  public static boolean anyContains(Collection<EtlGroup> groups, String label) {
    for (EtlGroup g : groups) {
      if (g.contains(label)) {
        return true;
      }
    }
    return false;
  }

  /** The group named {@code id} (case-insensitive; {@code number} and {@code roman}, the reference's names, are accepted too). */
  public static EtlGroup parse(String id) {
    String s = id.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "number":
        return DIGITS;
      case "roman":
        return LATIN;
      default:
        break;
    }
    for (EtlGroup g : values()) {
      if (g.id.equals(s)) {
        return g;
      }
    }
    List<String> ids = new ArrayList<>();
    for (EtlGroup g : values()) {
      ids.add(g.id);
    }
    throw new IllegalArgumentException(
        "unknown ETL character group '" + id + "'; expected a comma-separated list of " + ids);
  }

  /** A comma-separated list such as {@code kanji,hiragana}. */
  public static Set<EtlGroup> parseList(String list) {
    Set<EtlGroup> out = EnumSet.noneOf(EtlGroup.class);
    for (String part : list.split(",", -1)) {
      out.add(parse(part));
    }
    return out;
  }
}
