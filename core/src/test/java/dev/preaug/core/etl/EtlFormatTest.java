package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EtlFormatTest {

  @ParameterizedTest
  @EnumSource(EtlFormat.class)
  void layoutMatchesTheIndependentlyWrittenTable(EtlFormat f) {
    byte[] rec = SyntheticEtl.record(f, SyntheticEtl.rec(0x30));
    assertEquals(rec.length, f.recordLength(), "record length");
    assertEquals(SyntheticEtl.imageBitOffset(f), f.imageBitOffset(), "image bit offset");
    assertEquals(SyntheticEtl.width(f), f.width());
    assertEquals(SyntheticEtl.height(f), f.height());
    assertEquals(SyntheticEtl.depth(f), f.depth());
  }

  @Test
  void geometryOfTheReferenceTable() {
    assertEquals(2052, EtlFormat.M.recordLength());
    assertEquals(2745, EtlFormat.K.recordLength());
    assertEquals(2952, EtlFormat.C.recordLength());
    assertEquals(512, EtlFormat.B8.recordLength());
    assertEquals(8199, EtlFormat.G8.recordLength());
    assertEquals(576, EtlFormat.B9.recordLength());
    assertEquals(8199, EtlFormat.G9.recordLength());
    assertEquals(45 * 8, EtlFormat.K.imageBitOffset());
    assertEquals(216 * 8, EtlFormat.C.imageBitOffset());
    assertEquals(60 * 8, EtlFormat.G8.imageBitOffset());
    assertEquals(64 * 8, EtlFormat.G9.imageBitOffset());
    assertTrue(EtlFormat.B8.hasDummyFirstRecord());
    assertTrue(EtlFormat.B9.hasDummyFirstRecord());
    for (EtlFormat f : new EtlFormat[] {EtlFormat.M, EtlFormat.K, EtlFormat.C, EtlFormat.G8,
        EtlFormat.G9}) {
      assertFalse(f.hasDummyFirstRecord(), f.code());
    }
  }

  @ParameterizedTest
  @EnumSource(EtlFormat.class)
  void headerFieldsReadBack(EtlFormat f) {
    int code = f == EtlFormat.K ? (12 << 6) | 34 : f.labelBits() == 16 ? 0x3441 : 0xB1;
    byte[] rec = SyntheticEtl.record(f, SyntheticEtl.rec(code).serial(123_456).sheet(4321));
    assertEquals(code, f.rawLabelCode(rec, 0));
    assertEquals(f.hasSerial() ? 123_456 : -1, f.serial(rec, 0));
    assertEquals(f.hasSheet() ? 4321 : -1, f.sheet(rec, 0));
  }

  @Test
  void forCodeAcceptsTheRecordTypeNames() {
    assertEquals(EtlFormat.G9, EtlFormat.forCode("9G"));
    assertEquals(EtlFormat.B8, EtlFormat.forCode(" 8b "));
    assertEquals(EtlFormat.M, EtlFormat.forCode("m"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EtlFormat.forCode("9X"));
    assertEquals("unknown ETL record type '9X'; expected one of M, K, C, 8B, 8G, 9B, 9G",
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(EtlFormat.class)
  void decodesEveryPixelOfEveryDepth(EtlFormat f) {
    int[] levels = SyntheticEtl.pattern(f);
    byte[] rec = SyntheticEtl.record(f, SyntheticEtl.rec(0x30).levels(levels));
    byte[] got = f.decodeLevels(rec, 0);
    int[] asInts = new int[got.length];
    for (int i = 0; i < got.length; i++) {
      asInts[i] = got[i] & 0xFF;
    }
    assertArrayEquals(levels, asInts);
  }

  /**
   * One lit pixel at (1, 0) and another at (0, 1): reading LSB-first, column-major or with the
   * wrong row stride moves them.
   */
  @ParameterizedTest
  @EnumSource(EtlFormat.class)
  void bitOrderIsMsbFirstRowMajor(EtlFormat f) {
    int w = f.width();
    int max = (1 << f.depth()) - 1;
    int[] levels = new int[w * f.height()];
    levels[1] = 1;
    levels[w] = max;
    byte[] rec = SyntheticEtl.record(f, SyntheticEtl.rec(0x30).levels(levels));
    byte[] got = f.decodeLevels(rec, 0);
    assertEquals(0, got[0]);
    assertEquals(1, got[1]);
    assertEquals(max, got[w] & 0xFF);
    int lit = 0;
    for (byte b : got) {
      lit += b != 0 ? 1 : 0;
    }
    assertEquals(2, lit);
    // And the packed bytes themselves, for the byte formats: pixel 1 sits right after pixel 0.
    int firstByte = f.imageBitOffset() / 8;
    if (f.imageBitOffset() % 8 == 0) {
      int expected = f.depth() == 4 ? 0x01 : f.depth() == 1 ? 0x40 : -1;
      if (expected >= 0) {
        assertEquals(expected, rec[firstByte] & 0xFF);
      }
    }
  }

  @Test
  void sixBitUnitsStraddleBytes() {
    // K pixels: 6 bits each, so pixel 1 spans bytes 45 and 46 of the record.
    int[] levels = new int[60 * 60];
    levels[0] = 0b101010;
    levels[1] = 0b110011;
    byte[] rec = SyntheticEtl.record(EtlFormat.K, SyntheticEtl.rec(0).levels(levels));
    assertEquals(0b1010_1011, rec[45] & 0xFF);
    assertEquals(0b0011_0000, rec[46] & 0xF0);
    byte[] got = EtlFormat.K.decodeLevels(rec, 0);
    assertEquals(0b101010, got[0]);
    assertEquals(0b110011, got[1]);
  }
}
