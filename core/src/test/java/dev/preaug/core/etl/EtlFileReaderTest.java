package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtlFileReaderTest {
  private static final EtlDecoder DEFAULT = new EtlDecoder(EtlOptions.defaults(), null);

  static List<EtlRecord> readAll(EtlFileReader.RecordIterator it) {
    List<EtlRecord> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  static EtlDataFile file(String path, EtlPart part, byte[] bytes) {
    return new EtlDataFile(path, part, part.format(), EtlInventory.lastComponent(path),
        bytes.length);
  }

  /** A blank dummy record: all zeros, whose JIS code 0x0000 would not decode. */
  static SyntheticEtl.Rec dummy(EtlFormat f) {
    return SyntheticEtl.rec(0).serial(0).sheet(0)
        .levels(new int[f.width() * f.height()]);
  }

  @Test
  void dummyFirstRecordsOf8BAnd9BAreSkipped() {
    for (EtlPart part : new EtlPart[] {EtlPart.ETL8B, EtlPart.ETL9B}) {
      EtlFormat f = part.format();
      List<SyntheticEtl.Rec> recs = new ArrayList<>();
      recs.add(dummy(f));
      recs.addAll(SyntheticEtl.recs(3, 0x3021, 0x2422, 0x2522));
      byte[] bytes = SyntheticEtl.file(f, recs);
      String path = part.directoryName() + "/" + part.officialFileNames().get(0);
      EtlFileReader reader = new EtlFileReader(file(path, part, bytes), EtlSource.of(bytes), DEFAULT);
      assertEquals(4, reader.recordCount());
      EtlFileReader.RecordIterator it = reader.records();
      List<EtlRecord> got = readAll(it);
      assertEquals(List.of("亜", "あ", "ア"), got.stream().map(EtlRecord::label).toList());
      assertEquals(List.of(1L, 2L, 3L), got.stream().map(EtlRecord::recordNumber).toList());
      assertEquals(new EtlReadStats(4, 3, 1, 0, 0, 0), it.stats());
      assertEquals(-1, got.get(0).serial());
      assertEquals(3, got.get(0).sheet());
      assertEquals(0x3021, got.get(0).rawCode());
      assertEquals(path + "#1", got.get(0).key());
      // A range that does not include record 0 has no dummy to skip.
      assertEquals(2, readAll(reader.records(2, 4)).size());
    }
  }

  @Test
  void recordsOfEveryTypeDecodeEndToEnd() {
    Co59Table table = EtlLabelsTest.syntheticTable();
    EtlDecoder decoder = new EtlDecoder(EtlOptions.defaults(), table);
    Object[][] cases = {
      {EtlPart.ETL1, 0xB1, "ア"},
      {EtlPart.ETL2, (16 << 6) | 1, "亜"},
      {EtlPart.ETL3, 0x41, "A"},
      {EtlPart.ETL8G, 0x3021, "亜"},
      {EtlPart.ETL9G, 0x2422, "あ"},
    };
    for (Object[] c : cases) {
      EtlPart part = (EtlPart) c[0];
      EtlFormat f = part.format();
      int[] levels = SyntheticEtl.pattern(f);
      byte[] bytes = SyntheticEtl.file(f, List.of(
          SyntheticEtl.rec((Integer) c[1]).serial(99).levels(levels)));
      EtlFileReader reader = new EtlFileReader(
          file(part.directoryName() + "/" + part.officialFileNames().get(0), part, bytes),
          EtlSource.of(bytes), decoder);
      List<EtlRecord> got = readAll(reader.records());
      assertEquals(1, got.size(), part.name());
      EtlRecord r = got.get(0);
      assertEquals(c[2], r.label(), part.name());
      assertEquals(99, r.serial(), part.name());
      assertEquals(decoder.plan(f).pixels(SyntheticEtl.record(f, SyntheticEtl.rec((Integer) c[1])
          .serial(99).levels(levels)), 0), r.pixels(), part.name());
      int sy = (2 * 5 + 1) * f.height() / 128;
      int sx = (2 * 7 + 1) * f.width() / 128;
      int v = levels[sy * f.width() + sx];
      int expected = f.depth() == 6 ? EtlPixels.SIX_BIT_REFERENCE[v] : v * 17;
      assertEquals(expected, r.pixels().get(7, 5), part.name());
    }
  }

  /** Reading [from, to) equals the slice of reading the whole file, across chunk boundaries. */
  @Test
  void rangesEqualSlicesOfTheWhole() {
    int n = 2100 + 1; // 8B: a dummy plus 2100 records; the reader fetches 2048 records per read
    List<SyntheticEtl.Rec> recs = new ArrayList<>();
    recs.add(dummy(EtlFormat.B8));
    int[] codes = {0x3021, 0x2422, 0x2522, 0x2330, 0x2341, 0x3975};
    for (int i = 1; i < n; i++) {
      int[] levels = new int[64 * 63];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = ((k * 31 + i * 17) >> 3) & 1;
      }
      recs.add(SyntheticEtl.rec(codes[i % codes.length]).sheet(i).levels(levels));
    }
    byte[] bytes = SyntheticEtl.file(EtlFormat.B8, recs);
    EtlDataFile f = file("ETL8B/ETL8B2C1", EtlPart.ETL8B, bytes);
    EtlFileReader reader = new EtlFileReader(f, EtlSource.of(bytes), DEFAULT);
    List<EtlRecord> whole = readAll(reader.records());
    assertEquals(n - 1, whole.size());
    long[][] cuts = {{0, 1, 2, 2047, 2048, 2049, n}, {0, 700, 1400, n}, {0, n}};
    for (long[] c : cuts) {
      List<EtlRecord> joined = new ArrayList<>();
      EtlReadStats sum = new EtlReadStats(0, 0, 0, 0, 0, 0);
      for (int i = 0; i + 1 < c.length; i++) {
        EtlFileReader.RecordIterator it = reader.records(c[i], c[i + 1]);
        joined.addAll(readAll(it));
        sum = sum.plus(it.stats());
      }
      assertEquals(whole, joined, Arrays.toString(c));
      assertEquals(new EtlReadStats(n, n - 1, 1, 0, 0, 0), sum);
    }
    // Each record's pixels are its own (the levels differ per record).
    assertTrue(!whole.get(0).pixels().equals(whole.get(1).pixels()));
    assertEquals(whole.get(5).pixels(),
        DEFAULT.plan(EtlFormat.B8).pixels(bytes, 6 * 512));
  }

  @Test
  void streamAndFileSourcesGiveTheSameRecords(@TempDir Path dir) throws IOException {
    byte[] bytes = SyntheticEtl.file(EtlFormat.G9, SyntheticEtl.recs(12, 0x3021, 0x2422, 0x2330));
    EtlDataFile f = file("ETL9G/ETL9G_01", EtlPart.ETL9G, bytes);
    List<EtlRecord> mem = readAll(new EtlFileReader(f, EtlSource.of(bytes), DEFAULT).records(3, 11));
    List<EtlRecord> stream = readAll(new EtlFileReader(f,
        EtlSource.forward(new ByteArrayInputStream(bytes), bytes.length), DEFAULT).records(3, 11));
    Path p = dir.resolve("ETL9G_01");
    Files.write(p, bytes);
    List<EtlRecord> disk;
    try (EtlSource.FileSource src = EtlSource.open(p)) {
      disk = readAll(new EtlFileReader(f, src, DEFAULT).records(3, 11));
    }
    assertEquals(8, mem.size());
    assertEquals(mem, stream);
    assertEquals(mem, disk);
  }

  @Test
  void forwardSourceRefusesToGoBack() throws IOException {
    EtlSource s = EtlSource.forward(new ByteArrayInputStream(new byte[10]), 10);
    s.readFully(4, new byte[2], 0, 2);
    IOException e = assertThrows(IOException.class, () -> s.readFully(0, new byte[2], 0, 2));
    assertEquals("forward-only source: read at 0 after reading up to 6", e.getMessage());
    assertThrows(EOFException.class, () -> s.readFully(8, new byte[4], 0, 4));
  }

  @Test
  void lengthThatIsNotWholeRecordsIsRejectedNamingTheTrailingPartialRecord() {
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> EtlFileReader.recordCount(EtlFormat.G9, 139_390, "ETL9G/ETL9G_01"));
    assertEquals("ETL9G/ETL9G_01: length 139390 is not a multiple of the 9G record size 8199:"
        + " trailing partial record 17 at offset 139383 has 7 of 8199 bytes", e.getMessage());
    assertEquals(17, EtlFileReader.recordCount(EtlFormat.G9, 139_383, "x"));
    assertEquals(0, EtlFileReader.recordCount(EtlFormat.B9, 0, "x"));
  }

  @Test
  void truncatedFileFailsBeforeAnyRecord() {
    byte[] whole = SyntheticEtl.file(EtlFormat.M, SyntheticEtl.recs(3, 0x41));
    byte[] cut = Arrays.copyOf(whole, whole.length - 100);
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> new EtlFileReader(
        new EtlDataFile("ETL1/ETL1C_01", EtlPart.ETL1, EtlFormat.M, "ETL1C_01", cut.length),
        EtlSource.of(cut), DEFAULT));
    assertEquals("ETL1/ETL1C_01: length 6056 is not a multiple of the M record size 2052:"
        + " trailing partial record 2 at offset 4104 has 1952 of 2052 bytes", e.getMessage());
  }

  @Test
  void wrongRecordTypeShowsAsBadLength() {
    // An ETL9B file read with the ETL8B layout: 576-byte records are not 512-byte records.
    byte[] b9 = SyntheticEtl.file(EtlFormat.B9, SyntheticEtl.recs(3, 0x3021));
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> new EtlFileReader(
        new EtlDataFile("ETL8B/ETL8B2C1", EtlPart.ETL8B, EtlFormat.B8, "ETL8B2C1", b9.length),
        EtlSource.of(b9), DEFAULT));
    assertEquals("ETL8B/ETL8B2C1: length 1728 is not a multiple of the 8B record size 512:"
        + " trailing partial record 3 at offset 1536 has 192 of 512 bytes", e.getMessage());
  }

  @Test
  void fileThatShrankSinceListingIsNamed() {
    byte[] bytes = SyntheticEtl.file(EtlFormat.G9, SyntheticEtl.recs(2, 0x3021));
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> new EtlFileReader(
        new EtlDataFile("ETL9G/ETL9G_07", EtlPart.ETL9G, EtlFormat.G9, "ETL9G_07", 3 * 8199L),
        EtlSource.of(bytes), DEFAULT));
    assertEquals("ETL9G/ETL9G_07: length changed since listing: listed 24597 bytes, now 16398",
        e.getMessage());
    // A source that ends early while reading (listing unknown) names the record.
    EtlSource lying = new EtlSource() {
      @Override
      public long length() {
        return 3 * 8199L;
      }

      @Override
      public void readFully(long position, byte[] buf, int off, int len) throws IOException {
        throw new EOFException("gone");
      }
    };
    EtlFileReader r = new EtlFileReader(
        new EtlDataFile("ETL9G/ETL9G_07", EtlPart.ETL9G, EtlFormat.G9, "ETL9G_07", -1), lying,
        DEFAULT);
    e = assertThrows(EtlFormatException.class, () -> r.records(1, 3).hasNext());
    assertEquals("ETL9G/ETL9G_07 record 1 (offset 8199): file ended while reading records 1..2"
        + " (truncated since its length was checked?)", e.getMessage());
  }

  @Test
  void undecodableLabelNamesFileRecordAndOffset() {
    List<SyntheticEtl.Rec> recs = SyntheticEtl.recs(20, 0x3021);
    recs.set(17, SyntheticEtl.rec(0x7F21));
    byte[] bytes = SyntheticEtl.file(EtlFormat.G9, recs);
    EtlDataFile f = file("ETL9G/ETL9G_01", EtlPart.ETL9G, bytes);
    EtlFileReader.RecordIterator it = new EtlFileReader(f, EtlSource.of(bytes), DEFAULT).records();
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> readAll(it));
    assertEquals("ETL9G/ETL9G_01 record 17 (offset 139383): JIS X 0208 code 0x7F21 is not a valid"
        + " character (set undecodable=skip to drop such records)", e.getMessage());
    EtlDecoder skip = new EtlDecoder(
        EtlOptions.builder().undecodable(EtlOptions.Undecodable.SKIP).build(), null);
    EtlFileReader.RecordIterator it2 = new EtlFileReader(f, EtlSource.of(bytes), skip).records();
    assertEquals(19, readAll(it2).size());
    assertEquals(new EtlReadStats(20, 19, 0, 0, 1, 0), it2.stats());
  }

  @Test
  void groupFilterKeepsOnlyTheChosenGroups() {
    // 亜 あ ア ０ Ａ 黒 ー
    byte[] bytes = SyntheticEtl.file(EtlFormat.G8,
        SyntheticEtl.recs(7, 0x3021, 0x2422, 0x2522, 0x2330, 0x2341, 0x3975, 0x213C));
    EtlDataFile f = file("ETL8G/ETL8G_01", EtlPart.ETL8G, bytes);
    Object[][] cases = {
      {"kanji", "亜黒"}, {"hiragana", "あ"}, {"katakana", "ア"}, {"digits", "0"}, {"latin", "A"},
      {"symbols", "ー"}, {"kanji,hiragana", "亜あ黒"}, {"all", "亜あア0A黒ー"},
    };
    for (Object[] c : cases) {
      EtlDecoder d = new EtlDecoder(EtlOptions.builder().groups((String) c[0]).build(), null);
      EtlFileReader.RecordIterator it = new EtlFileReader(f, EtlSource.of(bytes), d).records();
      String labels = String.join("", readAll(it).stream().map(EtlRecord::label).toList());
      assertEquals(c[1], labels, (String) c[0]);
      assertEquals(7 - labels.length(), it.stats().filtered(), (String) c[0]);
    }
  }

  @Test
  void labelScanCountsWhatTheRecordsWouldBe() {
    List<SyntheticEtl.Rec> recs = new ArrayList<>();
    recs.add(dummy(EtlFormat.B9));
    recs.addAll(SyntheticEtl.recs(9, 0x3021, 0x2422, 0x3021, 0x2522, 0x3975, 0x7F21));
    byte[] bytes = SyntheticEtl.file(EtlFormat.B9, recs);
    EtlDataFile f = file("ETL9B/ETL9B_1", EtlPart.ETL9B, bytes);
    EtlDecoder d = new EtlDecoder(EtlOptions.builder().groups("kanji,katakana")
        .undecodable(EtlOptions.Undecodable.SKIP).build(), null);
    EtlFileReader reader = new EtlFileReader(f, EtlSource.of(bytes), d);
    EtlFileReader.LabelScan scan = reader.labels(0, 10);
    // records 1..9: 亜 あ 亜 ア 黒 (bad) 亜 あ 亜
    assertEquals(java.util.Map.of("亜", 4L, "ア", 1L, "黒", 1L), scan.counts());
    assertEquals(List.of("ア", "亜", "黒"), List.copyOf(scan.counts().keySet()));
    EtlFileReader.RecordIterator it = reader.records(0, 10);
    List<EtlRecord> got = readAll(it);
    assertEquals(it.stats(), scan.stats());
    assertEquals(new EtlReadStats(10, 6, 1, 0, 1, 2), scan.stats());
    assertEquals(6, got.size());
    assertEquals(scan.stats().plus(reader.labels(0, 0).stats()), reader.labels(0, 10).stats());
  }

  /** A virtual file of {@code count} records repeating {@code templates}, without allocating it. */
  static final class TiledSource implements EtlSource {
    private final byte[][] templates;
    private final long count;
    private final int recordLength;

    TiledSource(byte[][] templates, long count) {
      this.templates = templates;
      this.count = count;
      this.recordLength = templates[0].length;
    }

    @Override
    public long length() {
      return count * recordLength;
    }

    @Override
    public void readFully(long position, byte[] buf, int off, int len) throws IOException {
      if (position + len > length()) {
        throw new EOFException();
      }
      int done = 0;
      while (done < len) {
        long p = position + done;
        long rec = p / recordLength;
        int in = (int) (p % recordLength);
        byte[] t = rec == 0 ? templates[0] : templates[1 + (int) ((rec - 1) % (templates.length - 1))];
        int n = Math.min(len - done, recordLength - in);
        System.arraycopy(t, in, buf, off + done, n);
        done += n;
      }
    }
  }

  @Test
  void modelImagesAtTheEndOfEtl8b2c3AreSkippedByPosition() {
    byte[][] t = {
      SyntheticEtl.record(EtlFormat.B8, dummy(EtlFormat.B8)),
      SyntheticEtl.record(EtlFormat.B8, SyntheticEtl.rec(0x3021)),
      SyntheticEtl.record(EtlFormat.B8, SyntheticEtl.rec(0x2422)),
    };
    long n = 1 + 50_560 + 956;
    EtlDataFile f = new EtlDataFile("ETL8B/ETL8B2C3", EtlPart.ETL8B, EtlFormat.B8, "ETL8B2C3",
        n * 512);
    EtlDecoder skip = new EtlDecoder(EtlOptions.builder().skipModelImages(true).build(), null);
    EtlFileReader reader = new EtlFileReader(f, new TiledSource(t, n), skip);
    EtlFileReader.RecordIterator it = reader.records();
    long emitted = 0;
    long last = -1;
    while (it.hasNext()) {
      last = it.next().recordNumber();
      emitted++;
    }
    assertEquals(50_560, emitted);
    assertEquals(50_560, last);
    assertEquals(new EtlReadStats(n, 50_560, 1, 956, 0, 0), it.stats());
    EtlFileReader.RecordIterator tail = reader.records(50_000, n);
    assertEquals(561, readAll(tail).size());
    assertEquals(956, tail.stats().modelImages());
    // Kept by default, like the reference.
    assertEquals(n - 1, readAll(new EtlFileReader(f, new TiledSource(t, n), DEFAULT).records())
        .size());
  }

  @Test
  void extraDataSetOfEtl9b5IsSkippedWithTheModelImages() {
    byte[][] t = {
      SyntheticEtl.record(EtlFormat.B9, dummy(EtlFormat.B9)),
      SyntheticEtl.record(EtlFormat.B9, SyntheticEtl.rec(0x3021)),
    };
    long n = 1 + 121_440 + 3_036;
    EtlDataFile f = new EtlDataFile("ETL9B/ETL9B_5", EtlPart.ETL9B, EtlFormat.B9, "ETL9B_5", n * 576);
    EtlDecoder skip = new EtlDecoder(EtlOptions.builder().skipModelImages(true).build(), null);
    EtlFileReader.RecordIterator it =
        new EtlFileReader(f, new TiledSource(t, n), skip).records(121_000, n);
    assertEquals(441, readAll(it).size());
    assertEquals(3_036, it.stats().modelImages());
  }

  @Test
  void modelImagePositionsAreOnlyTrustedAtTheOfficialCount() {
    byte[] bytes = SyntheticEtl.file(EtlFormat.B8, SyntheticEtl.recs(5, 0x3021));
    EtlDataFile f = file("ETL8B/ETL8B2C3", EtlPart.ETL8B, bytes);
    EtlDecoder skip = new EtlDecoder(EtlOptions.builder().skipModelImages(true).build(), null);
    EtlFormatException e = assertThrows(EtlFormatException.class,
        () -> new EtlFileReader(f, EtlSource.of(bytes), skip));
    assertEquals("ETL8B/ETL8B2C3: cannot locate the 956 model images to skip: the official file"
        + " has 51517 records (the last 956 are model images), this one has 5", e.getMessage());
    // Other files are unaffected by the option.
    EtlDataFile other = file("ETL8B/ETL8B2C1", EtlPart.ETL8B, bytes);
    assertEquals(4, readAll(new EtlFileReader(other, EtlSource.of(bytes), skip).records()).size());
  }

  @Test
  void etl2WithoutTheCo59TableFailsUpFront() {
    byte[] bytes = SyntheticEtl.file(EtlFormat.K, SyntheticEtl.recs(2, 1));
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> new EtlFileReader(
        file("ETL2/ETL2_1", EtlPart.ETL2, bytes), EtlSource.of(bytes), DEFAULT));
    assertEquals("ETL2/ETL2_1: ETL2 (K-type) labels need the CO-59 table euc_co59.dat from the"
        + " official unpack tools at the dataset root; none was loaded", e.getMessage());
  }

  @Test
  void rangeOutsideTheFileIsAProgrammingError() {
    byte[] bytes = SyntheticEtl.file(EtlFormat.G9, SyntheticEtl.recs(2, 0x3021));
    EtlFileReader r = new EtlFileReader(file("ETL9G/ETL9G_01", EtlPart.ETL9G, bytes),
        EtlSource.of(bytes), DEFAULT);
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> r.records(1, 3));
    assertEquals("ETL9G/ETL9G_01: range [1, 3) outside [0, 2)", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> r.records(2, 1));
    Iterator<EtlRecord> empty = r.records(1, 1);
    assertFalse(empty.hasNext());
    assertThrows(NoSuchElementException.class, empty::next);
  }

  @Test
  void pixelsAreTheSeedsUint8() {
    // 9G: 4-bit levels 0..15 map to v*17 after nearest sampling of 128x127.
    int[] levels = new int[128 * 127];
    for (int y = 0; y < 127; y++) {
      for (int x = 0; x < 128; x++) {
        levels[y * 128 + x] = (x / 8 + y) % 16;
      }
    }
    byte[] bytes = SyntheticEtl.file(EtlFormat.G9, List.of(SyntheticEtl.rec(0x3021).levels(levels)));
    EtlRecord r = readAll(new EtlFileReader(file("ETL9G/ETL9G_01", EtlPart.ETL9G, bytes),
        EtlSource.of(bytes), DEFAULT).records()).get(0);
    byte[] expected = new byte[64 * 64];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int sy = (2 * y + 1) * 127 / 128;
        int sx = 2 * x + 1;
        expected[y * 64 + x] = (byte) (levels[sy * 128 + sx] * 17);
      }
    }
    assertArrayEquals(expected, r.pixels().toArray());
  }
}
