package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.TfRecordReader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks a published epoch the way a careful reader would: {@code _SUCCESS}, the manifest,
 * every file's size and SHA-256, TFRecord framing CRCs and example fields, NPY headers and
 * shapes, record counts, TFRecord/NPY agreement record by record, and that every (sample, copy)
 * occurs exactly once.
 */
public final class EpochVerifier {
  private final Configuration conf;

  public EpochVerifier(Configuration conf) {
    this.conf = conf;
  }

  /** Outcome for one epoch directory. */
  public static final class Verdict {
    public final String dir;
    public final boolean ok;
    public final String message;
    public final long records;

    Verdict(String dir, boolean ok, String message, long records) {
      this.dir = dir;
      this.ok = ok;
      this.message = message;
      this.records = records;
    }

    @Override
    public String toString() {
      return (ok ? "OK     " : "FAILED ") + dir + ": " + message;
    }
  }

  /** The epoch directories under {@code path}: itself if it is one, else its children. */
  public List<Path> epochs(Path path) throws IOException {
    FileSystem fs = FsUtil.fs(path, conf);
    if (!fs.exists(path)) {
      throw new BadInputException(path.toString(), "", "no such directory");
    }
    if (ShardNames.parseEpochDir(path.getName()) >= 0) {
      return List.of(path);
    }
    TreeMap<Long, Path> found = new TreeMap<>();
    for (FileStatus st : fs.listStatus(path)) {
      long e = ShardNames.parseEpochDir(st.getPath().getName());
      if (e >= 0 && st.isDirectory()) {
        found.put(e, st.getPath());
      }
    }
    if (found.isEmpty()) {
      throw new BadInputException(path.toString(), "", "holds no epoch-NNNNN directories");
    }
    return new ArrayList<>(found.values());
  }

  public Verdict verify(Path dir) {
    try {
      return new Verdict(dir.toString(), true, check(dir), 0);
    } catch (BadInputException e) {
      return new Verdict(dir.toString(), false, e.getMessage(), 0);
    } catch (IOException | RuntimeException e) {
      return new Verdict(dir.toString(), false, e.getClass().getSimpleName() + ": "
          + FsUtil.oneLine(e), 0);
    }
  }

  private String check(Path dir) throws IOException {
    FileSystem fs = FsUtil.fs(dir, conf);
    if (!fs.exists(new Path(dir, ShardNames.SUCCESS))) {
      throw new BadInputException(dir.toString(), "", "no _SUCCESS: not a published epoch");
    }
    EpochManifest m;
    Path mp = new Path(dir, ShardNames.MANIFEST);
    try (InputStream in = fs.open(mp)) {
      m = EpochManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(mp.toString(), "", e.getMessage());
    }
    if (m.shardList.size() != m.shards) {
      throw new BadInputException(mp.toString(), "", "lists " + m.shardList.size()
          + " shards but declares " + m.shards);
    }
    boolean tf = m.formats.contains("tfrecord");
    boolean npy = m.formats.contains("npy");
    ImageEncoding enc = ImageEncoding.valueOf(m.tfrecordImageEncoding.toUpperCase(Locale.ROOT));
    int copies = m.copiesOriginal + m.copiesAugmented;
    byte[] seenOriginal = new byte[(int) m.samples];
    byte[] seenAugmented = new byte[(int) m.samples];
    long total = 0;
    long expectFirst = 0;
    for (ShardInfo s : m.shardList) {
      String where = "shard " + s.shard();
      if (s.firstPosition() != expectFirst) {
        throw new BadInputException(mp.toString(), where, "first_position " + s.firstPosition()
            + " leaves a gap or overlap (expected " + expectFirst + ")");
      }
      expectFirst += s.records();
      List<OutputRecord> fromTf = null;
      if (tf) {
        FileInfo f = need(s, FileInfo.TFRECORD, mp);
        fromTf = readTfRecord(fs, dir, f, s, m, enc);
      }
      if (npy) {
        List<OutputRecord> fromNpy = readNpy(fs, dir, s, m, mp);
        if (fromTf != null) {
          for (int i = 0; i < fromNpy.size(); i++) {
            if (!fromNpy.get(i).equals(fromTf.get(i))) {
              throw new BadInputException(new Path(dir, s.file(FileInfo.TFRECORD).file())
                  .toString(), "record " + i, "differs from row " + i + " of the NPY shard");
            }
          }
        }
        fromTf = fromNpy;
      }
      Map<Integer, Long> hist = new TreeMap<>();
      for (OutputRecord r : fromTf) {
        if (r.index() < 0 || r.index() >= m.samples) {
          throw new BadInputException(dir.toString(), where, "source index " + r.index()
              + " outside [0, " + m.samples + ")");
        }
        byte[] seen = r.augmented() ? seenAugmented : seenOriginal;
        seen[(int) r.index()]++;
        hist.merge(r.label(), 1L, Long::sum);
      }
      if (!hist.equals(s.labelHistogram())) {
        throw new BadInputException(mp.toString(), where, "label histogram does not match the"
            + " shard's records");
      }
      total += fromTf.size();
    }
    if (total != m.records) {
      throw new BadInputException(mp.toString(), "", "shards hold " + total
          + " records, the manifest declares " + m.records);
    }
    for (int i = 0; i < m.samples; i++) {
      if (seenOriginal[i] != m.copiesOriginal || seenAugmented[i] != m.copiesAugmented) {
        throw new BadInputException(dir.toString(), "sample " + i, "appears "
            + seenOriginal[i] + " times as original and " + seenAugmented[i]
            + " times augmented, expected " + m.copiesOriginal + " and " + m.copiesAugmented);
      }
    }
    return String.format(Locale.ROOT, "%,d records (%,d samples x %d copies) in %d shards, %s%s",
        total, m.samples, copies, m.shards, String.join("+", m.formats),
        tf && npy ? ", TFRecord and NPY agree" : "");
  }

