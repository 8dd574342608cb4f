package dev.preaug.core.fuzz;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.preaug.core.BadInputException;
import dev.preaug.core.etl.Co59Table;
import dev.preaug.core.etl.EtlFileReader;
import dev.preaug.core.etl.EtlFormat;
import dev.preaug.core.etl.EtlFormatException;
import dev.preaug.core.etl.EtlOptions;
import dev.preaug.core.etl.EtlRecord;
import dev.preaug.core.etl.EtlTestFiles;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.TfRecordFraming;
import dev.preaug.core.tfrecord.TfRecordReader;
import dev.preaug.core.tfrecord.TfRecordWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsers that read bytes preaug does not control, as fuzz targets: the NPY header parser
 * (input arrays and verify), the ETL record reader (every record type), the CO-59 table parser
 * (ETL2 labels), and TFRecord framing plus tf.train.Example decoding as {@code verify} reads
 * published shards.
 */
final class Targets {
  private Targets() {}

  static List<FuzzTarget> all() {
    return List.of(new Npy(), new Etl(), new TfRecord(), new Co59());
  }

  static FuzzTarget byName(String name) {
    for (FuzzTarget t : all()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no fuzz target '" + name + "'");
  }

  private static List<byte[]> ascii(String... tokens) {
    List<byte[]> out = new ArrayList<>();
    for (String t : tokens) {
      out.add(t.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  /** {@code NpyHeader.read} then the length check, as the driver validates input arrays. */
  static final class Npy implements FuzzTarget {
    @Override
    public String name() {
      return "npy-header";
    }

    @Override
    public List<byte[]> seeds() {
      List<byte[]> s = new ArrayList<>();
      s.add(withData(NpyHeader.of(NpyDtype.UINT8, 3, 4, 4).encode(), 48));
      s.add(withData(NpyHeader.of(NpyDtype.FLOAT16, 2, 3, 3, 1).encode(), 36));
      s.add(withData(NpyHeader.of(NpyDtype.INT64, 5).encode(), 40));
      s.add(withData(NpyHeader.of(NpyDtype.INT8, 0).encode(), 0));
      s.add(withData(NpyHeader.of(NpyDtype.INT32).encode(), 4));
      s.add(withData(version(2, "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }"), 6));
      s.add(withData(version(3, "{\"descr\": \"|u1\", \"shape\": (2, 2), \"fortran_order\":"
          + " False}"), 4));
      s.add(withData(version(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 1L)}"),
          8));
      return s;
    }

    private static byte[] version(int major, String dict) {
      byte[] d = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
      int prefix = major == 1 ? 10 : 12;
      byte[] out = new byte[prefix + d.length];
      out[0] = (byte) 0x93;
      System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
      out[6] = (byte) major;
      Mutator.put(out, 8, prefix - 8, true, d.length);
      System.arraycopy(d, 0, out, prefix, d.length);
      return out;
    }

    private static byte[] withData(byte[] header, int data) {
      byte[] out = Arrays.copyOf(header, header.length + data);
      for (int i = header.length; i < out.length; i++) {
        out[i] = (byte) (i * 37);
      }
      return out;
    }

    @Override
    public List<byte[]> dictionary() {
      return ascii("'descr'", "'fortran_order'", "'shape'", "True", "False", "'<f8'", "'|O'",
          "'>i4'", "'<f2'", "'|u1'", "'<U3'", "[('a', '<i4')]", "(", ")", ",", ", ", "-1",
          "99999999999999999999", "9223372036854775807", "4294967296", "65536", "L", "{", "}",
          ": ", "\\x00", "\n", "'", "\"", "\u0093NUMPY", "()", "(0,)", "(1,)*40");
    }

    @Override
    public List<Mutator.LengthField> lengthFields(byte[] seed) {
      return List.of(new Mutator.LengthField(8, seed[6] == 1 ? 2 : 4, true));
    }

    @Override
    public void parse(int seedIndex, byte[] in) throws IOException {
      NpyHeader h = NpyHeader.read(new ByteArrayInputStream(in), "fuzz.npy");
      h.checkLength(in.length, "fuzz.npy");
      // Accepted: the file is exactly the header plus the data the shape declares.
      BigInteger data = BigInteger.valueOf(h.dtype().itemSize());
      for (long d : h.shape()) {
        if (d < 0) {
          throw new AssertionError("accepted negative dimension " + h.shapeString());
        }
        data = data.multiply(BigInteger.valueOf(d));
      }
      if (!data.add(BigInteger.valueOf(h.dataOffset())).equals(BigInteger.valueOf(in.length))) {
        throw new AssertionError("accepted " + h + " for a file of " + in.length + " bytes");
      }
    }

    @Override
    public boolean documented(Throwable t) {
      return t instanceof BadInputException;
    }

    @Override
    public long allocationBound(byte[] in) {
      // The header is capped at 64 KiB: nothing may scale with a declared length or shape.
      return (2L << 20) + 16L * in.length;
    }
  }

  /**
   * {@code EtlFileReader} over whole synthetic files of every record type: the constructor's
   * file checks, every record's label and pixels, and the label-only scan.
   */
  static final class Etl implements FuzzTarget {
    private static final EtlFormat[] FORMATS = EtlFormat.values();
    private final Co59Table table = Co59Table.parse(EtlTestFiles.co59Table(), "euc_co59.dat");

    @Override
    public String name() {
      return "etl-records";
    }

    @Override
    public List<byte[]> seeds() {
      List<byte[]> s = new ArrayList<>();
      for (EtlFormat f : FORMATS) {
        byte[] file = EtlTestFiles.file(f, 3);
        s.add(file); // undecodable = fail
        s.add(file); // undecodable = skip, kanji only
      }
      return s;
    }

    private EtlOptions options(int seedIndex) {
      return seedIndex % 2 == 0 ? EtlOptions.defaults()
          : EtlOptions.builder().undecodable(EtlOptions.Undecodable.SKIP).groups("kanji")
              .size(32, 32).build();
    }

    @Override
    public boolean inPlace() {
      return true;
    }

    @Override
    public List<byte[]> dictionary() {
      List<byte[]> d = new ArrayList<>();
      d.add(new byte[] {0x30, 0x21});
      d.add(new byte[] {0x7F, 0x7F});
      d.add(new byte[] {0x24, 0x22});
      d.add(new byte[] {0, 0});
      d.add(new byte[] {(byte) 0xB1});
      d.add(new byte[] {(byte) 0xFF, (byte) 0xFF});
      return d;
    }

    @Override
    public void parse(int seedIndex, byte[] in) {
      EtlFormat f = FORMATS[seedIndex / 2];
      EtlOptions opt = options(seedIndex);
      EtlFileReader r = EtlTestFiles.reader(EtlTestFiles.part(f), in, opt, table);
      EtlFileReader.RecordIterator it = r.records();
      long n = 0;
      while (it.hasNext()) {
        EtlRecord rec = it.next();
        if (rec.pixels().width() != opt.width() || rec.pixels().height() != opt.height()) {
          throw new AssertionError("record image " + rec.pixels().width() + "x"
              + rec.pixels().height() + ", options say " + opt.width() + "x" + opt.height());
        }
        n++;
      }
      if (it.stats().emitted() != n) {
        throw new AssertionError("stats say " + it.stats().emitted() + " samples, got " + n);
      }
      if (r.recordCount() > 1) {
        r.labels(1, r.recordCount());
      }
    }

    @Override
    public boolean documented(Throwable t) {
      return t instanceof EtlFormatException;
    }

    @Override
    public long allocationBound(byte[] in) {
      return (8L << 20) + 64L * in.length;
    }
  }

  /** The {@code euc_co59.dat} table parser (ETL2 labels). */
  static final class Co59 implements FuzzTarget {
    @Override
    public String name() {
      return "co59-table";
    }

    @Override
    public List<byte[]> seeds() {
      Charset euc = Charset.forName("EUC-JP");
      return List.of(EtlTestFiles.co59Table(),
          "亜:63,63\n唖:0,0 娃:1,2\r\nＡ:35,1\n".getBytes(euc));
    }

    @Override
    public List<byte[]> dictionary() {
      return ascii(":", ",", "64", "-1", "99999999999", "\n", " ", "\t", "\u00A4\u00A2");
    }

    @Override
    public void parse(int seedIndex, byte[] in) {
      Co59Table t = Co59Table.parse(in, "euc_co59.dat");
      if (t.size() < 0 || t.size() > 64 * 64) {
        throw new AssertionError("table size " + t.size());
      }
    }

    @Override
    public boolean documented(Throwable t) {
      return t instanceof EtlFormatException;
    }

    @Override
    public long allocationBound(byte[] in) {
      return (2L << 20) + 64L * in.length;
    }
  }

  /**
   * TFRecord framing and tf.train.Example decoding, as {@code verify} reads a shard: every
   * record through {@code TfRecordReader} (both CRCs, the length cap), then
   * {@code ExampleCodec.decode} with raw and with PNG image encoding.
   */
  static final class TfRecord implements FuzzTarget {
    @Override
    public String name() {
      return "tfrecord";
    }

    @Override
    public List<byte[]> seeds() {
      List<byte[]> s = new ArrayList<>();
      for (ImageEncoding enc : ImageEncoding.values()) {
        for (int n = 1; n <= 3; n++) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          TfRecordWriter w = new TfRecordWriter(out);
          try {
            for (int i = 0; i < n; i++) {
              w.write(ExampleCodec.encode(record(i, 6 + 2 * i, 5 + i), enc));
            }
            w.close();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          s.add(out.toByteArray());
        }
      }
      return s;
    }

    private static OutputRecord record(int i, int h, int w) {
      byte[] px = new byte[h * w];
      for (int k = 0; k < px.length; k++) {
        px[k] = (byte) (k * 13 + i);
      }
      return new OutputRecord(100 + i, 7 * i, i % 2 == 1, i % 2 == 1 ? "rotate(-7.31)|smooth" : "",
          h, w, 1, px);
    }

    @Override
    public List<byte[]> dictionary() {
      List<byte[]> d = ascii("image", "label", "height", "width", "channels", "index", "ops",
          "augmented", "IHDR", "IDAT", "IEND", "\u0089PNG\r\n\u001a\n");
      d.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
      d.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
      d.add(new byte[] {0x08, 0x0A, 0x12, 0x1A});
      d.add(new byte[] {0x78, (byte) 0x9C});
      return d;
    }

    @Override
    public List<Mutator.LengthField> lengthFields(byte[] seed) {
      List<Mutator.LengthField> f = new ArrayList<>();
      int pos = 0;
      while (pos + TfRecordFraming.HEADER_BYTES <= seed.length) {
        f.add(new Mutator.LengthField(pos, 8, true));
        long len = Mutator.get(seed, pos, 8, true);
        pos += TfRecordFraming.HEADER_BYTES + (int) len + TfRecordFraming.FOOTER_BYTES;
      }
      // PNG chunk lengths (big-endian, just before the type) and the IHDR width and height.
      for (String type : new String[] {"IHDR", "IDAT", "IEND"}) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= seed.length; i++) {
          if (Arrays.equals(seed, i, i + 4, t, 0, 4)) {
            f.add(new Mutator.LengthField(i - 4, 4, false));
            if (type.equals("IHDR") && i + 12 <= seed.length) {
              f.add(new Mutator.LengthField(i + 4, 4, false));
              f.add(new Mutator.LengthField(i + 8, 4, false));
            }
          }
        }
      }
      return f;
    }

    /**
     * Three times in four, recomputes the CRCs of every frame that still fits, so mutants reach
     * the length cap and the Example decoder instead of stopping at a CRC mismatch.
     */
    @Override
    public byte[] fixup(byte[] b, Mutator m) {
      if (m.nextInt(4) == 0) {
        return b;
      }
      int pos = 0;
      while (pos + TfRecordFraming.HEADER_BYTES <= b.length) {
        Mutator.put(b, pos + 8, 4, true, TfRecordFraming.maskedCrc(b, pos, 8));
        long len = Mutator.get(b, pos, 8, true);
        long end = pos + TfRecordFraming.HEADER_BYTES + len + TfRecordFraming.FOOTER_BYTES;
        if (len < 0 || len > b.length || end > b.length) {
          break;
        }
        int data = pos + TfRecordFraming.HEADER_BYTES;
        Mutator.put(b, data + (int) len, 4, true, TfRecordFraming.maskedCrc(b, data, (int) len));
        pos = (int) end;
      }
      return b;
    }

    /**
     * Every record is decoded with the seed's own image encoding (its rejections count) and,
     * first, with the other one: a raw image read as PNG is one more hostile input for the PNG
     * decoder, whose documented rejections are expected and ignored there.
     */
    @Override
    public void parse(int seedIndex, byte[] in) throws IOException {
      ImageEncoding primary = seedIndex < 3 ? ImageEncoding.RAW : ImageEncoding.PNG;
      ImageEncoding other = primary == ImageEncoding.RAW ? ImageEncoding.PNG : ImageEncoding.RAW;
      TfRecordReader r = new TfRecordReader(new ByteArrayInputStream(in), "fuzz.tfrecord");
      byte[] rec;
      while ((rec = r.next()) != null) {
        try {
          check(ExampleCodec.decode(rec, other));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
          // expected for most records: checked for its type by the caller only when it escapes
        }
        check(ExampleCodec.decode(rec, primary));
      }
    }

    private static void check(OutputRecord o) {
      long declared = (long) o.height() * o.width() * o.channels();
      if (o.height() < 0 || o.width() < 0 || o.channels() < 0
          || declared != o.pixels().length) {
        throw new AssertionError("decoded " + o.height() + "x" + o.width() + "x"
            + o.channels() + " with " + o.pixels().length + " pixel bytes");
      }
    }

    @Override
    public boolean documented(Throwable t) {
      return t instanceof BadInputException || t instanceof InvalidProtocolBufferException
          || (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException));
    }

    @Override
    public long allocationBound(byte[] in) {
      // A record's declared length may make the reader allocate up to its cap (64 MiB), once;
      // everything else is bounded by the bytes actually present (PNG data inflates at most
      // ~1,032:1, and the decoder may buffer it a few times).
      return TfRecordReader.DEFAULT_MAX_RECORD_BYTES + (8L << 20) + 8192L * in.length;
    }
  }
}
