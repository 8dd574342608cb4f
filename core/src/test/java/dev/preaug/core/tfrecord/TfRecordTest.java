package dev.preaug.core.tfrecord;

import dev.preaug.core.BadInputException;
import dev.preaug.core.io.LittleEndian;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TFRecord framing, writer and reader, checked against a CRC32C written from its definition. */
class TfRecordTest {
  private static final String F = "s.tfrecord";

  /** Bitwise CRC-32C (Castagnoli, reflected polynomial 0x82F63B78). */
  static int crc32c(byte[] b, int off, int len) {
    int crc = 0xFFFFFFFF;
    for (int i = off; i < off + len; i++) {
      crc ^= b[i] & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
      }
    }
    return ~crc;
  }

  /** TensorFlow's masking (tensorflow/core/lib/hash/crc32c.h): rotate right 15, add a delta. */
  static int mask(int crc) {
    return Integer.rotateRight(crc, 15) + 0xa282ead8;
  }

  static int unmask(int masked) {
    return Integer.rotateLeft(masked - 0xa282ead8, 15);
  }

  /** One framed record, built by hand. */
  static byte[] frame(byte[] data) {
    byte[] out = new byte[12 + data.length + 4];
    long len = data.length;
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (len >>> (8 * i));
    }
    putLe(out, 8, mask(crc32c(out, 0, 8)));
    System.arraycopy(data, 0, out, 12, data.length);
    putLe(out, 12 + data.length, mask(crc32c(data, 0, data.length)));
    return out;
  }

  static void putLe(byte[] b, int off, int v) {
    for (int i = 0; i < 4; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] write(List<byte[]> records) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TfRecordWriter w = new TfRecordWriter(bos)) {
      for (byte[] r : records) {
        w.write(r);
      }
      assertEquals(records.size(), w.records());
    }
    return bos.toByteArray();
  }

  private static List<byte[]> readAll(byte[] file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(file), F)) {
      for (byte[] d; (d = r.next()) != null; ) {
        out.add(d);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- CRCs

  @Test
  void referenceCrcIsRight() {
    // The standard check value of CRC-32C.
    assertEquals(0xE3069283, crc32c(ascii("123456789"), 0, 9));
    assertEquals(0, crc32c(new byte[0], 0, 0));
  }

  @Test
  void maskedCrcKnownValues() {
    assertEquals(mask(0xE3069283), TfRecordFraming.maskedCrc(ascii("123456789"), 0, 9));
    // mask(0xE3069283) = rotr(0xE3069283, 15) + 0xa282ead8, worked out by hand:
    // rotr15 = 0x2507C60D, + 0xa282ead8 = 0xC78AB0E5.
    assertEquals(0xC78AB0E5, TfRecordFraming.maskedCrc(ascii("123456789"), 0, 9));
    assertEquals(0xa282ead8, TfRecordFraming.mask(0));
    assertEquals(0xa282ead8, TfRecordFraming.maskedCrc(new byte[0], 0, 0));
    byte[] padded = ascii("xx123456789yy");
    assertEquals(0xC78AB0E5, TfRecordFraming.maskedCrc(padded, 2, 9));
  }

  @Test
  void maskMatchesTensorFlowsDefinition() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      int crc = r.nextInt();
      assertEquals(mask(crc), TfRecordFraming.mask(crc));
      assertEquals(crc, unmask(TfRecordFraming.mask(crc)));
    }
    for (int n : new int[] {1, 7, 8, 100, 4096}) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      assertEquals(mask(crc32c(b, 0, n)), TfRecordFraming.maskedCrc(b, 0, n));
    }
  }

  // ---------------------------------------------------------------- writer

  @Test
  void writerProducesTensorFlowFraming() throws IOException {
    byte[] payload = ascii("123456789");
    byte[] file = write(List.of(payload));
    assertArrayEquals(frame(payload), file);
    assertEquals(12 + 9 + 4, file.length);
    // Spelled out: length 9 LE, masked CRC of the length, data, masked CRC of the data.
    assertArrayEquals(new byte[] {9, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(file, 8));
    assertEquals(0xC78AB0E5, LittleEndian.getInt(file, 21));
    assertArrayEquals(frame(new byte[0]), write(List.of(new byte[0])));
  }

  @Test
  void writerWritesSlices() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    TfRecordWriter w = new TfRecordWriter(bos);
    w.write(ascii("..abc.."), 2, 3);
    w.write(ascii("zz"), 2, 0);
    assertEquals(2, w.records());
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(frame(ascii("abc")));
    expected.write(frame(new byte[0]));
    assertArrayEquals(expected.toByteArray(), bos.toByteArray());
  }

  @Test
  void closeClosesTheStreams() throws IOException {
    boolean[] closed = new boolean[2];
    new TfRecordWriter(new ByteArrayOutputStream() {
      @Override
      public void close() {
        closed[0] = true;
      }
    }).close();
    new TfRecordReader(new ByteArrayInputStream(new byte[0]) {
      @Override
      public void close() {
        closed[1] = true;
      }
    }, F).close();
    assertTrue(closed[0] && closed[1]);
  }

  // ---------------------------------------------------------------- round trips

  private static List<byte[]> variedRecords() {
    SplittableRandom r = new SplittableRandom(42);
    List<byte[]> records = new ArrayList<>();
    for (int size : new int[] {0, 1, 4096, 100_000, 0, 12, 13, 4095, 65536, 3}) {
      byte[] b = new byte[size];
      r.nextBytes(b);
      records.add(b);
    }
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[r.nextInt(300)];
      r.nextBytes(b);
      records.add(b);
    }
    return records;
  }

  @Test
  void roundTripManyRecordsOfVariedSizes() throws IOException {
    List<byte[]> records = variedRecords();
    byte[] file = write(records);
    List<byte[]> back = readAll(file);
    assertEquals(records.size(), back.size());
    for (int i = 0; i < records.size(); i++) {
      assertArrayEquals(records.get(i), back.get(i), "record " + i);
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (byte[] rec : records) {
      expected.write(frame(rec));
    }
    assertArrayEquals(expected.toByteArray(), file);
  }

  @Test
  void readerTracksRecordsAndOffsetsAndStaysAtEof() throws IOException {
    byte[] file = write(List.of(new byte[5], new byte[0], new byte[100]));
    TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(file), F);
    assertEquals(0, r.records());
    assertEquals(0, r.offset());
    assertEquals(5, r.next().length);
    assertEquals(1, r.records());
    assertEquals(21, r.offset());
    assertEquals(0, r.next().length);
    assertEquals(37, r.offset());
    assertEquals(100, r.next().length);
    assertEquals(3, r.records());
    assertEquals(file.length, r.offset());
    assertNull(r.next());
    assertNull(r.next());
    assertEquals(3, r.records());
  }

  @Test
  void emptyFileHasNoRecords() throws IOException {
    assertEquals(0, readAll(new byte[0]).size());
  }

  @Test
  void readerCopesWithShortReads() throws IOException {
    List<byte[]> records = variedRecords().subList(0, 20);
    byte[] file = write(records);
    InputStream trickle = new ByteArrayInputStream(file) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
    TfRecordReader r = new TfRecordReader(trickle, F);
    for (byte[] expected : records) {
      assertArrayEquals(expected, r.next());
    }
    assertNull(r.next());
  }

  @Test
  void gzipRoundTrip() throws IOException {
    List<byte[]> records = variedRecords().subList(0, 50);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TfRecordWriter w = new TfRecordWriter(new GZIPOutputStream(bos))) {
      for (byte[] b : records) {
        w.write(b);
      }
    }
    TfRecordReader r = new TfRecordReader(
        new GZIPInputStream(new ByteArrayInputStream(bos.toByteArray())), F);
    for (byte[] expected : records) {
      assertArrayEquals(expected, r.next());
    }
    assertNull(r.next());
  }

  // ---------------------------------------------------------------- corruption

  /** Three records of 10, 20 and 30 bytes: they start at bytes 0, 26 and 62; the file is 108. */
  private static byte[] threeRecords() throws IOException {
    return write(List.of(new byte[10], ascii("twenty bytes of text"), new byte[30]));
  }

  private static BadInputException readFails(byte[] file) {
    return assertThrows(BadInputException.class, () -> readAll(file));
  }

  private static BadInputException readFails(byte[] file, int maxRecordBytes) {
    return assertThrows(BadInputException.class, () -> {
      TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(file), F, maxRecordBytes);
      while (r.next() != null) {
        // read everything
      }
    });
  }

  @Test
  void corruptLengthCrc() throws IOException {
    byte[] f = threeRecords();
    f[26 + 9] ^= 0x40; // record 1's length CRC
    BadInputException e = readFails(f);
    assertEquals("s.tfrecord: record 1 (byte 26): length CRC mismatch (corrupt record header)",
        e.getMessage());
    assertEquals(F, e.source());
    assertEquals("record 1 (byte 26)", e.where());
  }

  @Test
  void corruptLength() throws IOException {
    byte[] f = threeRecords();
    f[62] = 31; // record 2 claims 31 bytes; the length CRC no longer matches
    assertEquals("s.tfrecord: record 2 (byte 62): length CRC mismatch (corrupt record header)",
        readFails(f).getMessage());
  }

  @Test
  void corruptData() throws IOException {
    byte[] f = threeRecords();
    f[26 + 12 + 5] ^= 1;
    assertEquals("s.tfrecord: record 1 (byte 26): data CRC mismatch (corrupt record data)",
        readFails(f).getMessage());
  }

  @Test
  void corruptDataCrc() throws IOException {
    byte[] f = threeRecords();
    f[f.length - 1] ^= (byte) 0x80;
    assertEquals("s.tfrecord: record 2 (byte 62): data CRC mismatch (corrupt record data)",
        readFails(f).getMessage());
  }

  @Test
  void truncatedHeader() throws IOException {
    byte[] f = threeRecords();
    assertEquals("s.tfrecord: record 1 (byte 26): file ends inside the 12-byte record header"
        + " (truncated)", readFails(Arrays.copyOf(f, 26 + 5)).getMessage());
    assertEquals("s.tfrecord: record 0 (byte 0): file ends inside the 12-byte record header"
        + " (truncated)", readFails(Arrays.copyOf(f, 11)).getMessage());
    assertEquals("s.tfrecord: record 0 (byte 0): file ends inside the 12-byte record header"
        + " (truncated)", readFails(Arrays.copyOf(f, 1)).getMessage());
  }

  @Test
  void truncatedData() throws IOException {
    byte[] f = threeRecords();
    assertEquals("s.tfrecord: record 2 (byte 62): file ends inside the 30-byte record data"
        + " (truncated)", readFails(Arrays.copyOf(f, 62 + 12 + 29)).getMessage());
    assertEquals("s.tfrecord: record 2 (byte 62): file ends inside the 30-byte record data"
        + " (truncated)", readFails(Arrays.copyOf(f, 62 + 12)).getMessage());
  }

  @Test
  void truncatedFooter() throws IOException {
    byte[] f = threeRecords();
    assertEquals("s.tfrecord: record 2 (byte 62): file ends inside the data CRC (truncated)",
        readFails(Arrays.copyOf(f, f.length - 1)).getMessage());
    assertEquals("s.tfrecord: record 0 (byte 0): file ends inside the data CRC (truncated)",
        readFails(Arrays.copyOf(f, 22)).getMessage());
  }

  @Test
  void recordsBeforeTheCorruptionAreDelivered() throws IOException {
    byte[] f = threeRecords();
    f[f.length - 1] ^= 1;
    TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(f), F);
    assertEquals(10, r.next().length);
    assertEquals(20, r.next().length);
    assertThrows(BadInputException.class, r::next);
  }

  @Test
  void recordLengthOverTheLimit() throws IOException {
    byte[] f = threeRecords();
    assertEquals("s.tfrecord: record 1 (byte 26): record length 20 exceeds the limit of 19 bytes",
        readFails(f, 19).getMessage());
    // Exactly at the limit is fine.
    TfRecordReader ok = new TfRecordReader(new ByteArrayInputStream(f), F, 30);
    while (ok.next() != null) {
      // reads all three
    }
    assertEquals(3, ok.records());
  }

  @Test
  void hugeLengthWithAValidCrcIsRefusedBeforeAllocating() {
    // A header claiming 2^64 - 1 bytes, with a correct length CRC: refused, no allocation.
    byte[] header = new byte[12];
    Arrays.fill(header, 0, 8, (byte) 0xFF);
    putLe(header, 8, mask(crc32c(header, 0, 8)));
    assertEquals("s.tfrecord: record 0 (byte 0): record length 18446744073709551615 exceeds the"
        + " limit of 67108864 bytes", readFails(header).getMessage());
    byte[] big = new byte[12];
    big[4] = 1; // 2^32
    putLe(big, 8, mask(crc32c(big, 0, 8)));
    assertEquals("s.tfrecord: record 0 (byte 0): record length 4294967296 exceeds the limit of"
        + " 67108864 bytes", readFails(big).getMessage());
    assertEquals(64 << 20, TfRecordReader.DEFAULT_MAX_RECORD_BYTES);
  }
}