  private static FileInfo need(ShardInfo s, String kind, Path mp) {
    FileInfo f = s.file(kind);
    if (f == null) {
      throw new BadInputException(mp.toString(), "shard " + s.shard(), "no '" + kind
          + "' file listed");
    }
    return f;
  }

  private List<OutputRecord> readTfRecord(FileSystem fs, Path dir, FileInfo f, ShardInfo s,
      EpochManifest m, ImageEncoding enc) throws IOException {
    Path p = new Path(dir, f.file());
    List<OutputRecord> out = new ArrayList<>();
    try (Checked in = open(fs, p, f)) {
      InputStream body = "gzip".equals(m.tfrecordCompression)
          ? new GZIPInputStream(in.stream, 1 << 16) : in.stream;
      TfRecordReader r = new TfRecordReader(body, p.toString());
      byte[] rec;
      while ((rec = r.next()) != null) {
        OutputRecord o;
        try {
          o = ExampleCodec.decode(rec, enc);
        } catch (IOException | IllegalArgumentException e) {
          throw new BadInputException(p.toString(), "record " + r.records(),
              "not a valid preaug example: " + FsUtil.oneLine(e));
        }
        if (o.height() != m.height || o.width() != m.width || o.channels() != m.channels) {
          throw new BadInputException(p.toString(), "record " + (r.records() - 1), "image is "
              + o.height() + "x" + o.width() + "x" + o.channels() + ", manifest says "
              + m.height + "x" + m.width + "x" + m.channels);
        }
        out.add(o);
      }
      in.finish();
    }
    if (out.size() != s.records()) {
      throw new BadInputException(p.toString(), "", "holds " + out.size()
          + " records, the manifest says " + s.records());
    }
    return out;
  }

