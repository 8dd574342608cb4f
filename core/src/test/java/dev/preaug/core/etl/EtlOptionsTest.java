package dev.preaug.core.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtlOptionsTest {

  @Test
  void defaultsAreTheReferencePipeline() {
    EtlOptions o = EtlOptions.defaults();
    assertEquals(64, o.width());
    assertEquals(64, o.height());
    assertEquals(EnumSet.of(EtlGroup.ALL), o.groups());
    assertEquals(EtlOptions.Normalization.REFERENCE, o.normalization());
    assertEquals(EtlOptions.Dedup.OFF, o.dedup());
    assertFalse(o.skipModelImages());
    assertEquals(EtlOptions.Undecodable.FAIL, o.undecodable());
    assertNull(o.formatOverride());
    assertFalse(o.etldrNames());
    assertEquals("etl(size=64x64, groups=all, normalize=reference, dedup=off, skipModelImages=false,"
        + " undecodable=fail, format=auto, etldrNames=false)", o.toString());
  }

  @Test
  void builderValidatesAndCopies() {
    EtlOptions o = EtlOptions.builder().size(32, 48).groups("hiragana,kanji")
        .dedup(EtlOptions.Dedup.KEEP_9G).skipModelImages(true).formatOverride(EtlFormat.G9)
        .build();
    assertEquals("etl(size=32x48, groups=kanji,hiragana, normalize=reference, dedup=keep_9g,"
        + " skipModelImages=true, undecodable=fail, format=9G, etldrNames=false)", o.toString());
    assertEquals(o, o.toBuilder().build());
    assertNotEquals(o, o.toBuilder().size(32, 47).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EtlOptions.builder().size(0, 64).build());
    assertEquals("ETL target size 0x64: width and height must be positive", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> EtlOptions.builder().groups(EnumSet.noneOf(EtlGroup.class)).build());
    assertEquals("ETL character groups: at least one group is needed", e.getMessage());
  }

  @Test
  void whatTheDriverShipsToWorkersSerializes() throws Exception {
    EtlDecoder decoder = new EtlDecoder(EtlOptions.builder().groups("kanji").build(),
        EtlLabelsTest.syntheticTable());
    EtlDataFile file = new EtlDataFile("ETL9G/ETL9G_01", EtlPart.ETL9G, EtlFormat.G9, "ETL9G_01",
        8199);
    EtlSplit split = new EtlSplit(file, 0, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(List.of(decoder, split));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      List<?> back = (List<?>) in.readObject();
      EtlDecoder d = (EtlDecoder) back.get(0);
      assertEquals(decoder.options(), d.options());
      assertEquals(decoder.co59(), d.co59());
      assertEquals("\u4E9C", d.co59().label((16 << 6) | 1));
      assertEquals(split, back.get(1));
      byte[] rec = SyntheticEtl.record(EtlFormat.G9, SyntheticEtl.rec(0x3021));
      assertEquals(decoder.plan(EtlFormat.G9).pixels(rec, 0), d.plan(EtlFormat.G9).pixels(rec, 0));
    }
  }
}
