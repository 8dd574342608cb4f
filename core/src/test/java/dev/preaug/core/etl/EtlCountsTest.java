package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtlCountsTest {

  /** An INFO file in the published shape, with synthetic numbers. */
  static final String ETL5INFO =
      "etl5.001\t(F,2952,2952,C-type) (1*3=3record) (8856byte 16bit-checksum(B,V)=(1,2))\n"
          + "etl5c\t(F,2952,2952,C-type) (1*3=3record) (8856byte 16bit-checksum(B,V)=(1,2))\n"
          + "etl5c.Z\t(F,2952,2952,C-type) (1*3=3record) (999byte 16bit-checksum(B,V)=(3,4))\n";

  static EtlInfoFile info(String path, String text) {
    return EtlInfoFile.parse(path, text.getBytes(StandardCharsets.US_ASCII));
  }

  static EtlInventory inventory(EtlListing... files) {
    return EtlInventory.scan(List.of(files), EtlOptions.defaults());
  }

  @Test
  void parsesThePublishedInfoShape() {
    EtlInfoFile f = info("ETL5/ETL5INFO", ETL5INFO);
    assertEquals(3, f.entries().size());
    EtlInfoFile.Entry e = f.find("ETL5C");
    assertEquals("etl5c", e.name());
    assertEquals(2952, e.recordLength());
    assertEquals(3, e.records());
    assertEquals(8856, e.bytes());
    assertEquals(2, e.line());
    assertEquals(999, f.find("etl5c.z").bytes());
    assertEquals(null, f.find("ETL5C_1"));
    EtlInfoFile lenient = info("X", "header line\r\netl9g_01  (F,8199,8199,G-type)"
        + " (12144 records)\r\n\r\n");
    assertEquals(List.of(new EtlInfoFile.Entry("etl9g_01", 8199, 12144, -1, 2)), lenient.entries());
    assertEquals(lenient.entries().get(0), lenient.find("ETL9G_01"));
  }

  @Test
  void infoBytesMatchOrTheRunFailsNamingBothCounts() {
    EtlInfoFile etl5 = info("ETL5/ETL5INFO", ETL5INFO);
    EtlCounts.Report ok = EtlCounts.check(inventory(new EtlListing("ETL5/ETL5C", 8856)),
        List.of(etl5));
    assertEquals(1, ok.checks().size());
    assertTrue(ok.mismatches().isEmpty());
    ok.requireConsistent();
    EtlCounts.Report bad = EtlCounts.check(inventory(new EtlListing("ETL5/ETL5C", 5904)),
        List.of(etl5));
    EtlFormatException e = assertThrows(EtlFormatException.class, bad::requireConsistent);
    assertEquals("ETL5/ETL5C: has 2 records (5904 bytes), ETL5/ETL5INFO line 2 says 8856 bytes",
        e.getMessage());
    // INFO in another directory does not apply; the official page then does (ETL5C: 10,608).
    EtlCounts.Report elsewhere = EtlCounts.check(inventory(new EtlListing("b/ETL5C", 8856)),
        List.of(etl5));
    assertEquals(List.of("b/ETL5C: has 3 records (8856 bytes), the official format page for ETL5C"
        + " says 10608 records"),
        elsewhere.mismatches().stream().map(EtlCounts.Check::toString).toList());
  }

  @Test
  void infoRecordCountsAllowTheDummyOf8BAnd9B() {
    EtlInfoFile etl9 = info("ETL9B/ETL9INFO", "etl9b_1 (F,576,576,B-type) (121440record)\n"
        + "ETL9B_2 (F,576,576,B-type) (121441record)\n");
    EtlCounts.Report r = EtlCounts.check(inventory(
        new EtlListing("ETL9B/ETL9B_1", 121_441L * 576), new EtlListing("ETL9B/ETL9B_2", 121_441L * 576)),
        List.of(etl9));
    assertTrue(r.mismatches().isEmpty(), r.mismatches().toString());
    EtlCounts.Report r2 = EtlCounts.check(inventory(
        new EtlListing("ETL9B/ETL9B_1", 121_442L * 576)), List.of(etl9));
    assertEquals("ETL9B/ETL9B_1: has 121442 records (69950592 bytes), ETL9B/ETL9INFO line 1 says"
        + " 121440 records", r2.mismatches().get(0).toString());
  }

  @Test
  void infoRecordLengthMustMatchTheFormat() {
    EtlInfoFile etl9 = info("ETL9B/ETL9INFO", "etl9b_1 (F,512,512,B-type) (3record)\n");
    EtlCounts.Report r = EtlCounts.check(inventory(new EtlListing("ETL9B/ETL9B_1", 3L * 576)),
        List.of(etl9));
    EtlFormatException e = assertThrows(EtlFormatException.class, r::requireConsistent);
    assertEquals("ETL9B/ETL9B_1: has records of 576 bytes (read as 9B), ETL9B/ETL9INFO line 1"
        + " says records of 512 bytes", e.getMessage());
  }

  @Test
  void officialPerFileCountsApplyWithoutInfo() {
    EtlInfoFile junk = info("ETL9G/ETL9INFO", "nothing to see\n");
    EtlCounts.Report r = EtlCounts.check(inventory(
        new EtlListing("ETL9G/ETL9G_01", 12_144L * 8199),
        new EtlListing("ETL9G/ETL9G_02", 12_143L * 8199),
        new EtlListing("ETL9B/ETL9B_5", (1 + 121_440 + 3_036L) * 576),
        new EtlListing("ETL8B/ETL8B2C3", 51_516L * 512),
        new EtlListing("ETL8G/ETL8G_01", 4_780L * 8199)), List.of(junk));
    assertEquals(List.of("ETL9G/ETL9INFO"), r.unparsedInfoFiles());
    assertEquals(List.of("ETL8G/ETL8G_01"), r.unchecked());
    assertEquals(4, r.checks().size());
    assertEquals(List.of(
        "ETL8B/ETL8B2C3: has 51516 records (26376192 bytes), the official format page for"
            + " ETL8B2C3 says 51517 records",
        "ETL9G/ETL9G_02: has 12143 records (99560457 bytes), the official format page for"
            + " ETL9G_02 says 12144 records"),
        r.mismatches().stream().map(EtlCounts.Check::toString).toList());
    EtlFormatException e = assertThrows(EtlFormatException.class, r::requireConsistent);
    assertEquals("ETL8B/ETL8B2C3: has 51516 records (26376192 bytes), the official format page for"
        + " ETL8B2C3 says 51517 records (and 1 more count mismatches)", e.getMessage());
  }

  @Test
  void partTotalsApplyWhenEveryOfficialFileIsPresent() {
    EtlCounts.Report ok = EtlCounts.check(inventory(
        new EtlListing("ETL3/ETL3C_1", 4_800L * 2952), new EtlListing("ETL3/ETL3C_2", 4_800L * 2952)),
        List.of());
    assertEquals(1, ok.checks().size());
    assertTrue(ok.unchecked().isEmpty());
    assertTrue(ok.mismatches().isEmpty());
    EtlCounts.Report bad = EtlCounts.check(inventory(
        new EtlListing("ETL3/ETL3C_1", 4_800L * 2952), new EtlListing("ETL3/ETL3C_2", 4_799L * 2952)),
        List.of());
    EtlFormatException e = assertThrows(EtlFormatException.class, bad::requireConsistent);
    assertEquals("ETL3 (all 2 files): has 9599 records, the official format page for ETL3 says 9600"
        + " records", e.getMessage());
    EtlCounts.Report partial = EtlCounts.check(inventory(
        new EtlListing("ETL3/ETL3C_1", 4_800L * 2952)), List.of());
    assertEquals(List.of("ETL3/ETL3C_1"), partial.unchecked());
    assertTrue(partial.checks().isEmpty());
  }
}