  private List<OutputRecord> readNpy(FileSystem fs, Path dir, ShardInfo s, EpochManifest m,
      Path mp) throws IOException {
    int n = (int) s.records();
    int pixels = m.height * m.width * m.channels;
    boolean f16 = "float16".equals(m.npyDtype);
    byte[][] images = new byte[n][];
    FileInfo fi = need(s, FileInfo.IMAGES, mp);
    Path ip = new Path(dir, fi.file());
    try (Checked in = open(fs, ip, fi)) {
      NpyHeader h = NpyHeader.read(in.stream, ip.toString());
      ShardArrays.expect(h, f16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8, ip, n, m.height, m.width,
          m.channels);
      DataInputStream d = new DataInputStream(in.stream);
      byte[] buf = new byte[pixels * (f16 ? 2 : 1)];
      for (int i = 0; i < n; i++) {
        d.readFully(buf);
        images[i] = f16 ? ShardArrays.fromHalf(buf, pixels, ip, i) : buf.clone();
      }
      in.finish();
    }
    int[] labels = new int[n];
    FileInfo fl = need(s, FileInfo.LABELS, mp);
    Path lp = new Path(dir, fl.file());
    try (Checked in = open(fs, lp, fl)) {
      NpyHeader h = NpyHeader.read(in.stream, lp.toString());
      ShardArrays.expect(h, NpyDtype.INT32, lp, n);
      byte[] b = new DataInputStream(in.stream).readNBytes(4 * n);
      for (int i = 0; i < n; i++) {
        labels[i] = (b[4 * i] & 0xFF) | ((b[4 * i + 1] & 0xFF) << 8)
            | ((b[4 * i + 2] & 0xFF) << 16) | ((b[4 * i + 3] & 0xFF) << 24);
      }
      in.finish();
    }
    long[] index = new long[n];
    FileInfo fx = need(s, FileInfo.INDEX, mp);
    Path xp = new Path(dir, fx.file());
    try (Checked in = open(fs, xp, fx)) {
      NpyHeader h = NpyHeader.read(in.stream, xp.toString());
      ShardArrays.expect(h, NpyDtype.INT64, xp, n);
      byte[] b = new DataInputStream(in.stream).readNBytes(8 * n);
      for (int i = 0; i < n; i++) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
          v = (v << 8) | (b[8 * i + k] & 0xFF);
        }
        index[i] = v;
      }
      in.finish();
    }
    List<String> ops = new ArrayList<>(n);
    FileInfo fo = need(s, FileInfo.OPS, mp);
    Path op = new Path(dir, fo.file());
    try (Checked in = open(fs, op, fo)) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in.stream,
          StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        ops.add(line);
      }
      in.finish();
    }
    if (ops.size() != n) {
      throw new BadInputException(op.toString(), "", "has " + ops.size() + " lines, expected "
          + n);
    }
    List<OutputRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String o = ops.get(i);
      out.add(new OutputRecord(index[i], labels[i], !o.isEmpty(), o, m.height, m.width,
          m.channels, images[i]));
    }
    return out;
  }



  /** A file stream that checks size and SHA-256 against the manifest once fully read. */
  private static final class Checked implements AutoCloseable {
    final DigestInputStream stream;
    final Path path;
    final FileInfo info;
    final CountingInputStream counting;

    Checked(InputStream raw, Path path, FileInfo info) {
      this.counting = new CountingInputStream(new BufferedInputStream(raw, 1 << 20));
      try {
        this.stream = new DigestInputStream(counting, MessageDigest.getInstance("SHA-256"));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.path = path;
      this.info = info;
    }

    void finish() throws IOException {
      byte[] rest = new byte[1 << 16];
      long extra = 0;
      int r;
      while ((r = stream.read(rest)) > 0) {
        extra += r;
      }
      if (extra > 0 && !path.getName().endsWith(".txt") && !info.kind().equals("tfrecord")) {
        throw new BadInputException(path.toString(), "byte " + (counting.count - extra),
            extra + " unexpected trailing bytes");
      }
      if (counting.count != info.bytes()) {
        throw new BadInputException(path.toString(), "", "is " + counting.count
            + " bytes, the manifest says " + info.bytes());
      }
      String sha = HexFormat.of().formatHex(stream.getMessageDigest().digest());
      if (!sha.equals(info.sha256())) {
        throw new BadInputException(path.toString(), "", "SHA-256 " + sha
            + " does not match the manifest (" + info.sha256() + ")");
      }
    }

    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  private static Checked open(FileSystem fs, Path p, FileInfo f) throws IOException {
    try {
      return new Checked(fs.open(p), p, f);
    } catch (java.io.FileNotFoundException e) {
      throw new BadInputException(p.toString(), "", "listed in the manifest but missing");
    }
  }

  private static final class CountingInputStream extends java.io.FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
      }
      return r;
    }
  }
}
