package dev.preaug.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {
  private static final String F = "x.npy";

  // Headers exactly as numpy 1.24.2 (Debian bookworm) writes them, generated once with
  //   numpy.lib.format._write_array_header(buf, {'descr': D, 'fortran_order': False,
  //   'shape': S}, version)
  // (np.save writes the same bytes). ISO-8859-1 maps \u0093 to byte 0x93.
  private static final String NP_U1_3_64_64_1 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '|u1',"
      + " 'fortran_order': False, 'shape': (3, 64, 64, 1), }                                   "
      + "               \n";
  private static final String NP_F2_3_64_64 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f2',"
      + " 'fortran_order': False, 'shape': (3, 64, 64), }                                      "
      + "               \n";
  private static final String NP_I4_5 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<i4',"
      + " 'fortran_order': False, 'shape': (5,), }                                             "
      + "               \n";
  private static final String NP_I8_SCALAR = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<i8',"
      + " 'fortran_order': False, 'shape': (), }                                               "
      + "               \n";
  private static final String NP_I2_0 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<i2',"
      + " 'fortran_order': False, 'shape': (0,), }                                             "
      + "               \n";
  private static final String NP_I1_2_3 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '|i1',"
      + " 'fortran_order': False, 'shape': (2, 3), }                                           "
      + "               \n";
  private static final String NP_F4_1_2_3_4 = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f4',"
      + " 'fortran_order': False, 'shape': (1, 2, 3, 4), }                                     "
      + "               \n";
  private static final String NP_U1_BIG = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '|u1',"
      + " 'fortran_order': False, 'shape': (123456789, 64, 64, 1), }                           "
      + "               \n";
  private static final String NP_V2 = "\u0093NUMPY\u0002\u0000t\u0000\u0000\u0000{'descr': '<f2',"
      + " 'fortran_order': False, 'shape': (7, 64, 64), }                                      "
      + "             \n";
  private static final String NP_V3 = "\u0093NUMPY\u0003\u0000t\u0000\u0000\u0000{'descr': '<f2',"
      + " 'fortran_order': False, 'shape': (7, 64, 64), }                                      "
      + "             \n";
  private static final String NP_FORTRAN = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f2',"
      + " 'fortran_order': True, 'shape': (7, 64, 64), }                                       "
      + "               \n";
  private static final String NP_BIG_ENDIAN = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '>f2',"
      + " 'fortran_order': False, 'shape': (2, 2), }                                           "
      + "               \n";
  private static final String NP_STRUCTURED = "\u0093NUMPY\u0001\u0000v\u0000{'descr': [('a',"
      + " '<i4'), ('b', '<f4')], 'fortran_order': False, 'shape': (2,), }                      "
      + "               \n";
  private static final String NP_OBJECT = "\u0093NUMPY\u0001\u0000v\u0000{'descr': '|O',"
      + " 'fortran_order': False, 'shape': (2,), }                                             "
      + "                \n";

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static NpyHeader read(byte[] b) throws IOException {
    return NpyHeader.read(new ByteArrayInputStream(b), F);
  }

  /** A version 1.0 file prefix around {@code dict}, padded as numpy pads. */
  static byte[] v1(String dict) {
    return wrap(1, dict);
  }

  static byte[] wrap(int major, String dict) {
    int prefix = major == 1 ? 10 : 12;
    int unpadded = prefix + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(pad) + "\n";
    byte[] d = text.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    byte[] out = new byte[prefix + d.length];
    System.arraycopy(NpyHeader.MAGIC, 0, out, 0, 6);
    out[6] = (byte) major;
    out[7] = 0;
    for (int i = 0; i < prefix - 8; i++) {
      out[8 + i] = (byte) (d.length >>> (8 * i));
    }
    System.arraycopy(d, 0, out, prefix, d.length);
    return out;
  }

  private static String dict(String descr, String fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape
        + ", }";
  }

  private static BadInputException bad(byte[] b) {
    return assertThrows(BadInputException.class, () -> read(b));
  }

  private static void assertBad(String expected, byte[] b) {
    assertEquals(expected, bad(b).getMessage());
  }

  // ---------------------------------------------------------------- encoding and round trips

  @Test
  void encodeMatchesNumpyByteForByte() {
    assertArrayEquals(latin1(NP_U1_3_64_64_1), NpyHeader.of(NpyDtype.UINT8, 3, 64, 64, 1).encode());
    assertArrayEquals(latin1(NP_F2_3_64_64), NpyHeader.of(NpyDtype.FLOAT16, 3, 64, 64).encode());
    assertArrayEquals(latin1(NP_I4_5), NpyHeader.of(NpyDtype.INT32, 5).encode());
    assertArrayEquals(latin1(NP_I8_SCALAR), NpyHeader.of(NpyDtype.INT64).encode());
    assertArrayEquals(latin1(NP_I2_0), NpyHeader.of(NpyDtype.INT16, 0).encode());
    assertArrayEquals(latin1(NP_I1_2_3), NpyHeader.of(NpyDtype.INT8, 2, 3).encode());
    assertArrayEquals(latin1(NP_F4_1_2_3_4), NpyHeader.of(NpyDtype.FLOAT32, 1, 2, 3, 4).encode());
    assertArrayEquals(latin1(NP_U1_BIG),
        NpyHeader.of(NpyDtype.UINT8, 123456789, 64, 64, 1).encode());
  }

  @Test
  void readsWhatNumpyWrites() throws IOException {
    check(read(latin1(NP_U1_3_64_64_1)), NpyDtype.UINT8, 128, 3, 64, 64, 1);
    check(read(latin1(NP_F2_3_64_64)), NpyDtype.FLOAT16, 128, 3, 64, 64);
    check(read(latin1(NP_I4_5)), NpyDtype.INT32, 128, 5);
    check(read(latin1(NP_I8_SCALAR)), NpyDtype.INT64, 128);
    check(read(latin1(NP_I2_0)), NpyDtype.INT16, 128, 0);
    check(read(latin1(NP_I1_2_3)), NpyDtype.INT8, 128, 2, 3);
    check(read(latin1(NP_F4_1_2_3_4)), NpyDtype.FLOAT32, 128, 1, 2, 3, 4);
    check(read(latin1(NP_U1_BIG)), NpyDtype.UINT8, 128, 123456789, 64, 64, 1);
    check(read(latin1(NP_V2)), NpyDtype.FLOAT16, 128, 7, 64, 64);
    check(read(latin1(NP_V3)), NpyDtype.FLOAT16, 128, 7, 64, 64);
  }

  private static void check(NpyHeader h, NpyDtype dtype, long offset, long... shape) {
    assertEquals(dtype, h.dtype());
    assertArrayEquals(shape, h.shape());
    assertEquals(shape.length, h.rank());
    assertEquals(offset, h.dataOffset());
    long n = 1;
    for (int i = 0; i < shape.length; i++) {
      assertEquals(shape[i], h.dim(i));
      n *= shape[i];
    }
    assertEquals(n, h.elementCount());
    assertEquals(n * dtype.itemSize(), h.dataBytes());
    assertEquals(offset + n * dtype.itemSize(), h.fileBytes());
  }

  @Test
  void roundTripEveryDtypeAndRank() throws IOException {
    long[][] shapes = {{}, {7}, {0}, {3, 5}, {2, 64, 64}, {100000, 64, 64, 1}, {1, 1, 1, 1},
        {999999999999L, 3}};
    for (NpyDtype t : NpyDtype.values()) {
      for (long[] shape : shapes) {
        NpyHeader h = NpyHeader.of(t, shape);
        byte[] enc = h.encode();
        String what = t + " " + Arrays.toString(shape);
        assertEquals(0, enc.length % 64, what + ": data offset not 64-aligned");
        assertEquals(enc.length, h.dataOffset(), what);
        assertEquals('\n', enc[enc.length - 1], what);
        assertEquals(1, enc[6]);
        assertEquals(0, enc[7]);
        assertEquals(enc.length - 10, (enc[8] & 0xFF) | (enc[9] & 0xFF) << 8, what);
        String text = new String(enc, 10, enc.length - 10, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("{'descr': '" + t.descr() + "', 'fortran_order': False,"
            + " 'shape': " + h.shapeString() + ", }"), text);
        // The header is followed by data; read must stop exactly at the first data byte.
        byte[] file = Arrays.copyOf(enc, enc.length + 3);
        file[enc.length] = 42;
        InputStream in = new ByteArrayInputStream(file);
        NpyHeader back = NpyHeader.read(in, F);
        assertEquals(42, in.read(), what + ": stream not left at the data");
        check(back, t, enc.length, shape);
        assertEquals(h.toString(), back.toString());
      }
    }
  }

  @Test
  void shapeStringIsNumpys() {
    assertEquals("()", NpyHeader.of(NpyDtype.UINT8).shapeString());
    assertEquals("(5,)", NpyHeader.of(NpyDtype.UINT8, 5).shapeString());
    assertEquals("(3, 64, 64)", NpyHeader.of(NpyDtype.UINT8, 3, 64, 64).shapeString());
    assertEquals("NpyHeader[<i4 (5,) @128]", NpyHeader.of(NpyDtype.INT32, 5).toString());
  }

  @Test
  void shapeIsCopied() {
    long[] shape = {4, 5};
    NpyHeader h = NpyHeader.of(NpyDtype.UINT8, shape);
    shape[0] = 99;
    h.shape()[1] = 99;
    assertArrayEquals(new long[] {4, 5}, h.shape());
  }

  @Test
  void ofRejectsNegativeDimensions() {
    assertEquals("negative dimension in shape [2, -1]",
        assertThrows(IllegalArgumentException.class, () -> NpyHeader.of(NpyDtype.UINT8, 2, -1))
            .getMessage());
  }

  @Test
  void acceptsOtherValidSpellings() throws IOException {
    // Python 2 numpy wrote long dims with an L suffix; keys may come in any order, with double
    // quotes, without the trailing comma, and with any whitespace.
    checkAll(v1("{'descr': '<i2', 'fortran_order': False, 'shape': (3L, 4L), }"),
        NpyDtype.INT16, 3, 4);
    checkAll(v1("{\"shape\": (3,), \"fortran_order\": False, \"descr\": \"<f4\"}"),
        NpyDtype.FLOAT32, 3);
    checkAll(v1("  {  'descr' :'|u1' ,'fortran_order':False,'shape':( 2 , 5 ) }  "),
        NpyDtype.UINT8, 2, 5);
    checkAll(v1("{'descr':'<f2','fortran_order':False,'shape':(1,2,3,)}"),
        NpyDtype.FLOAT16, 1, 2, 3);
    // Byte order is meaningless for one-byte types: numpy may write any mark.
    checkAll(v1(dict("<u1", "False", "(1,)")), NpyDtype.UINT8, 1);
    checkAll(v1(dict("=i1", "False", "(1,)")), NpyDtype.INT8, 1);
    checkAll(v1(dict(">u1", "False", "(1,)")), NpyDtype.UINT8, 1);
    checkAll(wrap(2, dict("<i8", "False", "(9,)")), NpyDtype.INT64, 9);
    checkAll(wrap(3, dict("<i8", "False", "(9,)")), NpyDtype.INT64, 9);
    // Version 3.0 headers are UTF-8; non-ASCII text outside the values is only whitespace here,
    // so a non-ASCII key is simply an unknown key, decoded correctly.
    assertBad("x.npy: byte 13: bad NPY header: unexpected key '\u00e9' (an NPY header has exactly"
        + " descr, fortran_order and shape)", wrap(3, "{'\u00e9': 1}"));
  }

  private static void checkAll(byte[] file, NpyDtype dtype, long... shape) throws IOException {
    check(read(file), dtype, file.length, shape);
  }

  // ---------------------------------------------------------------- errors

  @Test
  void badMagic() {
    byte[] b = latin1(NP_I4_5);
    b[1] = 'X';
    assertBad("x.npy: byte 0: not an NPY file (missing the \\x93NUMPY magic)", b);
    assertBad("x.npy: byte 0: not an NPY file (missing the \\x93NUMPY magic)",
        "PK\u0003\u0004 zip file, not npy".getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void unsupportedVersions() {
    byte[] b = latin1(NP_I4_5);
    b[6] = 4;
    assertBad("x.npy: byte 6: NPY format version 4.0 is not supported (expected 1.0, 2.0 or 3.0)",
        b);
    b[6] = 0;
    assertBad("x.npy: byte 6: NPY format version 0.0 is not supported (expected 1.0, 2.0 or 3.0)",
        b);
    b[6] = 1;
    b[7] = 1;
    assertBad("x.npy: byte 7: NPY format version 1.1 is not supported (expected 1.0, 2.0 or 3.0)",
        b);
  }

  @Test
  void headerLengthOverTheLimit() {
    byte[] b = Arrays.copyOf(latin1(NP_V2), 128);
    b[8] = 1;
    b[9] = 0;
    b[10] = 1; // 65537
    b[11] = 0;
    assertBad("x.npy: byte 8: header length 65537 exceeds the 65536-byte limit", b);
    b[8] = b[9] = b[10] = b[11] = (byte) 0xFF;
    assertBad("x.npy: byte 8: header length 4294967295 exceeds the 65536-byte limit", b);
    // Exactly at the limit is allowed (and then the header must really be that long).
    b[8] = 0;
    b[9] = 0;
    b[10] = 1;
    b[11] = 0;
    assertBad("x.npy: byte 128: file ends inside the 65536-byte header (truncated NPY header)", b);
  }

  @Test
  void truncatedPrefix() {
    byte[] full = latin1(NP_V2);
    assertBad("x.npy: byte 0: file ends inside the 8-byte magic and version (truncated NPY"
        + " header)", new byte[0]);
    assertBad("x.npy: byte 5: file ends inside the 8-byte magic and version (truncated NPY"
        + " header)", Arrays.copyOf(full, 5));
    assertBad("x.npy: byte 9: file ends inside the header length (truncated NPY header)",
        Arrays.copyOf(latin1(NP_I4_5), 9));
    assertBad("x.npy: byte 10: file ends inside the header length (truncated NPY header)",
        Arrays.copyOf(full, 10));
  }

  @Test
  void truncatedHeader() {
    assertBad("x.npy: byte 50: file ends inside the 118-byte header (truncated NPY header)",
        Arrays.copyOf(latin1(NP_I4_5), 50));
    assertBad("x.npy: byte 12: file ends inside the 116-byte header (truncated NPY header)",
        Arrays.copyOf(latin1(NP_V2), 12));
    assertBad("x.npy: byte 127: file ends inside the 116-byte header (truncated NPY header)",
        Arrays.copyOf(latin1(NP_V3), 127));
  }

  @Test
  void truncationOffsetsCountFromTheFileStartWhateverTheReadSizes() {
    // A stream that returns one byte per read must report the same offsets.
    byte[] b = Arrays.copyOf(latin1(NP_V2), 40);
    InputStream trickle = new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] buf, int off, int len) {
        return super.read(buf, off, Math.min(len, 1));
      }
    };
    BadInputException e = assertThrows(BadInputException.class,
        () -> NpyHeader.read(trickle, F));
    assertEquals("x.npy: byte 40: file ends inside the 116-byte header (truncated NPY header)",
        e.getMessage());
    assertEquals("x.npy", e.source());
    assertEquals("byte 40", e.where());
  }

  @Test
  void notADict() {
    assertBad("x.npy: byte 10: bad NPY header: expected '{' but found '['", v1("[1, 2, 3]"));
    byte[] newlineOnly = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 1, 0, '\n'};
    assertBad("x.npy: byte 11: bad NPY header: expected '{' but the header ended", newlineOnly);
    assertBad("x.npy: byte 12: bad NPY header: expected '{' but found 'N'", wrap(2, "None"));
  }

  @Test
  void missingKeys() {
    assertBad("x.npy: byte 10: header dict lacks 'shape'",
        v1("{'descr': '<f2', 'fortran_order': False, }"));
    assertBad("x.npy: byte 10: header dict lacks 'descr'",
        v1("{'fortran_order': False, 'shape': (1,), }"));
    assertBad("x.npy: byte 10: header dict lacks 'fortran_order'",
        v1("{'descr': '<f2', 'shape': (1,), }"));
    assertBad("x.npy: byte 10: header dict lacks 'descr'", v1("{}"));
  }

  @Test
  void duplicateKeys() {
    assertBad("x.npy: byte 51: bad NPY header: duplicate key 'descr'",
        v1("{'descr': '<f2', 'fortran_order': False, 'descr': '<f2', 'shape': (1,), }"));
    assertBad("x.npy: byte 42: bad NPY header: duplicate key 'shape'",
        v1("{'shape': (1,), 'descr': '<f2', 'shape': (2,), 'fortran_order': False}"));
    assertBad("x.npy: byte 35: bad NPY header: duplicate key 'fortran_order'",
        v1("{'fortran_order': False, 'fortran_order': False, 'descr': '<f2', 'shape': (1,)}"));
  }

  @Test
  void unknownKey() {
    assertBad("x.npy: byte 66: bad NPY header: unexpected key 'extra' (an NPY header has"
            + " exactly descr, fortran_order and shape)",
        v1("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), 'extra': 1}"));
  }

  @Test
  void unsupportedDtypes() {
    assertBad("x.npy: byte 20: bad NPY header: structured dtypes are not supported",
        latin1(NP_STRUCTURED));
    assertBad("x.npy: byte 10: object dtype '|O' is not supported (it needs pickle)",
        latin1(NP_OBJECT));
    assertBad("x.npy: byte 10: big-endian dtype '>f2' is not supported (save it as '<f2', e.g."
        + " arr.astype('<f2'))", latin1(NP_BIG_ENDIAN));
    assertBad("x.npy: byte 10: dtype '<u2' is not supported (expected one of |u1, |i1, <i2,"
        + " <i4, <i8, <f2, <f4)", v1(dict("<u2", "False", "(1,)")));
    assertBad("x.npy: byte 10: dtype '<f8' is not supported (expected one of |u1, |i1, <i2,"
        + " <i4, <i8, <f2, <f4)", v1(dict("<f8", "False", "(1,)")));
    assertBad("x.npy: byte 12: big-endian dtype '>i4' is not supported (save it as '<i4', e.g."
        + " arr.astype('<i4'))", wrap(2, dict(">i4", "False", "(1,)")));
  }

  @Test
  void fortranOrder() {
    assertBad("x.npy: byte 10: Fortran-order arrays are not supported (save with"
        + " np.ascontiguousarray)", latin1(NP_FORTRAN));
    assertBad("x.npy: byte 44: bad NPY header: fortran_order must be True or False",
        v1(dict("<f2", "0", "(1,)")));
  }

  @Test
  void badDimensions() {
    assertBad("x.npy: byte 64: bad NPY header: negative dimension in shape",
        v1(dict("<f2", "False", "(3, -1)")));
    assertBad("x.npy: byte 61: bad NPY header: dimension 1234567890123456789 is too large",
        v1(dict("<f2", "False", "(1234567890123456789,)")));
    assertBad("x.npy: byte 61: bad NPY header: expected a non-negative integer dimension in"
        + " shape", v1(dict("<f2", "False", "(x,)")));
    assertBad("x.npy: byte 62: bad NPY header: expected ',' or ')' in shape",
        v1(dict("<f2", "False", "(3.5,)")));
    assertBad("x.npy: byte 61: bad NPY header: expected a non-negative integer dimension in"
        + " shape", v1(dict("<f2", "False", "(,)")));
    assertBad("x.npy: byte 60: bad NPY header: expected '(' but found '['",
        v1(dict("<f2", "False", "[3, 4]")));
    String many = "(" + "1, ".repeat(33) + ")";
    assertTrue(bad(v1(dict("<f2", "False", many))).getMessage()
        .endsWith("bad NPY header: shape has more than 32 dimensions"));
  }

  @Test
  void shapesThatOverflow() {
    assertBad("x.npy: byte 10: shape (576460752303423488, 16) of <i2 overflows 2^63 bytes",
        v1(dict("<i2", "False", "(576460752303423488, 16)")));
    assertBad("x.npy: byte 10: shape (999999999999999999, 999999999999999999) of |u1 overflows"
            + " 2^63 bytes",
        v1(dict("|u1", "False", "(999999999999999999, 999999999999999999)")));
    // 4 * 2^58 * 2 = 2^61 elements of 4 bytes: 2^63 bytes.
    assertBad("x.npy: byte 10: shape (4, 288230376151711744, 2) of <f4 overflows 2^63 bytes",
        v1(dict("<f4", "False", "(4, 288230376151711744, 2)")));
    // 153092023 * 60247241209 = 2^63 - 1 elements of one byte: the data fits, the file does not.
    assertBad("x.npy: byte 10: shape (153092023, 60247241209) of |u1 overflows 2^63 bytes",
        v1(dict("|u1", "False", "(153092023, 60247241209)")));
  }

  @Test
  void malformedDictSyntax() {
    assertBad("x.npy: byte 26: bad NPY header: expected ',' or '}' in the header dict",
        v1("{'descr': '<f2' 'fortran_order': False, 'shape': (1,)}"));
    assertBad("x.npy: byte 68: bad NPY header: unexpected text after the header dict",
        v1(dict("<f2", "False", "(1,)") + " x"));
    assertBad("x.npy: byte 11: bad NPY header: unterminated string", v1("{'descr"));
    assertBad("x.npy: byte 21: bad NPY header: escape sequences are not allowed in header"
        + " strings", v1("{'descr': '\\x3cf2', 'fortran_order': False, 'shape': (1,)}"));
    assertBad("x.npy: byte 11: bad NPY header: expected a quoted string", v1("{descr: 1}"));
    assertBad("x.npy: byte 18: bad NPY header: expected ':' but found ','", v1("{'descr', 1}"));
  }

  @Test
  void errorsAreOneLine() {
    BadInputException e = bad(v1("{'descr': '<f2',\n'fortran_order': True, 'shape': (1,)}"));
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  // ---------------------------------------------------------------- checkLength

  @Test
  void checkLength() {
    NpyHeader h = NpyHeader.of(NpyDtype.FLOAT16, 2, 3);
    assertEquals(140, h.fileBytes());
    h.checkLength(140, F);
    assertEquals("x.npy: byte 100: truncated: shape (2, 3) of <f2 needs 140 bytes, the file has"
            + " 100",
        assertThrows(BadInputException.class, () -> h.checkLength(100, F)).getMessage());
    assertEquals("x.npy: byte 139: truncated: shape (2, 3) of <f2 needs 140 bytes, the file has"
            + " 139",
        assertThrows(BadInputException.class, () -> h.checkLength(139, F)).getMessage());
    assertEquals("x.npy: byte 140: 5 trailing bytes after the data of shape (2, 3) (file has 145"
            + " bytes, the header implies 140)",
        assertThrows(BadInputException.class, () -> h.checkLength(145, F)).getMessage());
    NpyHeader empty = NpyHeader.of(NpyDtype.INT32, 0);
    empty.checkLength(128, F);
    assertEquals("y: byte 128: 1 trailing bytes after the data of shape (0,) (file has 129 bytes,"
            + " the header implies 128)",
        assertThrows(BadInputException.class, () -> empty.checkLength(129, "y")).getMessage());
  }
}
