package dev.preaug.core.etl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.text.Normalizer;

/**
 * Label code tables and the width folding the reference applies to every label.
 *
 * <p>All tables are built once and map codes straight to the final (folded) label, so decoding a
 * record's label is an array lookup.
 */
public final class EtlLabels {
  private EtlLabels() {}

  /** The T56 code: 64 characters indexed by a 6-bit unit (ETL2–5 text fields). */
  private static final String T56 =
      "0123456789[#@:>? ABCDEFGHI&.](<  JKLMNOPQR-$*);'|/STUVWXYZ ,%=\"!";

  private static final char HALF_VOICED = '\uFF9E';
  private static final char HALF_SEMI_VOICED = '\uFF9F';

  // Half-width katakana U+FF61..U+FF9D -> their full-width forms; U+FF9E/U+FF9F stay (the
  // reference leaves a lone sound mark half-width).
  private static final char[] HALF_TO_FULL_KANA = new char[0xFF9D - 0xFF61 + 1];

  private static final String[] M_LABELS = new String[256];
  private static final String[] C_PLAIN = new String[256];
  private static final String[] C_HIRAGANA = new String[256];
  private static final String[] C_KATAKANA = new String[256];
  private static final String[] JIS_X_0208 = new String[94 * 94];
  private static final String[] JIS_X_0208_FOLDED = new String[94 * 94];

  static {
    for (int c = 0xFF61; c <= 0xFF9D; c++) {
      String full = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
      if (full.length() != 1) {
        throw new AssertionError("NFKC of U+" + Integer.toHexString(c) + " is not one char");
      }
      HALF_TO_FULL_KANA[c - 0xFF61] = full.charAt(0);
    }
    for (int b = 0; b < 256; b++) {
      String m = jisX0201(b);
      M_LABELS[b] = m == null ? null : foldWidth(m);
      String c = shiftJisSingleByte(b);
      if (c != null) {
        C_PLAIN[b] = foldWidth(c);
        C_KATAKANA[b] = foldWidth(
            hanToZen(c).replace('\u30A3', '\u30F0').replace('\u30A7', '\u30F1')); // ィ→ヰ ェ→ヱ
        C_HIRAGANA[b] = foldWidth(
            kataToHira(hanToZen(c)).replace('\u3043', '\u3090').replace('\u3047', '\u3091'));
      }
    }
    buildJisX0208();
  }

