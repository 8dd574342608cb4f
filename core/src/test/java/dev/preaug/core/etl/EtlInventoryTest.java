package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EtlInventoryTest {

  /** The official tree: every file of every part, lengths of 3 records each. */
  static List<EtlListing> officialTree() {
    List<EtlListing> out = new ArrayList<>();
    for (EtlPart p : EtlPart.values()) {
      for (String name : p.officialFileNames()) {
        out.add(new EtlListing(p.directoryName() + "/" + name, 3L * p.format().recordLength()));
      }
    }
    return out;
  }

  static List<String> skippedLines(EtlInventory inv) {
    return inv.skipped().stream().map(SkippedFile::toString).collect(Collectors.toList());
  }

  @Test
  void officialNamesOfEveryPartAreRecognised() {
    EtlInventory inv = EtlInventory.scan(officialTree(), EtlOptions.defaults());
    assertEquals(13 + 5 + 2 + 1 + 1 + 12 + 4 + 3 + 33 + 5 + 50, inv.dataFiles().size());
    assertTrue(inv.skipped().isEmpty(), skippedLines(inv).toString());
    for (EtlDataFile d : inv.dataFiles()) {
      assertEquals(d.part().format(), d.format(), d.path());
      assertEquals(d.name(), d.canonicalName(), d.path());
      assertEquals(d.part().directoryName(), d.path().substring(0, d.path().indexOf('/')));
    }
    assertEquals("ETL1/ETL1C_01", inv.dataFiles().get(0).path());
    assertEquals("ETL9G/ETL9G_50", inv.dataFiles().get(inv.dataFiles().size() - 1).path());
    assertEquals(3L * inv.dataFiles().size(), inv.totalRecords());
  }

  @Test
  void namesAreMatchedByShapeCaseInsensitively() {
    EtlInventory inv = EtlInventory.scan(List.of(
        new EtlListing("x/etl9g_1", 8199), new EtlListing("ETL8B2C2", 512),
        new EtlListing("data/ETL7sc_2", 2052), new EtlListing("ETL9G/ETL9G_51", 8199)),
        EtlOptions.defaults());
    List<String> got = inv.dataFiles().stream()
        .map(d -> d.path() + "=" + d.part() + "/" + d.format() + "/" + d.canonicalName())
        .toList();
    // Distribution order: by part, then paths in natural order, case-insensitively.
    assertEquals(List.of("data/ETL7sc_2=ETL7/M/ETL7SC_2", "ETL8B2C2=ETL8B/8B/ETL8B2C2",
        "ETL9G/ETL9G_51=ETL9G/9G/null", "x/etl9g_1=ETL9G/9G/ETL9G_01"), got);
  }

  @Test
  void everyOtherFileIsNamedWithItsReason() {
    List<EtlListing> files = new ArrayList<>(List.of(
        new EtlListing("ETL9G/ETL9G_01", 8199),
        new EtlListing("ETL9G/ETL9INFO", 100),
        new EtlListing("ETL9G/ETL9GINFO", 100),
        new EtlListing("ETL9G/README", 10),
        new EtlListing("ETL9G/ETL9G_02.zip", 10),
        new EtlListing("ETL9G/.DS_Store", 10),
        new EtlListing("_SUCCESS", 0),
        new EtlListing("ETL10/ETL10_1", 576),
        new EtlListing("euc_co59.dat", 10),
        new EtlListing("unpack/euc_co59.dat", 10)));
    EtlInventory inv = EtlInventory.scan(files, EtlOptions.defaults());
    assertEquals(List.of("ETL9G/ETL9G_01"), inv.dataFiles().stream().map(EtlDataFile::path).toList());
    assertEquals(List.of(
        "ETL9G/.DS_Store: hidden file",
        "ETL9G/ETL9GINFO: info file (record counts are checked against it)",
        "ETL9G/ETL9G_02.zip: compressed archive; extract it first",
        "ETL9G/ETL9INFO: info file (record counts are checked against it)",
        "ETL9G/README: not an ETL data file name",
        "ETL10/ETL10_1: etldr renamed-layout name (there ETL10 means ETL9B); enable etldr names"
            + " to read it",
        "euc_co59.dat: CO-59 label table (unused: no ETL2 files)",
        "unpack/euc_co59.dat: another CO-59 table is used: euc_co59.dat",
        "_SUCCESS: hidden file"),
        skippedLines(inv));
    assertEquals(List.of("ETL9G/ETL9GINFO", "ETL9G/ETL9INFO"), inv.infoFiles());
    assertEquals("euc_co59.dat", inv.co59Path());
    assertNull(inv.requireCo59Path());
  }

  @Test
  void etldrRenamedLayoutIsReadWhenAskedFor() {
    List<EtlListing> files = List.of(
        new EtlListing("ETL1/ETL1_1", 2052), new EtlListing("ETL4/ETL4_1", 2952),
        new EtlListing("ETL7/ETL7_3", 2052), new EtlListing("ETL8/ETL8_3", 512),
        new EtlListing("ETL9/ETL9_2", 8199), new EtlListing("ETL10/ETL10_5", 576),
        new EtlListing("ETL11/ETL11_10", 8199), new EtlListing("ETL11/ETL11_2", 8199),
        new EtlListing("ETL12/ETL12_1", 8199));
    EtlInventory inv =
        EtlInventory.scan(files, EtlOptions.builder().etldrNames(true).build());
    List<String> got = inv.dataFiles().stream()
        .map(d -> d.path() + "=" + d.part() + "/" + d.canonicalName()).toList();
    assertEquals(List.of("ETL1/ETL1_1=ETL1/ETL1C_01", "ETL4/ETL4_1=ETL4/ETL4C",
        "ETL7/ETL7_3=ETL7/null", "ETL8/ETL8_3=ETL8B/ETL8B2C3", "ETL9/ETL9_2=ETL8G/ETL8G_02",
        "ETL10/ETL10_5=ETL9B/ETL9B_5", "ETL11/ETL11_2=ETL9G/ETL9G_02",
        "ETL11/ETL11_10=ETL9G/ETL9G_10"), got);
    assertEquals(List.of("ETL12/ETL12_1: not an ETL data file name"), skippedLines(inv));
  }

  @Test
  void dedupKeepsOneCopyOfEtl9() {
    List<EtlListing> files = List.of(
        new EtlListing("ETL9B/ETL9B_1", 576), new EtlListing("ETL9B/ETL9B_2", 576),
        new EtlListing("ETL9G/ETL9G_01", 8199), new EtlListing("ETL8B/ETL8B2C1", 512));
    EtlInventory off = EtlInventory.scan(files, EtlOptions.defaults());
    assertEquals(4, off.dataFiles().size());
    EtlInventory keepG = EtlInventory.scan(files,
        EtlOptions.builder().dedup(EtlOptions.Dedup.KEEP_9G).build());
    assertEquals(List.of("ETL8B/ETL8B2C1", "ETL9G/ETL9G_01"),
        keepG.dataFiles().stream().map(EtlDataFile::path).toList());
    assertEquals(List.of(
        "ETL9B/ETL9B_1: duplicate of ETL9G (ETL9B is a binarized copy of ETL9G; dedup keeps ETL9G)",
        "ETL9B/ETL9B_2: duplicate of ETL9G (ETL9B is a binarized copy of ETL9G; dedup keeps ETL9G)"),
        skippedLines(keepG));
    EtlInventory keepB = EtlInventory.scan(files,
        EtlOptions.builder().dedup(EtlOptions.Dedup.KEEP_9B).build());
    assertEquals(List.of("ETL8B/ETL8B2C1", "ETL9B/ETL9B_1", "ETL9B/ETL9B_2"),
        keepB.dataFiles().stream().map(EtlDataFile::path).toList());
    assertEquals(List.of("ETL9G/ETL9G_01: duplicate of ETL9B (ETL9B is a binarized copy of ETL9G;"
        + " dedup keeps ETL9B)"), skippedLines(keepB));
    // Only one copy present: nothing to drop.
    EtlInventory onlyB = EtlInventory.scan(files.subList(0, 2),
        EtlOptions.builder().dedup(EtlOptions.Dedup.KEEP_9G).build());
    assertEquals(2, onlyB.dataFiles().size());
  }

  @Test
  void formatOverrideReadsEveryOrdinaryFileAsThatType() {
    EtlInventory inv = EtlInventory.scan(List.of(
        new EtlListing("in/a.bin", 8199), new EtlListing("in/ETL9G_03", 8199),
        new EtlListing("in/ETL8G_01", 8199), new EtlListing("in/ETL9INFO", 10),
        new EtlListing("in/.hidden", 1)),
        EtlOptions.builder().formatOverride(EtlFormat.G9).build());
    List<String> got = inv.dataFiles().stream()
        .map(d -> d.path() + "=" + d.part() + "/" + d.format() + "/" + d.canonicalName()).toList();
    // ETL8G_01 is read as 9G as ordered, but loses its ETL8G identity (no ETL8G facts apply).
    assertEquals(List.of("in/ETL9G_03=ETL9G/9G/ETL9G_03", "in/a.bin=null/9G/null",
        "in/ETL8G_01=null/9G/null"), got);
    assertEquals(List.of("in/.hidden: hidden file",
        "in/ETL9INFO: info file (record counts are checked against it)"), skippedLines(inv));
  }

  @Test
  void etl2NeedsTheCo59Table() {
    EtlInventory without = EtlInventory.scan(
        List.of(new EtlListing("ETL2/ETL2_1", 2745)), EtlOptions.defaults());
    EtlFormatException e = assertThrows(EtlFormatException.class, without::requireCo59Path);
    assertEquals("ETL2/ETL2_1: ETL2 (K-type) labels need the CO-59 table; expected euc_co59.dat at"
        + " the dataset root (it ships with the official unpack tools; preaug does not bundle it)",
        e.getMessage());
    EtlInventory with = EtlInventory.scan(List.of(new EtlListing("ETL2/ETL2_1", 2745),
        new EtlListing("EUC_CO59.DAT", 100)), EtlOptions.defaults());
    assertEquals("EUC_CO59.DAT", with.requireCo59Path());
    assertEquals(List.of("EUC_CO59.DAT: CO-59 label table for ETL2"), skippedLines(with));
  }

  @Test
  void splitsCoverEveryRecordOnce() {
    EtlInventory inv = EtlInventory.scan(List.of(
        new EtlListing("ETL9G/ETL9G_01", 10L * 8199), new EtlListing("ETL9G/ETL9G_02", 0),
        new EtlListing("ETL9B/ETL9B_1", 7L * 576)), EtlOptions.defaults());
    List<EtlSplit> splits = inv.splits(4);
    List<String> got = splits.stream()
        .map(s -> s.file().name() + "[" + s.from() + "," + s.to() + ")").toList();
    assertEquals(List.of("ETL9B_1[0,4)", "ETL9B_1[4,7)", "ETL9G_01[0,4)", "ETL9G_01[4,8)",
        "ETL9G_01[8,10)"), got);
    assertEquals(17, inv.totalRecords());
    EtlInventory bad = EtlInventory.scan(List.of(new EtlListing("ETL9G/ETL9G_01", 8200)),
        EtlOptions.defaults());
    EtlFormatException e = assertThrows(EtlFormatException.class, () -> bad.splits(10));
    assertEquals("ETL9G/ETL9G_01: length 8200 is not a multiple of the 9G record size 8199:"
        + " trailing partial record 1 at offset 8199 has 1 of 8199 bytes", e.getMessage());
  }

  @Test
  void naturalOrder() {
    assertTrue(EtlInventory.naturalCompare("ETL11_2", "ETL11_10") < 0);
    assertTrue(EtlInventory.naturalCompare("ETL9G_01", "ETL9G_1") != 0);
    assertTrue(EtlInventory.naturalCompare("a/ETL1C_13", "a/ETL1C_02") > 0);
    assertEquals(0, EtlInventory.naturalCompare("x", "x"));
  }
}
