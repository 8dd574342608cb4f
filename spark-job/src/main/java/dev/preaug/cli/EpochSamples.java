package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.spark.ShardArrays;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.TfRecordReader;
import dev.preaug.spark.FsUtil;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The records of chosen source samples in a published epoch, for {@code preview --epoch}. NPY
 * shards are preferred: their small index arrays say which rows to read, and only those rows are
 * read. A TFRecord-only epoch is scanned record by record until every copy of every chosen sample
 * has been found. Records keep epoch order (shard, then position in the shard).
 */
final class EpochSamples {
  private final FileSystem fs;
  private final Path dir;
  private final EpochManifest manifest;
  private final List<String> classNames;

  private EpochSamples(FileSystem fs, Path dir, EpochManifest manifest, List<String> classNames) {
    this.fs = fs;
    this.dir = dir;
    this.manifest = manifest;
    this.classNames = classNames;
  }

  /**
   * Opens a published epoch: {@code path} itself when it holds a manifest, else the epoch
   * {@code number} under it (an output directory), or its newest published epoch.
   */
  static EpochSamples open(String path, Long number, Configuration conf) throws IOException {
    Path p = new Path(path);
    FileSystem fs = FsUtil.fs(p, conf);
    if (!fs.exists(p)) {
      throw new BadInputException(path, "", "no such directory");
    }
    Path dir = p;
    if (!fs.exists(new Path(p, ShardNames.MANIFEST))) {
      dir = pickEpoch(fs, p, number);
    }
    if (!fs.exists(new Path(dir, ShardNames.SUCCESS))) {
      throw new BadInputException(dir.toString(), "", "no _SUCCESS: not a published epoch");
    }
    Path mp = new Path(dir, ShardNames.MANIFEST);
    EpochManifest m;
    try (InputStream in = fs.open(mp)) {
      m = EpochManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(mp.toString(), "", e.getMessage());
    }
    if (number != null && m.epoch != number) {
      throw new BadInputException(mp.toString(), "", "is epoch " + m.epoch + ", not the epoch "
          + number + " asked for with --epoch-number");
    }
    List<String> names = new ArrayList<>();
    if (m.classNames) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          fs.open(new Path(dir, ShardNames.LABELS_TXT)), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          names.add(l);
        }
      }
    }
    return new EpochSamples(fs, dir, m, names);
  }

  private static Path pickEpoch(FileSystem fs, Path out, Long number) throws IOException {
    TreeMap<Long, Path> published = new TreeMap<>();
    for (FileStatus st : fs.listStatus(out)) {
      long e = ShardNames.parseEpochDir(st.getPath().getName());
      if (e >= 0 && st.isDirectory() && fs.exists(new Path(st.getPath(), ShardNames.SUCCESS))) {
        published.put(e, st.getPath());
      }
    }
    if (number != null) {
      Path p = published.get(number);
      if (p == null) {
        throw new BadInputException(out.toString(), "", "holds no published "
            + ShardNames.epochDir(number) + " (published: " + published.keySet() + ")");
      }
      return p;
    }
    if (published.isEmpty()) {
      throw new BadInputException(out.toString(), "", "is neither a published epoch (no "
          + ShardNames.MANIFEST + ") nor an output directory with published epoch-NNNNN"
          + " directories");
    }
    return published.lastEntry().getValue();
  }

  Path dir() {
    return dir;
  }

  EpochManifest manifest() {
    return manifest;
  }

  /** Class names by id (labels.txt), or empty for integer-labelled inputs. */
  List<String> classNames() {
    return classNames;
  }

  /** Which format {@link #records} reads: "npy" when the epoch has it, else "tfrecord". */
  String source() {
    return manifest.formats.contains("npy") ? "npy" : "tfrecord";
  }

  /** Every record of the given samples, grouped by sample (in {@code picks} order). */
  Map<Long, List<OutputRecord>> records(long[] picks) throws IOException {
    Map<Long, List<OutputRecord>> out = new LinkedHashMap<>();
    for (long p : picks) {
      out.put(p, new ArrayList<>());
    }
    long wanted = (long) out.size() * (manifest.copiesOriginal + manifest.copiesAugmented);
    long found = 0;
    for (ShardInfo s : manifest.shardList) {
      found += source().equals("npy") ? readNpy(s, out) : readTfRecord(s, out, wanted - found);
      if (found >= wanted) {
        break;
      }
    }
    return out;
  }

  private long readTfRecord(ShardInfo s, Map<Long, List<OutputRecord>> out, long stillWanted)
      throws IOException {
    Path p = file(s, FileInfo.TFRECORD);
    ImageEncoding enc = ImageEncoding.valueOf(
        manifest.tfrecordImageEncoding.toUpperCase(Locale.ROOT));
    long found = 0;
    try (InputStream raw = new BufferedInputStream(open(p), 1 << 20)) {
      InputStream body = "gzip".equals(manifest.tfrecordCompression)
          ? new GZIPInputStream(raw, 1 << 16) : raw;
      TfRecordReader r = new TfRecordReader(body, p.toString());
      for (byte[] rec = r.next(); rec != null && found < stillWanted; rec = r.next()) {
        OutputRecord o;
        try {
          o = ExampleCodec.decode(rec, enc);
        } catch (IOException | IllegalArgumentException e) {
          throw new BadInputException(p.toString(), "record " + (r.records() - 1),
              "not a valid preaug example: " + FsUtil.oneLine(e));
        }
        List<OutputRecord> group = out.get(o.index());
        if (group != null) {
          group.add(o);
          found++;
        }
      }
    }
    return found;
  }

  private long readNpy(ShardInfo s, Map<Long, List<OutputRecord>> out) throws IOException {
    int n = (int) s.records();
    long[] index = new long[n];
    Path xp = file(s, FileInfo.INDEX);
    try (InputStream in = new BufferedInputStream(open(xp), 1 << 16)) {
      ShardArrays.expect(NpyHeader.read(in, xp.toString()), NpyDtype.INT64, xp, n);
      byte[] b = readAll(in, 8L * n, xp);
      for (int i = 0; i < n; i++) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
          v = (v << 8) | (b[8 * i + k] & 0xFF);
        }
        index[i] = v;
      }
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (out.containsKey(index[i])) {
        rows.add(i);
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    Path lp = file(s, FileInfo.LABELS);
    byte[] labels;
    try (InputStream in = new BufferedInputStream(open(lp), 1 << 16)) {
      ShardArrays.expect(NpyHeader.read(in, lp.toString()), NpyDtype.INT32, lp, n);
      labels = readAll(in, 4L * n, lp);
    }
    Path op = file(s, FileInfo.OPS);
    List<String> ops = new ArrayList<>(n);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(op),
        StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        ops.add(l);
      }
    }
    if (ops.size() != n) {
      throw new BadInputException(op.toString(), "", "has " + ops.size() + " lines, expected "
          + n);
    }
    boolean f16 = "float16".equals(manifest.npyDtype);
    int pixels = manifest.height * manifest.width * manifest.channels;
    int rowBytes = pixels * (f16 ? 2 : 1);
    Path ip = file(s, FileInfo.IMAGES);
    try (FSDataInputStream in = open(ip)) {
      NpyHeader h = NpyHeader.read(in, ip.toString());
      ShardArrays.expect(h, f16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8, ip, n, manifest.height,
          manifest.width, manifest.channels);
      byte[] buf = new byte[rowBytes];
      for (int row : rows) {
        in.seek(h.dataOffset() + (long) row * rowBytes);
        in.readFully(buf);
        byte[] px = f16 ? ShardArrays.fromHalf(buf, pixels, ip, row) : buf.clone();
        int label = (labels[4 * row] & 0xFF) | ((labels[4 * row + 1] & 0xFF) << 8)
            | ((labels[4 * row + 2] & 0xFF) << 16) | ((labels[4 * row + 3] & 0xFF) << 24);
        String o = ops.get(row);
        out.get(index[row]).add(new OutputRecord(index[row], label, !o.isEmpty(), o,
            manifest.height, manifest.width, manifest.channels, px));
      }
    }
    return rows.size();
  }

  private Path file(ShardInfo s, String kind) {
    FileInfo f = s.file(kind);
    if (f == null) {
      throw new BadInputException(new Path(dir, ShardNames.MANIFEST).toString(), "shard "
          + s.shard(), "no '" + kind + "' file listed");
    }
    return new Path(dir, f.file());
  }

  private FSDataInputStream open(Path p) throws IOException {
    try {
      return fs.open(p);
    } catch (FileNotFoundException e) {
      throw new BadInputException(p.toString(), "", "listed in the manifest but missing");
    }
  }

  private static byte[] readAll(InputStream in, long bytes, Path p) throws IOException {
    byte[] b = in.readNBytes((int) bytes);
    if (b.length != bytes) {
      throw new BadInputException(p.toString(), "", "truncated: " + b.length + " of " + bytes
          + " data bytes");
    }
    return b;
  }


}
