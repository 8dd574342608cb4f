package dev.preaug.core.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NpyDtypeTest {
  @Test
  void descriptorsAndSizesAreNumpys() {
    String[][] expected = {{"UINT8", "|u1", "1", "uint8"}, {"INT8", "|i1", "1", "int8"},
        {"INT16", "<i2", "2", "int16"}, {"INT32", "<i4", "4", "int32"},
        {"INT64", "<i8", "8", "int64"}, {"FLOAT16", "<f2", "2", "float16"},
        {"FLOAT32", "<f4", "4", "float32"}};
    assertEquals(expected.length, NpyDtype.values().length);
    for (String[] e : expected) {
      NpyDtype t = NpyDtype.valueOf(e[0]);
      assertEquals(e[1], t.descr());
      assertEquals(Integer.parseInt(e[2]), t.itemSize());
      assertEquals(e[3], t.numpyName());
      assertEquals(!e[0].startsWith("FLOAT"), t.isInteger());
    }
  }

  @Test
  void parseAcceptsEachDescriptor() {
    for (NpyDtype t : NpyDtype.values()) {
      String[] why = new String[1];
      assertSame(t, NpyDtype.parse(t.descr(), why));
      assertNull(why[0]);
    }
    for (String mark : new String[] {"<", ">", "=", "|"}) {
      assertSame(NpyDtype.UINT8, NpyDtype.parse(mark + "u1", new String[1]));
      assertSame(NpyDtype.INT8, NpyDtype.parse(mark + "i1", new String[1]));
    }
  }

  @Test
  void parseRefusesWithAReason() {
    String[] why = new String[1];
    assertNull(NpyDtype.parse(">i8", why));
    assertEquals("big-endian dtype '>i8' is not supported (save it as '<i8', e.g."
        + " arr.astype('<i8'))", why[0]);
    assertNull(NpyDtype.parse("|O", why));
    assertEquals("object dtype '|O' is not supported (it needs pickle)", why[0]);
    assertNull(NpyDtype.parse("<u4", why));
    assertTrue(why[0].startsWith("dtype '<u4' is not supported"), why[0]);
    assertNull(NpyDtype.parse("=i2", why));
    assertTrue(why[0].startsWith("dtype '=i2' is not supported"), why[0]);
    assertNull(NpyDtype.parse("<U5", why));
    assertFalse(why[0].contains("object"), why[0]);
  }
}
