package dev.preaug.core.epoch;

import dev.preaug.core.BadInputException;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.io.LittleEndian;
import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.TfRecordReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a published epoch, on any filesystem an {@link EpochStore} reaches: its manifest, its
 * class names, and the records of each shard as a stream, from the TFRecord file or from the four
 * NPY-side files read in lockstep. Memory is one record at a time, whatever the shard size. With
 * {@code checked}, a stream also holds every file to the manifest (exact size, SHA-256, nothing
 * after the last record). {@code verify} and {@code preview --epoch} both read epochs here.
 */
public final class EpochReader {
  private static final int BUFFER = 1 << 20;
  private static final int[] BYTE_OF_HALF = new int[1 << 16];

  static {
    Arrays.fill(BYTE_OF_HALF, -1);
    for (int c = 0; c < 256; c++) {
      BYTE_OF_HALF[HalfBits.fromDouble(c / 255.0)] = c;
    }
  }

  private final EpochStore store;
  private final String dir;
  private final EpochManifest manifest;
  private final List<String> classNames;

  private EpochReader(EpochStore store, String dir, EpochManifest manifest,
      List<String> classNames) {
    this.store = store;
    this.dir = dir;
    this.manifest = manifest;
    this.classNames = classNames;
  }

  /**
   * Opens a published epoch directory: it must hold {@code _SUCCESS} and a preaug manifest whose
   * shard list agrees with itself. Errors name the directory or the manifest file.
   */
  public static EpochReader open(EpochStore store, String dir) throws IOException {
    if (!store.exists(store.resolve(dir, ShardNames.SUCCESS))) {
      throw new BadInputException(dir, "", "no _SUCCESS: not a published epoch");
    }
    String mp = store.resolve(dir, ShardNames.MANIFEST);
    EpochManifest m = read(store, mp, BadInputException.Kind.INPUT, false);
    if (m == null) {
      throw new BadInputException(mp, "", "missing: a published epoch has a manifest");
    }
    if (m.shardList.size() != m.shards) {
      throw new BadInputException(mp, "", "lists " + m.shardList.size()
          + " shards but declares " + m.shards);
    }
    for (int k = 0; k < m.shardList.size(); k++) {
      if (m.shardList.get(k).shard() != k) {
        throw new BadInputException(mp, "shard_list[" + k + "]", "is shard "
            + m.shardList.get(k).shard() + ": shards must be listed 0.." + (m.shards - 1)
            + " in order");
      }
    }
    List<String> names = new ArrayList<>();
    if (m.classNames) {
      String txt = store.resolve(dir, ShardNames.LABELS_TXT);
      try (InputStream in = store.open(txt)) {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        names.addAll(all.lines().toList());
      } catch (FileNotFoundException e) {
        throw new BadInputException(txt, "", "missing: the manifest says the epoch has class"
            + " names");
      }
    }
    return new EpochReader(store, dir, m, List.copyOf(names));
  }

  /**
   * The manifest in {@code dir} when it is preaug's: null when there is none or it is another
   * tool's (valid JSON with another {@code "format"}); an error of {@code kind} naming the file
   * when it cannot be read or is broken (not JSON, missing fields, unknown version). Never
   * silently null for a damaged manifest, so callers such as retention cannot mistake a damaged
   * epoch of preaug's for a foreign directory.
   */
  public static EpochManifest manifest(EpochStore store, String dir, BadInputException.Kind kind)
      throws IOException {
    return read(store, store.resolve(dir, ShardNames.MANIFEST), kind, true);
  }

