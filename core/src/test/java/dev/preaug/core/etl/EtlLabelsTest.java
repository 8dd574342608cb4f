package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class EtlLabelsTest {
  private static final Charset EUC_JP = Charset.forName("EUC-JP");

  private static String label(EtlFormat f, SyntheticEtl.Rec r, EtlDecoder d) {
    return d.label(f, SyntheticEtl.record(f, r), 0, "T/" + f.code(), 0);
  }

  private static String label(EtlFormat f, int code) {
    return label(f, SyntheticEtl.rec(code), new EtlDecoder(EtlOptions.defaults(), null));
  }

  @Test
  void jisX0208KanjiKanaAndFullWidthForms() {
    for (EtlFormat f : new EtlFormat[] {EtlFormat.B8, EtlFormat.G8, EtlFormat.B9, EtlFormat.G9}) {
      assertEquals("\u4E9C", label(f, 0x3021), f + " 亜"); // first level-1 kanji
      assertEquals("\u3042", label(f, 0x2422), f + " あ");
      assertEquals("\u30A2", label(f, 0x2522), f + " ア");
      assertEquals("0", label(f, 0x2330), f + " full-width 0 folds to ASCII");
      assertEquals("A", label(f, 0x2341), f + " full-width A folds to ASCII");
      assertEquals(" ", label(f, 0x2121), f + " ideographic space folds to a space");
      assertEquals("\u9ED2", label(f, 0x3975), f + " 黒");
    }
  }

  @Test
  void jisX0208MatchesPythonWhereJavaDiffers() {
    // 1-29: Java's EUC-JP says EM DASH, the reference's Python codecs HORIZONTAL BAR.
    assertEquals("\u2015", EtlLabels.jisX0208(0x213D));
    assertEquals("\u301C", EtlLabels.jisX0208(0x2141)); // wave dash, same in both
    assertEquals("\uFF3C", EtlLabels.jisX0208(0x2140)); // full-width reverse solidus
    assertEquals("\\", EtlLabels.jisX0208Label(0x2140)); // ... which folding makes ASCII
  }

  @Test
  void invalidJisX0208CodesAreNull() {
    assertNull(EtlLabels.jisX0208(0x7F21));
    assertNull(EtlLabels.jisX0208(0x2F21)); // row 15 is unassigned
    assertNull(EtlLabels.jisX0208(0x0000)); // what a blank dummy record holds
    assertNull(EtlLabels.jisX0208(0x2420)); // cell 0x20 is outside 0x21..0x7E
    assertNull(EtlLabels.jisX0208(0x2474)); // row 4 ends at ん (0x2473)
    assertEquals("\u3093", EtlLabels.jisX0208(0x2473));
  }

  @Test
  void undecodableJisX0208FailsWithFileRecordOffsetAndCode() {
    EtlDecoder d = new EtlDecoder(EtlOptions.defaults(), null);
    byte[] rec = SyntheticEtl.record(EtlFormat.G9, SyntheticEtl.rec(0x7F21));
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> d.label(EtlFormat.G9, rec, 0, "ETL9G/ETL9G_01", 17));
    assertEquals("ETL9G/ETL9G_01 record 17 (offset 139383): JIS X 0208 code 0x7F21 is not a valid"
        + " character (set undecodable=skip to drop such records)", e.getMessage());
    assertEquals(17, e.record());
    assertEquals(139383, e.offset());
    EtlDecoder skip = new EtlDecoder(
        EtlOptions.builder().undecodable(EtlOptions.Undecodable.SKIP).build(), null);
    assertNull(skip.label(EtlFormat.G9, rec, 0, "ETL9G/ETL9G_01", 17));
  }

  @Test
  void jisX0201AsTheReferenceMapsMRecords() {
    assertEquals("A", label(EtlFormat.M, 0x41));
    assertEquals("0", label(EtlFormat.M, 0x30));
    assertEquals(" ", label(EtlFormat.M, 0x20));
    assertEquals("\u00A5", label(EtlFormat.M, 0x5C)); // yen sign, not backslash
    assertEquals("\u203E", label(EtlFormat.M, 0x7E)); // overline, not tilde
    assertEquals("\u30A2", label(EtlFormat.M, 0xB1)); // ｱ folded to ア
    assertEquals("\u30F3", label(EtlFormat.M, 0xDD)); // ﾝ → ン
    assertEquals("\u30FB", label(EtlFormat.M, 0xA5)); // ･ → ・
    assertEquals("\u30FC", label(EtlFormat.M, 0xB0)); // ｰ → ー
    assertEquals("\u3002", label(EtlFormat.M, 0xA1)); // ｡ → 。
    assertEquals("\u30A3", label(EtlFormat.M, 0xA8)); // ｨ → ィ (the reference does not make it ヰ)
    assertEquals("\uFF9E", label(EtlFormat.M, 0xDE)); // a lone ﾞ stays half-width
    EtlDecoder d = new EtlDecoder(EtlOptions.defaults(), null);
    for (int b : new int[] {0x00, 0x1F, 0x7F, 0x80, 0xA0, 0xE0, 0xFF}) {
      byte[] rec = SyntheticEtl.record(EtlFormat.M, SyntheticEtl.rec(b));
      EtlFormatException e = assertThrows(EtlFormatException.class,
          () -> d.label(EtlFormat.M, rec, 0, "ETL1/ETL1C_01", 2));
      assertEquals(String.format("ETL1/ETL1C_01 record 2 (offset 4104): JIS X 0201 code 0x%02X is"
          + " not a JIS X 0201 character (set undecodable=skip to drop such records)", b),
          e.getMessage());
    }
  }

  @Test
  void cRecordsUseShiftJisAndTheT56Kind() {
    EtlDecoder d = new EtlDecoder(EtlOptions.defaults(), null);
    // The reference decodes C bytes with shift_jis, so 0x5C is a backslash here (¥ in M records).
    assertEquals("\\", label(EtlFormat.C, SyntheticEtl.rec(0x5C).t56("S  /"), d));
    assertEquals("~", label(EtlFormat.C, SyntheticEtl.rec(0x7E), d));
    assertEquals("7", label(EtlFormat.C, SyntheticEtl.rec(0x37).t56("N  7"), d));
    assertEquals("\u3042", label(EtlFormat.C, SyntheticEtl.rec(0xB1).t56("H  A"), d)); // あ
    assertEquals("\u30A2", label(EtlFormat.C, SyntheticEtl.rec(0xB1).t56("K  A"), d)); // ア
    assertEquals("\u3090", label(EtlFormat.C, SyntheticEtl.rec(0xA8).t56("H WI"), d)); // ゐ
    assertEquals("\u3091", label(EtlFormat.C, SyntheticEtl.rec(0xAA).t56("H WE"), d)); // ゑ
    assertEquals("\u30F0", label(EtlFormat.C, SyntheticEtl.rec(0xA8).t56("K WI"), d)); // ヰ
    assertEquals("\u30F1", label(EtlFormat.C, SyntheticEtl.rec(0xAA).t56("K WE"), d)); // ヱ
    assertEquals("\u3093", label(EtlFormat.C, SyntheticEtl.rec(0xDD).t56("H  N"), d)); // ん
    assertEquals("\u30A3", label(EtlFormat.C, SyntheticEtl.rec(0xA8).t56("A  A"), d)); // no kind
    for (int b : new int[] {0x00, 0x0A, 0x7F, 0x80, 0xA0, 0xE0}) {
      byte[] rec = SyntheticEtl.record(EtlFormat.C, SyntheticEtl.rec(b));
      EtlFormatException e = assertThrows(EtlFormatException.class,
          () -> d.label(EtlFormat.C, rec, 0, "ETL3/ETL3C_1", 1));
      assertEquals(String.format("ETL3/ETL3C_1 record 1 (offset 2952): JIS X 0201 code 0x%02X is"
          + " not a printable JIS X 0201 character (set undecodable=skip to drop such records)",
          b), e.getMessage());
    }
  }

  // --- CO-59 -------------------------------------------------------------------------------------

  static byte[] co59Bytes(String text) {
    return text.getBytes(EUC_JP);
  }

  static Co59Table syntheticTable() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(co59Bytes("亜:16,1 あ:4,2\nア:5,3\tＡ:35,1\r\nｶ:5,5 "));
    out.writeBytes(new byte[] {(byte) 0xA1, (byte) 0xBD}); // JIS 1-29, the dash Java and Python disagree on
    out.writeBytes(co59Bytes(":1,29\n亜:63,63\n唖:63,63\n"));
    return Co59Table.parse(out.toByteArray(), "ETL/euc_co59.dat");
  }

  @Test
  void co59TableParsesEucJpEntries() {
    Co59Table t = syntheticTable();
    assertEquals(7, t.size());
    assertEquals("\u4E9C", t.label((16 << 6) | 1));
    assertEquals("\u3042", t.label((4 << 6) | 2));
    assertEquals("\u30A2", t.label((5 << 6) | 3));
    assertEquals("A", t.label((35 << 6) | 1)); // folded like every label
    assertEquals("\u30AB", t.label((5 << 6) | 5)); // half-width ｶ (0x8E 0xB6) folded to カ
    assertEquals("\u2015", t.label((1 << 6) | 29));
    assertEquals("\u5516", t.label((63 << 6) | 63)); // later entry wins, as in the Python readers
    assertNull(t.label((9 << 6) | 9));
  }

  @Test
  void co59LabelsOfKRecords() {
    EtlDecoder d = new EtlDecoder(EtlOptions.defaults(), syntheticTable());
    assertEquals("\u4E9C", label(EtlFormat.K, SyntheticEtl.rec((16 << 6) | 1), d));
    assertEquals("\u30A2", label(EtlFormat.K, SyntheticEtl.rec((5 << 6) | 3), d));
    byte[] rec = SyntheticEtl.record(EtlFormat.K, SyntheticEtl.rec((9 << 6) | 9));
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> d.label(EtlFormat.K, rec, 0, "ETL2/ETL2_1", 3));
    assertEquals("ETL2/ETL2_1 record 3 (offset 8235): CO-59 code (9,9) is not in the table"
        + " ETL/euc_co59.dat (set undecodable=skip to drop such records)", e.getMessage());
  }

  @Test
  void kRecordsWithoutATableFailNamingTheTable() {
    EtlDecoder d = new EtlDecoder(EtlOptions.defaults(), null);
    byte[] rec = SyntheticEtl.record(EtlFormat.K, SyntheticEtl.rec(1));
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> d.label(EtlFormat.K, rec, 0, "ETL2/ETL2_1", 0));
    assertEquals("ETL2/ETL2_1: ETL2 (K-type) labels need the CO-59 table euc_co59.dat from the"
        + " official unpack tools at the dataset root; none was loaded", e.getMessage());
  }

  @Test
  void malformedCo59TablesAreRejectedWithTheEntry() {
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> Co59Table.parse(co59Bytes("亜:16,1\n唖16,2\n"), "euc_co59.dat"));
    assertEquals("euc_co59.dat: line 2, entry 2 '唖16,2': expected CHARACTER:a,b", e.getMessage());
    e = assertThrows(EtlFormatException.class,
        () -> Co59Table.parse(co59Bytes("亜:16,64"), "euc_co59.dat"));
    assertEquals("euc_co59.dat: line 1, entry 1 '亜:16,64': a and b must be decimal numbers 0..63"
        + " (two 6-bit units)", e.getMessage());
    e = assertThrows(EtlFormatException.class,
        () -> Co59Table.parse(new byte[] {(byte) 0xA4, 0x3A}, "euc_co59.dat"));
    assertTrue(e.getMessage().startsWith("euc_co59.dat: not valid EUC-JP text"), e.getMessage());
    e = assertThrows(EtlFormatException.class,
        () -> Co59Table.parse(co59Bytes(" \n "), "euc_co59.dat"));
    assertEquals("euc_co59.dat: no CO-59 entries (expected lines like X:a,b)", e.getMessage());
  }

  // --- width folding -----------------------------------------------------------------------------

  @Test
  void foldWidthDoesExactlyWhatTheReferenceDoes() {
    assertEquals("ABC123!~", EtlLabels.foldWidth("ＡＢＣ１２３！～"));
    assertEquals(" ", EtlLabels.foldWidth("\u3000"));
    assertEquals("ガ", EtlLabels.foldWidth("ｶﾞ"));
    assertEquals("ド", EtlLabels.foldWidth("ﾄﾞ"));
    assertEquals("パ", EtlLabels.foldWidth("ﾊﾟ"));
    assertEquals("ヴ", EtlLabels.foldWidth("ｳﾞ"));
    assertEquals("アﾞ", EtlLabels.foldWidth("ｱﾞ")); // no voiced ア: the mark stays half-width
    assertEquals("ﾞ", EtlLabels.foldWidth("ﾞ"));
    assertEquals("ﾟ", EtlLabels.foldWidth("ﾟ"));
    assertEquals("。「」、・ヲァー", EtlLabels.foldWidth("｡｢｣､･ｦｧｰ"));
    // Untouched, though NFKC would change them:
    for (String kept : new String[] {"\uFFE5", "\u00A5", "\u203E", "\uFFE3", "\u337B", "\u2460",
        "\uF929", "\uFFA1", "\u2015", "ア", "あ", "亜"}) {
      assertEquals(kept, EtlLabels.foldWidth(kept), "U+" + Integer.toHexString(kept.charAt(0)));
    }
    assertNotEquals(Normalizer.normalize("\u2460", Normalizer.Form.NFKC), EtlLabels.foldWidth("\u2460"));
  }

  @Test
  void everyHalfWidthKanaFoldsToItsCompatibilityForm() {
    for (char c = '\uFF61'; c <= '\uFF9D'; c++) {
      String s = String.valueOf(c);
      String folded = EtlLabels.foldWidth(s);
      assertEquals(Normalizer.normalize(s, Normalizer.Form.NFKC), folded, Integer.toHexString(c));
      assertTrue(folded.charAt(0) >= 0x3000 && folded.charAt(0) <= 0x30FF, folded);
    }
    for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
      assertEquals(String.valueOf((char) (c - 0xFEE0)), EtlLabels.foldWidth(String.valueOf(c)));
    }
  }

  @Test
  void kataToHiraMovesTheWholeKatakanaBlock() {
    assertEquals("ぁあゐゑをんゔゕゖゝゞーヷ・", EtlLabels.kataToHira("ァアヰヱヲンヴヵヶヽヾーヷ・"));
  }

  @Test
  void t56Table() {
    assertEquals('0', EtlLabels.t56(0));
    assertEquals(' ', EtlLabels.t56(16));
    assertEquals('H', EtlLabels.t56(24));
    assertEquals('K', EtlLabels.t56(34));
    assertEquals('!', EtlLabels.t56(63));
  }

  // --- groups ------------------------------------------------------------------------------------

  @Test
  void groupsMatchTheFirstCodePoint() {
    assertTrue(EtlGroup.KANJI.contains("一"));
    assertTrue(EtlGroup.KANJI.contains("\u9FAF"));
    assertTrue(!EtlGroup.KANJI.contains("\u9FB0") && !EtlGroup.KANJI.contains("\u4DFF"));
    assertTrue(!EtlGroup.KANJI.contains("々"));
    assertTrue(EtlGroup.HIRAGANA.contains("ぁ") && EtlGroup.HIRAGANA.contains("ん")
        && EtlGroup.HIRAGANA.contains("ゐ"));
    assertTrue(!EtlGroup.HIRAGANA.contains("ゔ") && !EtlGroup.HIRAGANA.contains("ゝ"));
    assertTrue(EtlGroup.KATAKANA.contains("ァ") && EtlGroup.KATAKANA.contains("ン")
        && EtlGroup.KATAKANA.contains("ヰ"));
    assertTrue(!EtlGroup.KATAKANA.contains("ヴ") && !EtlGroup.KATAKANA.contains("ー"));
    assertTrue(EtlGroup.DIGITS.contains("0") && EtlGroup.DIGITS.contains("9")
        && !EtlGroup.DIGITS.contains("A"));
    assertTrue(EtlGroup.LATIN.contains("a") && EtlGroup.LATIN.contains("Z")
        && !EtlGroup.LATIN.contains("0") && !EtlGroup.LATIN.contains("\u00C0"));
    for (String s : new String[] {"¥", "!", "ー", "ヴ", "\uFF9E", " "}) {
      assertTrue(EtlGroup.SYMBOLS.contains(s), s);
    }
    for (String s : new String[] {"亜", "あ", "ア", "0", "A"}) {
      assertTrue(!EtlGroup.SYMBOLS.contains(s), s);
      assertTrue(EtlGroup.ALL.contains(s), s);
    }
  }

  @Test
  void groupListsParse() {
    assertEquals(EnumSet.of(EtlGroup.KANJI, EtlGroup.HIRAGANA), EtlGroup.parseList("kanji,hiragana"));
    assertEquals(EnumSet.of(EtlGroup.DIGITS, EtlGroup.LATIN), EtlGroup.parseList("Number, roman"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EtlGroup.parseList("kanji,kana"));
    assertEquals("unknown ETL character group 'kana'; expected a comma-separated list of [all,"
        + " kanji, hiragana, katakana, digits, latin, symbols]", e.getMessage());
    assertTrue(EtlGroup.anyContains(EtlGroup.parseList("kanji,hiragana"), "あ"));
    assertTrue(!EtlGroup.anyContains(EtlGroup.parseList("kanji,hiragana"), "ア"));
  }
}
