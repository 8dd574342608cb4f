package dev.preaug.core.etl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Public access to {@link SyntheticEtl} for tests outside this package (the parser fuzzer in
 * {@code dev.preaug.core.fuzz} and the spark-job's hostile-input tests): whole synthetic ETL files
 * of every record type with labels that decode, and a small CO-59 table. Never real ETL data.
 */
public final class EtlTestFiles {
  private EtlTestFiles() {}

  /** The part whose official files use record type {@code f} (the first such part). */
  public static EtlPart part(EtlFormat f) {
    for (EtlPart p : EtlPart.values()) {
      if (p.format() == f) {
        return p;
      }
    }
    throw new AssertionError(f);
  }

  /** A label code of type {@code f} that decodes (with {@link #co59Table()} for K). */
  public static int[] goodCodes(EtlFormat f) {
    switch (f) {
      case M:
        return new int[] {0xB1, 0x41, 0x31};
      case K:
        return new int[] {(16 << 6) | 1, (4 << 6) | 2};
      case C:
        return new int[] {0x41, 0xB1, 0x32};
      default:
        return new int[] {0x3021, 0x2422, 0x2522};
    }
  }

  /**
   * A file of {@code samples} records of type {@code f} with decodable labels, preceded by the
   * blank dummy record that 8B and 9B files start with.
   */
  public static byte[] file(EtlFormat f, int samples) {
    return file(f, samples, goodCodes(f));
  }

  /** As {@link #file(EtlFormat, int)} with the given label codes, cycling. */
  public static byte[] file(EtlFormat f, int samples, int... codes) {
    List<SyntheticEtl.Rec> recs = new ArrayList<>();
    if (f.hasDummyFirstRecord()) {
      recs.add(SyntheticEtl.rec(0).serial(0).sheet(0).levels(new int[f.width() * f.height()]));
    }
    recs.addAll(SyntheticEtl.recs(samples, codes));
    return SyntheticEtl.file(f, recs);
  }

  /** The path an official file of part {@code p} has under a dataset root. */
  public static String officialPath(EtlPart p) {
    return p.directoryName() + "/" + p.officialFileNames().get(0);
  }

  /** Bytes of a small CO-59 table ({@code euc_co59.dat}) covering {@link #goodCodes} of K. */
  public static byte[] co59Table() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("亜:16,1 あ:4,2\nア:5,3\tＡ:35,1\r\n".getBytes(Charset.forName("EUC-JP")));
    return out.toByteArray();
  }

  /** A reader over {@code bytes} as the official file of {@code part}, listed at its length. */
  public static EtlFileReader reader(EtlPart part, byte[] bytes, EtlOptions options,
      Co59Table table) {
    String path = officialPath(part);
    EtlDataFile df = new EtlDataFile(path, part, part.format(),
        EtlInventory.lastComponent(path), bytes.length);
    return new EtlFileReader(df, EtlSource.of(bytes), new EtlDecoder(options, table));
  }
}
