package dev.preaug.core.etl;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread ETL decoding speed for 9G-layout records to 64x64 uint8 samples, from a file in
 * the page cache and from memory, per wall-clock second and per second of this thread's CPU time
 * (the per-core figure, less disturbed by other processes on a shared machine). Not a JUnit test:
 * timings are not asserted. Run:
 *
 * <pre>
 * mvn -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes dev.preaug.core.etl.EtlDecodeBenchmark
 * </pre>
 *
 * Optional arguments: records per file (default 10000), rounds (default 15).
 */
public final class EtlDecodeBenchmark {
  private EtlDecodeBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int[] codes = {0x3021, 0x3022, 0x2422, 0x3975, 0x4E21, 0x2522, 0x3441};
    List<SyntheticEtl.Rec> recs = new ArrayList<>();
    byte[] one = null;
    for (int i = 0; i < Math.min(n, 64); i++) {
      int[] levels = new int[128 * 127];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = (k * 7 + i * 13 + (k >> 7) * 3) & 15;
      }
      recs.add(SyntheticEtl.rec(codes[i % codes.length]).serial(i + 1).levels(levels));
    }
    byte[] distinct = SyntheticEtl.file(EtlFormat.G9, recs);
    byte[] bytes = new byte[n * 8199];
    for (int i = 0; i < n; i++) {
      System.arraycopy(distinct, (i % recs.size()) * 8199, bytes, i * 8199, 8199);
    }
    Path file = Files.createTempFile("ETL9G_01", "");
    Files.write(file, bytes);
    EtlDataFile df = new EtlDataFile("ETL9G/ETL9G_01", EtlPart.ETL9G, EtlFormat.G9, "ETL9G_01",
        bytes.length);
    EtlDecoder kanji = new EtlDecoder(EtlOptions.builder().groups("all").build(), null);
    try {
      System.out.printf(Locale.ROOT, "JVM %s, %d available processors, %d records x 8199 bytes%n",
          System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), n);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      double[] fileWall = new double[rounds];
      double[] fileCpu = new double[rounds];
      double[] memWall = new double[rounds];
      double[] memCpu = new double[rounds];
      long sink = 0;
      for (int r = 0; r < rounds; r++) {
        try (EtlSource.FileSource src = EtlSource.open(file)) {
          long t0 = System.nanoTime();
          long c0 = mx.getCurrentThreadCpuTime();
          sink += drain(new EtlFileReader(df, src, kanji));
          fileCpu[r] = n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
          fileWall[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        sink += drain(new EtlFileReader(df, EtlSource.of(bytes), kanji));
        memCpu[r] = n / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
        memWall[r] = n / ((System.nanoTime() - t0) / 1e9);
      }
      report("file, wall", fileWall);
      report("file, CPU", fileCpu);
      report("memory, wall", memWall);
      report("memory, CPU", memCpu);
      System.out.println("(checksum " + sink + ")");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static long drain(EtlFileReader reader) {
    long sum = 0;
    EtlFileReader.RecordIterator it = reader.records();
    while (it.hasNext()) {
      EtlRecord r = it.next();
      sum += r.pixels().array()[2080] + r.label().length();
    }
    return sum;
  }

  private static void report(String what, double[] perRound) {
    // The first two rounds warm the JIT; report the median and best of the rest.
    double[] s = Arrays.copyOfRange(perRound, Math.min(2, perRound.length - 1), perRound.length);
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-14s median %,.0f records/s, best %,.0f records/s (%.0f MB/s)%n",
        what + ":", s[s.length / 2], s[s.length - 1], s[s.length / 2] * 8199 / 1e6);
  }
}
