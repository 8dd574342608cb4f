package dev.preaug.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.etl.EtlFormat;
import dev.preaug.core.etl.EtlPart;
import dev.preaug.core.etl.EtlTestFiles;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through the real launcher ({@code ./submit.sh run} in a child process), one case
 * per rule: every case must exit non-zero with exactly one line on stderr (besides the JVM's
 * incubator-module notice) that names the file or setting, where in it, and the rule; no stack
 * trace; and no published epoch, in-progress directory or lock left in the output.
 *
 * <p>Most cases fail on the driver before Spark starts (about a JVM start each); value errors
 * that only a task can see (NaN pixels, negative labels, undecodable ETL codes) start Spark.
 * Cases are independent (own output directory each) and run two at a time; the class as a whole
 * runs alone, after or before the other integration tests.
 */
class HostileInputIT {
  private static final Path TMP;
  private static final Path U8;
  private static final Path L8;
  private static final Path F16;

  static {
    try {
      TMP = Files.createTempDirectory("hostile");
      U8 = npy("u8.npy", NpyDtype.UINT8, new long[] {6, 8, 8}, new byte[6 * 64]);
      L8 = npy("l8.npy", NpyDtype.INT8, new long[] {6}, new byte[] {0, 1, 2, 0, 1, 2});
      F16 = npy("f16.npy", NpyDtype.FLOAT16, new long[] {6, 8, 8}, new byte[6 * 64 * 2]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One hostile run: the command line after {@code run} and what its error line must name. */
  record Case(String name, List<String> args, List<String> expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (readOnly != null) {
      readOnly.close();
    }
    try (Stream<Path> s = Files.walk(TMP)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Path npy(String name, NpyDtype t, long[] shape, byte[] data) throws IOException {
    return raw(name, NpyHeader.of(t, shape).encode(), data);
  }

  /** An NPY file with a hand-written header dict (version 1.0, padded as numpy pads). */
  private static Path npyDict(String name, String dict, byte[] data) throws IOException {
    byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
    int len = d.length + 1;
    len += (64 - (10 + len) % 64) % 64;
    byte[] h = new byte[10 + len];
    h[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, h, 1, 5);
    h[6] = 1;
    h[8] = (byte) len;
    h[9] = (byte) (len >>> 8);
    Arrays.fill(h, 10, h.length - 1, (byte) ' ');
    System.arraycopy(d, 0, h, 10, d.length);
    h[h.length - 1] = '\n';
    return raw(name, h, data);
  }

  private static Path raw(String name, byte[] header, byte[] data) throws IOException {
    byte[] all = Arrays.copyOf(header, header.length + data.length);
    System.arraycopy(data, 0, all, header.length, data.length);
    return Files.write(TMP.resolve(name), all);
  }

  /** float16 images [6,8,8] of 0.5 with one pixel (sample 2, pixel 5) set to {@code bits}. */
  private static Path f16With(String name, int bits) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(6 * 64 * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6 * 64; i++) {
      b.putShort((short) 0x3800);
    }
    b.putShort(2 * (2 * 64 + 5), (short) bits);
    return npy(name, NpyDtype.FLOAT16, new long[] {6, 8, 8}, b.array());
  }

  private static byte[] longs(long... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long x : v) {
      b.putLong(x);
    }
    return b.array();
  }

  private static Case npyCase(String name, Path images, Path labels, String... expect) {
    return new Case(name, List.of("--images", images.toString(), "--labels", labels.toString(),
        "--shards", "2", "--format", "npy"), List.of(expect));
  }

  private static Case args(String name, List<String> args, String... expect) {
    return new Case(name, args, List.of(expect));
  }

  /** A valid NPY run plus {@code more} (a {@code --shards} there replaces the default 2). */
  private static List<String> good(String... more) {
    List<String> a = new ArrayList<>(List.of("--images", U8.toString(), "--labels",
        L8.toString(), "--format", "npy"));
    if (!List.of(more).contains("--shards")) {
      a.addAll(List.of("--shards", "2"));
    }
    a.addAll(List.of(more));
    return a;
  }

  private static Path etlTree(String name, String file, byte[] bytes) throws IOException {
    Path root = TMP.resolve(name);
    Path f = root.resolve(file);
    Files.createDirectories(f.getParent());
    Files.write(f, bytes);
    return root;
  }

  static List<Case> cases() throws IOException {
    List<Case> c = new ArrayList<>();
    byte[] u8data = new byte[6 * 64];
    // ---- NPY images: header and layout, refused on the driver
    c.add(npyCase("npy bad magic", Files.write(TMP.resolve("badmagic.npy"),
        "not numpy at all, just text".getBytes()), L8, "badmagic.npy", "byte 0",
        "not an NPY file"));
    byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x7F, '{'};
    c.add(npyCase("npy huge header length", raw("hugeheader.npy", huge, new byte[0]), L8,
        "hugeheader.npy", "byte 8", "header length 2147483647 exceeds the 65536-byte limit"));
    c.add(npyCase("npy truncated header", raw("cuthead.npy",
        Arrays.copyOf(NpyHeader.of(NpyDtype.UINT8, 6, 8, 8).encode(), 40), new byte[0]), L8,
        "cuthead.npy", "byte 40", "file ends inside the 118-byte header (truncated NPY header)"));
    c.add(npyCase("npy header not a dict", npyDict("notdict.npy", "[6, 8, 8]", u8data), L8,
        "notdict.npy", "byte 10", "expected '{'"));
    c.add(npyCase("npy negative dimension", npyDict("negdim.npy",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (-6, 8, 8), }", u8data), L8,
        "negdim.npy", "byte 61", "negative dimension"));
    c.add(npyCase("npy overflowing dimensions", npyDict("overflow.npy",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (4294967296, 4294967296, 8), }",
        u8data), L8, "overflow.npy", "byte 10", "overflows 2^63 bytes"));
    c.add(npyCase("npy object dtype (pickle)", npyDict("object.npy",
        "{'descr': '|O', 'fortran_order': False, 'shape': (6, 8, 8), }", u8data), L8,
        "object.npy", "byte 10", "object dtype '|O' is not supported (it needs pickle)"));
    c.add(npyCase("npy structured dtype", npyDict("struct.npy",
        "{'descr': [('a', '|u1')], 'fortran_order': False, 'shape': (6, 8, 8), }", u8data), L8,
        "struct.npy", "byte 20", "structured dtypes are not supported"));
    c.add(npyCase("npy big-endian", npyDict("bigendian.npy",
        "{'descr': '>f2', 'fortran_order': False, 'shape': (6, 8, 8), }", new byte[6 * 128]),
        L8, "bigendian.npy", "byte 10", "big-endian dtype '>f2' is not supported"));
    c.add(npyCase("npy Fortran order", npyDict("fortran.npy",
        "{'descr': '|u1', 'fortran_order': True, 'shape': (6, 8, 8), }", u8data), L8,
        "fortran.npy", "byte 10", "Fortran-order arrays are not supported"));
    c.add(npyCase("npy unexpected header key", npyDict("extrakey.npy",
        "{'descr': '|u1', 'fortran_order': False, 'shape': (6, 8, 8), 'x': 1}", u8data), L8,
        "extrakey.npy", "unexpected key 'x'"));
    c.add(npyCase("npy format version 4.0", raw("v4.npy", new byte[] {(byte) 0x93, 'N', 'U',
        'M', 'P', 'Y', 4, 0, 0, 0}, u8data), L8, "v4.npy", "byte 6",
        "NPY format version 4.0 is not supported"));
    c.add(npyCase("npy truncated data", npy("cutdata.npy", NpyDtype.UINT8,
        new long[] {6, 8, 8}, new byte[6 * 64 - 100]), L8, "cutdata.npy", "byte 412",
        "truncated: shape (6, 8, 8) of |u1 needs 512 bytes, the file has 412"));
    c.add(npyCase("npy trailing bytes", npy("trailing.npy", NpyDtype.UINT8,
        new long[] {6, 8, 8}, new byte[6 * 64 + 3]), L8, "trailing.npy", "byte 512",
        "3 trailing bytes"));
    c.add(npyCase("npy zero samples", npy("zero.npy", NpyDtype.UINT8, new long[] {0, 8, 8},
        new byte[0]), npy("zerolabels.npy", NpyDtype.INT8, new long[] {0}, new byte[0]),
        "zero.npy", "header", "holds zero samples"));
    c.add(npyCase("npy float32 images", npy("f32.npy", NpyDtype.FLOAT32,
        new long[] {6, 8, 8}, new byte[6 * 64 * 4]), L8, "f32.npy", "header",
        "images dtype <f4 is not supported (expected uint8 |u1 or float16 <f2)"));
    c.add(npyCase("npy dtype float64 in header", npyDict("descr-f8.npy",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (6, 8, 8), }", new byte[6 * 512]),
        L8, "descr-f8.npy", "byte 10", "dtype '<f8' is not supported"));
    c.add(npyCase("npy wrong rank", npy("rank2.npy", NpyDtype.UINT8, new long[] {6, 64},
        u8data), L8, "rank2.npy", "header", "images shape (6, 64) is not [N,H,W], [N,H,W,1] (gray) or [N,H,W,3] (RGB)"));
    c.add(npyCase("npy four channels", npy("rgba.npy", NpyDtype.UINT8,
        new long[] {6, 8, 8, 4}, new byte[6 * 64 * 4]), L8, "rgba.npy",
        "images shape (6, 8, 8, 4) is not [N,H,W], [N,H,W,1] (gray) or [N,H,W,3] (RGB)"));
    // ---- NPY pixel values: found by the read tasks
    c.add(npyCase("float16 NaN pixel", f16With("nan.npy", 0x7E00), L8, "nan.npy",
        "sample 2, pixel 5 (byte 394)", "float16 value NaN is outside [0, 1]"));
    c.add(npyCase("float16 infinite pixel", f16With("inf.npy", 0x7C00), L8, "inf.npy",
        "sample 2, pixel 5", "float16 value Infinity is outside [0, 1]"));
    c.add(npyCase("float16 negative pixel", f16With("negpx.npy", 0xB800), L8, "negpx.npy",
        "sample 2, pixel 5", "float16 value -0.5 is outside [0, 1]"));
    c.add(npyCase("float16 pixel above 1", f16With("above1.npy", 0x3E00), L8, "above1.npy",
        "sample 2, pixel 5", "float16 value 1.5 is outside [0, 1]"));
    // ---- labels
    c.add(npyCase("labels count mismatch", U8, npy("fivelabels.npy", NpyDtype.INT8,
        new long[] {5}, new byte[5]), "fivelabels.npy", "has 5 labels but", "has 6 samples"));
    c.add(npyCase("labels float", U8, npy("floatlabels.npy", NpyDtype.FLOAT32,
        new long[] {6}, new byte[24]), "floatlabels.npy",
        "labels dtype <f4 is not supported (expected int8, int16, int32 or int64)"));
    c.add(npyCase("labels two-dimensional", U8, npy("labels2d.npy", NpyDtype.INT32,
        new long[] {6, 1}, new byte[24]), "labels2d.npy", "labels shape (6, 1) is not [N]"));
    c.add(npyCase("labels negative", F16, npy("neglabels.npy", NpyDtype.INT64,
        new long[] {6}, longs(0, 1, 2, -3, 1, 0)), "neglabels.npy", "label 3 (byte 152)",
        "label -3 is outside [0, 2147483647]"));
    c.add(npyCase("labels beyond int32", U8, npy("biglabels.npy", NpyDtype.INT64,
        new long[] {6}, longs(0, 1, 4294967296L, 0, 1, 2)), "biglabels.npy",
        "label 2 (byte 144)", "label 4294967296 is outside [0, 2147483647]"));
    // ---- ETL
    c.add(args("etl short file", List.of("--input", "etl:" + etlTree("etl-short",
        "ETL9G/ETL9G_01", new byte[100]), "--shards", "2"), "ETL9G/ETL9G_01",
        "length 100 is not a multiple of the 9G record size 8199"));
    byte[] eightB = EtlTestFiles.file(EtlFormat.B8, 4);
    c.add(args("etl wrong record size", List.of("--input", "etl:" + etlTree("etl-size",
        "ETL9B/ETL9B_1", eightB), "--shards", "2"), "ETL9B/ETL9B_1",
        "is not a multiple of the 9B record size 576"));
    // Read as 9G by the format override: an official name would first be checked against the
    // official record count, which a 3-record synthetic file does not have.
    byte[] badJis = EtlTestFiles.file(EtlFormat.G9, 3, 0x3021, 0x7F7F);
    c.add(args("etl bad JIS code", List.of("--input", "etl:" + etlTree("etl-jis",
        "data/glyphs", badJis), "--set", "input.etl.format=9G", "--shards", "2"),
        "data/glyphs", "record 1", "(offset 8199)",
        "JIS X 0208 code 0x7F7F is not a valid character"));
    c.add(args("etl2 without CO-59 table", List.of("--input", "etl:" + etlTree("etl-co59",
        EtlTestFiles.officialPath(EtlPart.ETL2), EtlTestFiles.file(EtlFormat.K, 2)),
        "--shards", "2"), "euc_co59.dat", "CO-59"));
    Path empty = TMP.resolve("etl-empty");
    Files.createDirectories(empty.resolve("ETL9G"));
    Files.writeString(empty.resolve("README"), "no data here");
    c.add(args("etl empty tree", List.of("--input", "etl:" + empty, "--shards", "2"),
        "etl-empty", "no ETL data files"));
    // ---- configuration
    c.add(args("config unknown key", good("--set", "output.shard=4"),
        "--set", "unknown key 'output.shard' (did you mean 'output.shards'?)"));
    c.add(args("config inverted range", good("--set",
        "recipe.geometry.rotate=rotate(angle=uniform(15, -15))"), "--set",
        "recipe.geometry.rotate", "uniform(15, -15)"));
    c.add(args("config bad op spec", good("--set",
        "recipe.geometry.rotate=rotate(angel=uniform(-15, 15))"), "--set",
        "recipe.geometry.rotate", "angel"));
    c.add(args("config unknown op", good("--set", "recipe.filter.blur=blurr(radius=1)"),
        "--set", "recipe.filter.blur", "blurr"));
    c.add(args("config zero epochs", good("--epochs", "0"), "--epochs",
        "must be a count >= 1"));
    c.add(args("config next:0 epochs", good("--epochs", "next:0"), "--epochs",
        "must be a count >= 1"));
    c.add(args("config more shards than records", good("--shards", "13"), "--shards",
        "output.shards = '13'", "must not exceed the records per epoch (12)"));
    c.add(args("config bad size", List.of("--input", "etl:" + empty, "--size", "64by64"),
        "--size", "must be WxH"));
    c.add(args("config no copies", good("--copies-original", "0", "--copies-augmented", "0"),
        "copies.original + copies.augmented must be at least 1"));
    // Fault injection is a test hook (TaskHooks), not a config key users can set.
    c.add(args("config no debug key", good("--set", "debug.inject_faults=fraction=1"),
        "--set", "unknown key 'debug.inject_faults'"));
    Path etlIn = etlTree("etl-inside", "data/glyphs", EtlTestFiles.file(EtlFormat.G9, 2));
    c.add(args("config output inside input", List.of("--input", "etl:" + etlIn, "--set",
        "input.etl.format=9G", "--output", etlIn.resolve("out").toString()),
        etlIn.resolve("out").toString(), "output directory is inside the input"));
    // ---- paths
    c.add(npyCase("path missing input", TMP.resolve("nope.npy"), L8, "nope.npy",
        "no such file"));
    Path file = Files.writeString(TMP.resolve("file.txt"), "a regular file");
    c.add(npyCase("path under a regular file", file.resolve("x.npy"), L8, "file.txt/x.npy",
        "no such file"));
    c.add(npyCase("path directory for a file", TMP, L8, TMP.toString(),
        "is a directory, expected a file"));
    c.add(args("path output is a regular file", good("--output", file.toString()),
        "file.txt", "output path exists and is not a directory"));
    c.add(args("path output under a regular file", good("--output",
        file.resolve("out").toString()), "file.txt/out", "output"));
    c.add(noPermission());
    return c;
  }

  private static SizeLimitedMount readOnly;
  private static String readOnlyWhyNot;

  /**
   * A path the run may not use. Not root: an input file with mode 000, which the job cannot
   * open. Root reads any file whatever its mode, so there the output's parent is a read-only
   * tmpfs (which stops root too); if even that cannot be mounted, a directory with mode 555 is
   * used and the case says so in its name (it then proves only the message, not the refusal).
   */
  private static synchronized Case noPermission() throws IOException {
    boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    if (!root) {
      Path locked = npy("locked.npy", NpyDtype.UINT8, new long[] {6, 8, 8}, new byte[6 * 64]);
      locked.toFile().setReadable(false, false);
      return npyCase("path no permission (mode 000 input)", locked, L8, "locked.npy",
          "cannot read", "Permission denied");
    }
    Path ro = TMP.resolve("readonly");
    if (readOnly == null && readOnlyWhyNot == null) {
      try {
        SizeLimitedMount.Attempt a = SizeLimitedMount.tryMount(ro, 1 << 20, true);
        readOnly = a.mount();
        readOnlyWhyNot = a.whyNot();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    if (readOnly != null) {
      return args("path no permission (read-only mount, as root)", good("--output",
          ro.resolve("out").toString()), ro.resolve("out").toString(),
          "cannot create the output directory");
    }
    Files.createDirectories(ro);
    ro.toFile().setWritable(false, false);
    return args("path no permission (mode 555 dir, as root: " + readOnlyWhyNot + ")",
        good("--output", ro.resolve("out").toString()), ro.resolve("out").toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Execution(ExecutionMode.CONCURRENT)
  void refusedWithOneLineAndNothingWritten(Case c) throws Exception {
    Path out = TMP.resolve("out-" + c.name().replaceAll("[^a-zA-Z0-9]+", "-"));
    List<String> cmd = new ArrayList<>(List.of("run"));
    cmd.addAll(c.args());
    if (!c.args().contains("--output")) {
      cmd.addAll(List.of("--output", out.toString()));
    } else {
      out = Path.of(c.args().get(c.args().indexOf("--output") + 1));
    }
    Cli.Result r = Cli.run(TMP, cmd.toArray(new String[0]));
    assertNotEquals(0, r.exit(), r.toString());
    List<String> lines = r.errorLines();
    assertEquals(1, lines.size(), "exactly one line on stderr: " + r);
    String line = lines.get(0);
    assertTrue(line.startsWith("preaug: error: ") || line.startsWith("preaug: failed: "), line);
    for (String e : c.expect()) {
      assertTrue(line.contains(e), "'" + e + "' in: " + line);
    }
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"),
        "no stack trace: " + r);
    if (Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        List<String> left = s.map(p -> p.getFileName().toString()).toList();
        assertTrue(left.stream().noneMatch(n -> n.startsWith("epoch-") || n.startsWith(".epoch")
            || n.equals("_preaug.lock")), "nothing published, in progress or locked: " + left);
      }
    }
    PASSED.incrementAndGet();
    System.out.println("hostile: " + c.name() + " -> exit " + r.exit() + ": " + line);
  }

  /** How many hostile cases passed (for the closing note). */
  private static final java.util.concurrent.atomic.AtomicInteger PASSED =
      new java.util.concurrent.atomic.AtomicInteger();

  @org.junit.jupiter.api.Test
  void theMatrixHasAtLeastThirtyCases() throws IOException {
    List<Case> all = cases();
    assertTrue(all.size() >= 30, "cases: " + all.size());
    assertEquals(all.size(), all.stream().map(Case::name).distinct().count(), "unique names");
  }

  @AfterAll
  static void count() {
    System.out.println("reliability: " + PASSED.get() + " hostile-input cases"
        + " refused with one line");
  }
}