  private static void buildJisX0208() {
    Charset euc;
    try {
      euc = Charset.forName("EUC-JP");
    } catch (RuntimeException e) {
      throw new IllegalStateException("this JVM has no EUC-JP charset (module jdk.charsets)", e);
    }
    CharsetDecoder d =
        euc.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] two = new byte[2];
    for (int row = 0; row < 94; row++) {
      for (int cell = 0; cell < 94; cell++) {
        two[0] = (byte) (0xA1 + row);
        two[1] = (byte) (0xA1 + cell);
        String s;
        try {
          d.reset();
          CharBuffer cb = d.decode(ByteBuffer.wrap(two));
          s = cb.toString();
        } catch (CharacterCodingException e) {
          s = null;
        }
        int i = row * 94 + cell;
        JIS_X_0208[i] = s;
      }
    }
    // Java maps 1-29 (0x213D) to EM DASH U+2014; Python's iso2022_jp and euc_jp, which the
    // reference uses, give HORIZONTAL BAR U+2015. Every other code agrees (checked over all 8,836).
    JIS_X_0208[(0x21 - 0x21) * 94 + (0x3D - 0x21)] = "\u2015";
    for (int i = 0; i < JIS_X_0208.length; i++) {
      JIS_X_0208_FOLDED[i] = JIS_X_0208[i] == null ? null : foldWidth(JIS_X_0208[i]);
    }
  }

  /**
   * The JIS X 0201 character of byte {@code b} as the reference maps M-type codes (the Unicode
   * consortium's JIS0201 table): 0x20–0x7D as ASCII except 0x5C → ¥ (U+00A5), 0x7E → ‾ (U+203E),
   * 0xA1–0xDF → half-width katakana U+FF61–U+FF9F. Null for every other byte.
   */
  static String jisX0201(int b) {
    if (b == 0x5C) {
      return "\u00A5";
    }
    if (b == 0x7E) {
      return "\u203E";
    }
    if (b >= 0x20 && b <= 0x7D) {
      return String.valueOf((char) b);
    }
    if (b >= 0xA1 && b <= 0xDF) {
      return String.valueOf((char) (0xFF61 + b - 0xA1));
    }
    return null;
  }

  /**
   * Byte {@code b} as the reference decodes C-type codes (Python's {@code shift_jis} on one byte):
   * ASCII stays ASCII (so 0x5C is a backslash here, unlike in M records), 0xA1–0xDF are half-width
   * katakana. Null for bytes shift_jis rejects and, unlike the reference, for control characters
   * (0x00–0x1F, 0x7F), which are not characters a sample can show.
   */
  static String shiftJisSingleByte(int b) {
    if (b >= 0x20 && b <= 0x7E) {
      return String.valueOf((char) b);
    }
    if (b >= 0xA1 && b <= 0xDF) {
      return String.valueOf((char) (0xFF61 + b - 0xA1));
    }
    return null;
  }

  /** Unfolded JIS X 0208 character of the 16-bit code (row byte, cell byte), or null. */
  static String jisX0208(int code) {
    int i = jisX0208Index(code);
    return i < 0 ? null : JIS_X_0208[i];
  }

  private static int jisX0208Index(int code) {
    int row = (code >>> 8) & 0xFF;
    int cell = code & 0xFF;
    if (code < 0 || code > 0xFFFF || row < 0x21 || row > 0x7E || cell < 0x21 || cell > 0x7E) {
      return -1;
    }
    return (row - 0x21) * 94 + (cell - 0x21);
  }

  /** Final label of an M record's JIS X 0201 byte, or null if the byte is unmapped. */
  static String mLabel(int b) {
    return M_LABELS[b & 0xFF];
  }

  /**
   * Final label of a C record: JIS X 0201 byte plus the first T56 character of its 4-character
   * code; 'H' makes the kana hiragana (with ぃ→ゐ, ぇ→ゑ, because the code has no wi/we), 'K'
   * makes it full-width katakana (ィ→ヰ, ェ→ヱ), as the reference does. Null if undecodable.
   */
  static String cLabel(int b, char t56First) {
    if (t56First == 'H') {
      return C_HIRAGANA[b & 0xFF];
    }
    if (t56First == 'K') {
      return C_KATAKANA[b & 0xFF];
    }
    return C_PLAIN[b & 0xFF];
  }

  /** Final (folded) label of a JIS X 0208 code, or null if the code is not a character. */
  static String jisX0208Label(int code) {
    int i = jisX0208Index(code);
    return i < 0 ? null : JIS_X_0208_FOLDED[i];
  }

  /** The T56 character of a 6-bit unit. */
  static char t56(int unit) {
    return T56.charAt(unit & 0x3F);
  }

  /**
   * The width folding the reference applies to every label (jaconv {@code h2z(kana)} then {@code
   * z2h(digit, ascii)}), exactly:
   *
   * <ul>
   *   <li>half-width katakana and punctuation U+FF61–U+FF9D become their full-width forms (｡→。
   *       ｢→「 ｣→」 ､→、 ･→・ ｦ→ヲ ｧ→ァ … ｰ→ー ｱ→ア … ﾝ→ン);
   *   <li>a half-width kana followed by ﾞ (U+FF9E) or ﾟ (U+FF9F) becomes one voiced or
   *       semi-voiced kana where one exists among ガ–ゴ ザ–ゾ ダ–ド バ–ボ パ–ポ ヴ;
   *   <li>a lone ﾞ or ﾟ stays half-width;
   *   <li>full-width ASCII U+FF01–U+FF5E (digits, letters, punctuation) becomes ASCII U+0021–U+007E,
   *       and the ideographic space U+3000 becomes a space.
   * </ul>
   *
   * Nothing else changes: unlike NFKC this keeps ¥, ‾, ￥ (U+FFE5), ￣, ㍻, compatibility ideographs,
   * half-width hangul and every other character as it is.
   */
  public static String foldWidth(String s) {
    return fullWidthAsciiToAscii(hanToZen(s));
  }

  /** jaconv {@code z2h(kana=False, digit=True, ascii=True)}. */
  private static String fullWidthAsciiToAscii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xFF01 && c <= 0xFF5E) {
        c = (char) (c - 0xFEE0);
      } else if (c == '\u3000') {
        c = ' ';
      }
      out.append(c);
    }
    return out.toString();
  }

  /** jaconv {@code h2z}/{@code han2zen} with its defaults (kana only, sound marks combined). */
  private static String hanToZen(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xFF61 && c <= 0xFF9D) {
        char r = HALF_TO_FULL_KANA[c - 0xFF61];
        if (i + 1 < s.length()) {
          char next = s.charAt(i + 1);
          if (next == HALF_VOICED && takesVoicedMark(c)) {
            r = c == '\uFF73' ? '\u30F4' : (char) (r + 1);
            i++;
          } else if (next == HALF_SEMI_VOICED && isHalfHaToHo(c)) {
            r = (char) (r + 2);
            i++;
          }
        }
        out.append(r);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  // ｶ..ﾄ (U+FF76..U+FF84, where ｯ does not occur), ﾊ..ﾎ, and ｳ for ヴ.
  private static boolean takesVoicedMark(char c) {
    return (c >= '\uFF76' && c <= '\uFF84') || isHalfHaToHo(c) || c == '\uFF73';
  }

  private static boolean isHalfHaToHo(char c) {
    return c >= '\uFF8A' && c <= '\uFF8E';
  }

  /** jaconv {@code kata2hira}: ァ–ヶ (U+30A1–U+30F6) and ヽヾ move down to hiragana. */
  static String kataToHira(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u30A1' && c <= '\u30F6') || c == '\u30FD' || c == '\u30FE') {
        c = (char) (c - 0x60);
      }
      out.append(c);
    }
    return out.toString();
  }
}