  private static EpochManifest read(EpochStore store, String mp, BadInputException.Kind kind,
      boolean foreignIsNull) throws IOException {
    byte[] bytes;
    try (InputStream in = store.open(mp)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new BadInputException(kind, mp, "", "cannot read: " + BadInputException.oneLine(e), e);
    }
    try {
      return EpochManifest.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (EpochManifest.ForeignManifestException e) {
      if (foreignIsNull) {
        return null;
      }
      throw new BadInputException(kind, mp, "", e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(kind, mp, "", e.getMessage(), e);
    }
  }

  public String dir() {
    return dir;
  }

  public EpochManifest manifest() {
    return manifest;
  }

  /** Class names by id ({@code labels.txt}), or empty for integer-labelled inputs. */
  public List<String> classNames() {
    return classNames;
  }

  /** The format {@link #samples} reads: "npy" when the epoch has it, else "tfrecord". */
  public String preferredFormat() {
    return manifest.formats.contains("npy") ? "npy" : "tfrecord";
  }

  /** The path of one of a shard's files; an error naming the manifest when it is not listed. */
  public String path(ShardInfo s, String kind) {
    return store.resolve(dir, info(s, kind).file());
  }

  private FileInfo info(ShardInfo s, String kind) {
    FileInfo f = s.file(kind);
    if (f == null) {
      throw new BadInputException(store.resolve(dir, ShardNames.MANIFEST), "shard " + s.shard(),
          "no '" + kind + "' file listed");
    }
    return f;
  }

  /** A shard's records, in shard order. */
  public interface Records extends Closeable {
    /** The next record, or null after the shard's last one (as many as the manifest says). */
    OutputRecord next() throws IOException;

    /**
     * After the last record: fails unless the files end there and, for a checked stream, have
     * the manifest's sizes and SHA-256.
     */
    void finish() throws IOException;

    /** The file errors about this stream name (the TFRecord file, or the images NPY file). */
    String file();
  }

  /** The records of a shard's TFRecord file. */
  public Records tfrecord(ShardInfo s, boolean checked) throws IOException {
    return new TfRecords(s, checked);
  }

  /** The records of a shard's NPY files (images, labels, index, ops), read in lockstep. */
  public Records npy(ShardInfo s, boolean checked) throws IOException {
    return new NpyRecords(s, checked);
  }

  /**
   * The records of the given source samples in one shard, in shard order, reading as little as
   * the format allows: for NPY the index array says which rows hold them and only those image
   * rows are read; a TFRecord file is scanned until {@code stillWanted} records were found.
   */
  public List<OutputRecord> samples(ShardInfo s, Set<Long> wanted, long stillWanted)
      throws IOException {
    return preferredFormat().equals("npy") ? npyRows(s, wanted) : tfScan(s, wanted, stillWanted);
  }

  private List<OutputRecord> tfScan(ShardInfo s, Set<Long> wanted, long stillWanted)
      throws IOException {
    List<OutputRecord> out = new ArrayList<>();
    try (Records r = tfrecord(s, false)) {
      for (OutputRecord o = r.next(); o != null && out.size() < stillWanted; o = r.next()) {
        if (wanted.contains(o.index())) {
          out.add(o);
        }
      }
    }
    return out;
  }

  private List<OutputRecord> npyRows(ShardInfo s, Set<Long> wanted) throws IOException {
    int n = rows(s);
    List<Integer> rows = new ArrayList<>();
    List<Long> index = new ArrayList<>();
    String xp = path(s, FileInfo.INDEX);
    try (Opened x = open(xp, null)) {
      expect(NpyHeader.read(x.top, xp), NpyDtype.INT64, xp, n);
      byte[] b = new byte[8];
      for (int i = 0; i < n; i++) {
        x.readFully(b, "row " + i);
        long v = LittleEndian.getLong(b, 0);
        if (wanted.contains(v)) {
          rows.add(i);
          index.add(v);
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    int[] labels = new int[rows.size()];
    String lp = path(s, FileInfo.LABELS);
    try (Opened l = open(lp, null)) {
      expect(NpyHeader.read(l.top, lp), NpyDtype.INT32, lp, n);
      byte[] b = new byte[4];
      for (int i = 0, k = 0; k < rows.size(); i++) {
        l.readFully(b, "row " + i);
        if (i == rows.get(k)) {
          labels[k++] = LittleEndian.getInt(b, 0);
        }
      }
    }
    String[] ops = new String[rows.size()];
    String op = path(s, FileInfo.OPS);
    try (Opened o = open(op, null)) {
      for (int i = 0, k = 0; k < rows.size(); i++) {
        String line = o.line(i, n);
        if (i == rows.get(k)) {
          ops[k++] = line;
        }
      }
    }
    boolean f16 = "float16".equals(manifest.npyDtype);
    int pixels = manifest.height * manifest.width * manifest.channels;
    int rowBytes = pixels * (f16 ? 2 : 1);
    String ip = path(s, FileInfo.IMAGES);
    NpyHeader h;
    try (Opened im = open(ip, null)) {
      h = NpyHeader.read(im.top, ip);
    }
    expect(h, f16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8, ip, n, manifest.height, manifest.width,
        manifest.channels);
    List<OutputRecord> out = new ArrayList<>();
    try (EpochStore.Positioned in = positioned(ip)) {
      byte[] buf = new byte[rowBytes];
      for (int k = 0; k < rows.size(); k++) {
        int row = rows.get(k);
        try {
          in.readFully(h.dataOffset() + (long) row * rowBytes, buf, 0, rowBytes);
        } catch (EOFException e) {
          throw new BadInputException(ip, "row " + row, "truncated: the file ends inside it");
        }
        byte[] px = f16 ? fromHalf(buf, pixels, ip, row) : buf.clone();
        out.add(new OutputRecord(index.get(k), labels[k], !ops[k].isEmpty(), ops[k],
            manifest.height, manifest.width, manifest.channels, px));
      }
    }
    return out;
  }

  /**
   * Bulk access to a shard's NPY images, labels and index by row, for trainers that copy whole
   * batches: the headers are checked against the manifest when it opens, then {@link
   * NpyRows#read} copies any run of rows with one positioned read per file.
   */
  public NpyRows npyRows(ShardInfo s) throws IOException {
    return new NpyRows(s);
  }

  /** A shard's NPY files open for positioned reads of row runs; see {@link #npyRows}. */
  public final class NpyRows implements Closeable {
    private final int n;
    private final boolean f16;
    private final int rowBytes;
    private final String imagesPath;
    private final String labelsPath;
    private final String indexPath;
    private final long imagesData;
    private final long labelsData;
    private final long indexData;
    private final List<EpochStore.Positioned> files = new ArrayList<>();
    private byte[] scratch = new byte[0];

    NpyRows(ShardInfo s) throws IOException {
      this.n = rows(s);
      this.f16 = "float16".equals(manifest.npyDtype);
      this.rowBytes = manifest.height * manifest.width * manifest.channels * (f16 ? 2 : 1);
      this.imagesPath = path(s, FileInfo.IMAGES);
      this.labelsPath = path(s, FileInfo.LABELS);
      this.indexPath = path(s, FileInfo.INDEX);
      this.imagesData = header(imagesPath, f16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8, n,
          manifest.height, manifest.width, manifest.channels);
      this.labelsData = header(labelsPath, NpyDtype.INT32, n);
      this.indexData = header(indexPath, NpyDtype.INT64, n);
      try {
        files.add(positioned(imagesPath));
        files.add(positioned(labelsPath));
        files.add(positioned(indexPath));
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    private long header(String p, NpyDtype type, long... shape) throws IOException {
      try (Opened o = open(p, null)) {
        NpyHeader h = NpyHeader.read(o.top, p);
        expect(h, type, p, shape);
        return h.dataOffset();
      }
    }

    /** Rows in the shard. */
    public int records() {
      return n;
    }

    /** Bytes of one images row as stored: H*W*C, twice that for float16 epochs. */
    public int rowBytes() {
      return rowBytes;
    }

    /** Whether the images are float16 (little-endian, v/255) rather than uint8. */
    public boolean float16() {
      return f16;
    }

    public String imagesFile() {
      return imagesPath;
    }

    /**
     * Copies rows {@code [from, from + count)}: their image bytes as stored into {@code images}
     * at {@code imagesOff}, and their labels and source indexes into {@code labels} and
     * {@code index} at {@code off} (either may be null to skip that file).
     */
    public void read(int from, int count, byte[] images, int imagesOff, int[] labels,
        long[] index, int off) throws IOException {
      read(from, count, ByteBuffer.wrap(images, imagesOff, count * rowBytes), labels, index,
          off);
    }

    /**
     * As {@link #read(int, int, byte[], int, int[], long[], int)}, the image bytes going to
     * {@code images} from its position on (a direct buffer is filled without a heap copy where
     * the store allows); its position moves past them.
     */
    public void read(int from, int count, ByteBuffer images, int[] labels, long[] index, int off)
        throws IOException {
      if (from < 0 || count < 0 || from > n - count) {
        throw new IllegalArgumentException("rows [" + from + ", " + ((long) from + count)
            + ") outside the shard's [0, " + n + ")");
      }
      if (count == 0) {
        return;
      }
      ByteBuffer dst = images.duplicate();
      dst.limit(dst.position() + count * rowBytes);
      try {
        files.get(0).readFully(imagesData + (long) from * rowBytes, dst);
      } catch (EOFException e) {
        throw new BadInputException(imagesPath, "rows " + from + ".." + (from + count - 1),
            "truncated: the file ends inside them");
      }
      images.position(dst.position());
      if (labels != null) {
        byte[] b = scratch(count * 4);
        fill(files.get(1), labelsPath, labelsData, from, count, 4, b, 0);
        for (int i = 0; i < count; i++) {
          labels[off + i] = LittleEndian.getInt(b, 4 * i);
        }
      }
      if (index != null) {
        byte[] b = scratch(count * 8);
        fill(files.get(2), indexPath, indexData, from, count, 8, b, 0);
        for (int i = 0; i < count; i++) {
          index[off + i] = LittleEndian.getLong(b, 8 * i);
        }
      }
    }

    private byte[] scratch(int size) {
      if (scratch.length < size) {
        scratch = new byte[size];
      }
      return scratch;
    }

    private void fill(EpochStore.Positioned f, String p, long data, int from, int count,
        int width, byte[] dst, int dstOff) throws IOException {
      try {
        f.readFully(data + (long) from * width, dst, dstOff, count * width);
      } catch (EOFException e) {
        throw new BadInputException(p, "rows " + from + ".." + (from + count - 1),
            "truncated: the file ends inside them");
      }
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (EpochStore.Positioned f : files) {
        try {
          f.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private int rows(ShardInfo s) {
    if (s.records() < 0 || s.records() > Integer.MAX_VALUE) {
      throw new BadInputException(store.resolve(dir, ShardNames.MANIFEST), "shard " + s.shard(),
          "records " + s.records() + " outside [0, " + Integer.MAX_VALUE + "]");
    }
    return (int) s.records();
  }

  private final class TfRecords implements Records {
    private final String path;
    private final Opened file;
    private final TfRecordReader reader;
    private final ImageEncoding encoding;
    private final long expected;

    TfRecords(ShardInfo s, boolean checked) throws IOException {
      FileInfo f = info(s, FileInfo.TFRECORD);
      this.path = store.resolve(dir, f.file());
      this.expected = s.records();
      this.encoding = ImageEncoding.valueOf(
          manifest.tfrecordImageEncoding.toUpperCase(Locale.ROOT));
      this.file = open(path, checked ? f : null);
      InputStream body = "gzip".equals(manifest.tfrecordCompression)
          ? new java.util.zip.GZIPInputStream(file.top, 1 << 16) : file.top;
      this.reader = new TfRecordReader(body, path);
    }

    @Override
    public OutputRecord next() throws IOException {
      if (reader.records() == expected) {
        return null;
      }
      long i = reader.records();
      byte[] rec = reader.next();
      if (rec == null) {
        throw new BadInputException(path, "", "holds " + i + " records, the manifest says "
            + expected);
      }
      OutputRecord o;
      try {
        o = ExampleCodec.decode(rec, encoding);
      } catch (IOException | IllegalArgumentException e) {
        throw new BadInputException(path, "record " + i, "not a valid preaug example: "
            + BadInputException.oneLine(e));
      }
      if (o.height() != manifest.height || o.width() != manifest.width
          || o.channels() != manifest.channels) {
        throw new BadInputException(path, "record " + i, "image is " + o.height() + "x"
            + o.width() + "x" + o.channels() + ", manifest says " + manifest.height + "x"
            + manifest.width + "x" + manifest.channels);
      }
      return o;
    }

    @Override
    public void finish() throws IOException {
      if (reader.next() != null) {
        throw new BadInputException(path, "record " + expected, "holds more than the "
            + expected + " records the manifest says");
      }
      file.finish();
    }

    @Override
    public String file() {
      return path;
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  private final class NpyRecords implements Records {
    private final int n;
    private final int pixels;
    private final boolean f16;
    private final String imagesPath;
    private final List<Opened> files = new ArrayList<>();
    private final Opened images;
    private final Opened labels;
    private final Opened index;
    private final Opened ops;
    private final byte[] row;
    private final byte[] label = new byte[4];
    private final byte[] idx = new byte[8];
    private int next;

    NpyRecords(ShardInfo s, boolean checked) throws IOException {
      this.n = rows(s);
      this.f16 = "float16".equals(manifest.npyDtype);
      this.pixels = manifest.height * manifest.width * manifest.channels;
      this.row = new byte[pixels * (f16 ? 2 : 1)];
      try {
        images = add(s, FileInfo.IMAGES, checked);
        imagesPath = images.path;
        expect(NpyHeader.read(images.top, images.path), f16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8,
            images.path, n, manifest.height, manifest.width, manifest.channels);
        labels = add(s, FileInfo.LABELS, checked);
        expect(NpyHeader.read(labels.top, labels.path), NpyDtype.INT32, labels.path, n);
        index = add(s, FileInfo.INDEX, checked);
        expect(NpyHeader.read(index.top, index.path), NpyDtype.INT64, index.path, n);
        ops = add(s, FileInfo.OPS, checked);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    private Opened add(ShardInfo s, String kind, boolean checked) throws IOException {
      FileInfo f = info(s, kind);
      Opened o = open(store.resolve(dir, f.file()), checked ? f : null);
      files.add(o);
      return o;
    }

    @Override
    public OutputRecord next() throws IOException {
      if (next == n) {
        return null;
      }
      int i = next++;
      String where = "row " + i;
      images.readFully(row, where);
      byte[] px = f16 ? fromHalf(row, pixels, images.path, i) : row.clone();
      labels.readFully(label, where);
      index.readFully(idx, where);
      String o = ops.line(i, n);
      return new OutputRecord(LittleEndian.getLong(idx, 0), LittleEndian.getInt(label, 0), !o.isEmpty(), o,
          manifest.height, manifest.width, manifest.channels, px);
    }

    @Override
    public void finish() throws IOException {
      if (ops.top.read() >= 0) {
        throw new BadInputException(ops.path, "line " + (n + 1), "has more than the " + n
            + " lines of the shard's records");
      }
      for (Opened f : files) {
        f.finish();
      }
    }

    @Override
    public String file() {
      return imagesPath;
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (Opened f : files) {
        try {
          f.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private Opened open(String path, FileInfo checkAgainst) throws IOException {
    try {
      return new Opened(path, store.open(path), checkAgainst);
    } catch (FileNotFoundException e) {
      throw new BadInputException(path, "", "listed in the manifest but missing");
    }
  }

  private EpochStore.Positioned positioned(String path) throws IOException {
    try {
      return store.openPositioned(path);
    } catch (FileNotFoundException e) {
      throw new BadInputException(path, "", "listed in the manifest but missing");
    }
  }

  /**
   * One open file: {@code top} is what the record decoders read (buffered above the counting
   * layer, so the digest sees whole blocks); {@link #finish} drains what is left and compares
   * the byte count and SHA-256 with the manifest.
   */
  private static final class Opened implements Closeable {
    final String path;
    final Counting counting;
    final BufferedInputStream top;
    final FileInfo expected;

    Opened(String path, InputStream raw, FileInfo expected) {
      this.path = path;
      this.expected = expected;
      this.counting = new Counting(raw, expected != null);
      this.top = new BufferedInputStream(counting, BUFFER);
    }

    void readFully(byte[] b, String where) throws IOException {
      int done = 0;
      while (done < b.length) {
        int r = top.read(b, done, b.length - done);
        if (r < 0) {
          throw new BadInputException(path, where, "truncated: the file ends inside it");
        }
        done += r;
      }
    }

    /** Line {@code i} of {@code n} without its '\n'; an error when the file has fewer. */
    String line(int i, int n) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      int c = top.read();
      if (c < 0) {
        throw new BadInputException(path, "", "has " + i + " lines, expected " + n);
      }
      while (c >= 0 && c != '\n') {
        b.write(c);
        c = top.read();
      }
      return b.toString(StandardCharsets.UTF_8);
    }

    void finish() throws IOException {
      long before = counting.count - top.available();
      byte[] rest = new byte[1 << 16];
      long extra = 0;
      for (int r = top.read(rest); r >= 0; r = top.read(rest)) {
        extra += r;
      }
      if (extra > 0) {
        throw new BadInputException(path, "byte " + before, extra
            + " unexpected bytes after the shard's last record");
      }
      if (expected == null) {
        return;
      }
      if (counting.count != expected.bytes()) {
        throw new BadInputException(path, "", "is " + counting.count
            + " bytes, the manifest says " + expected.bytes());
      }
      String sha = HexFormat.of().formatHex(counting.digest.digest());
      if (!sha.equals(expected.sha256())) {
        throw new BadInputException(path, "", "SHA-256 " + sha
            + " does not match the manifest (" + expected.sha256() + ")");
      }
    }

    @Override
    public void close() throws IOException {
      top.close();
    }
  }

  /** Counts (and optionally hashes) every byte read through it. */
  private static final class Counting extends FilterInputStream {
    final MessageDigest digest;
    long count;

    Counting(InputStream in, boolean hash) {
      super(in);
      try {
        this.digest = hash ? MessageDigest.getInstance("SHA-256") : null;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
        if (digest != null) {
          digest.update((byte) b);
        }
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, len);
      if (r > 0) {
        count += r;
        if (digest != null) {
          digest.update(b, off, r);
        }
      }
      return r;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes would escape the digest: read them instead.
      byte[] b = new byte[(int) Math.min(n, 1 << 16)];
      int r = read(b, 0, b.length);
      return Math.max(r, 0);
    }
  }

  /** The uint8 pixels of a float16 images row written as v/255; other values are an error. */
  static byte[] fromHalf(byte[] buf, int pixels, String path, int row) {
    byte[] px = new byte[pixels];
    for (int j = 0; j < pixels; j++) {
      int bits = LittleEndian.getUnsignedShort(buf, 2 * j);
      int v = BYTE_OF_HALF[bits];
      if (v < 0) {
        throw new BadInputException(path, "row " + row + ", pixel " + j,
            "float16 bits 0x" + Integer.toHexString(bits) + " are not v/255 for any byte v");
      }
      px[j] = (byte) v;
    }
    return px;
  }

  /** Fails unless the header has exactly this dtype and shape. */
  static void expect(NpyHeader h, NpyDtype type, String path, long... shape) {
    if (h.dtype() != type || !Arrays.equals(h.shape(), shape)) {
      throw new BadInputException(path, "header", "is " + h.dtype().descr() + " "
          + h.shapeString() + ", expected " + type.descr() + " "
          + Arrays.toString(shape).replace('[', '(').replace(']', ')'));
    }
  }
}
