package dev.preaug.spark;

import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.io.LittleEndian;
import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.core.shuffle.ShardPlan;
import dev.preaug.core.tfrecord.ExampleCodec;
import dev.preaug.core.tfrecord.ExampleWriter;
import dev.preaug.core.tfrecord.TfRecordWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import scala.Tuple2;

/**
 * Stage two of an epoch: writes one shard, from records sorted by position, and reports what it
 * wrote. On filesystems that rename atomically it writes under a prefix private to this task
 * attempt and never touches the epoch's final names; the driver moves the files of the attempt
 * that Spark reports as successful. On object stores ({@link FsUtil#isObjectStore}) it writes
 * the final names inside the unpublished epoch directory: every attempt of a shard writes the
 * same bytes, an object appears only complete, and a failed attempt aborts its uploads instead
 * of closing them, so whichever attempt's object is there holds the shard's bytes.
 */
final class ShardWriter {
  private static final int BUFFER = 1 << 20;
  private static final byte[] HALF_OF_BYTE = halfTable();

  private final EpochSpec spec;
  private final int shard;

  ShardWriter(EpochSpec spec, int shard) {
    this.spec = spec;
    this.shard = shard;
  }

  /** The shuffle's records, in their bytes form, decoded one at a time as the writer asks. */
  static Iterator<Tuple2<Long, OutputRecord>> decoded(Iterator<Tuple2<Long, byte[]>> records) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public Tuple2<Long, OutputRecord> next() {
        Tuple2<Long, byte[]> kv = records.next();
        return new Tuple2<>(kv._1(), OutputRecord.fromBytes(kv._2()));
      }
    };
  }

  /** Writes the shard; {@code attempt} makes the file names unique per task attempt. */
  ShardInfo write(Iterator<Tuple2<Long, OutputRecord>> records, long attempt, Configuration conf)
      throws IOException {
    long t0 = System.nanoTime();
    ShardPlan plan = new ShardPlan(spec.records(), spec.shards);
    long first = plan.start(shard);
    long n = plan.size(shard);
    spec.hooks.at(TaskHooks.Point.BEFORE_WRITE, spec.epoch, shard);
    // Files go straight into the driver's _attempts directory under a per-attempt prefix, and
    // only ever as files created in an existing directory: a late attempt of a failed epoch
    // then fails instead of re-creating the directory the driver removed.
    Path dir = new Path(spec.attemptsDir);
    FileSystem fs = FsUtil.fs(dir, conf);
    boolean finalNames = FsUtil.isObjectStore(fs);
    String prefix = finalNames ? "" : "a" + attempt + "-";
    created.clear();

    String tfName = ShardNames.tfrecord(spec.name, shard, spec.shards);
    String imName = ShardNames.images(spec.name, shard, spec.shards);
    String lbName = ShardNames.labels(spec.name, shard, spec.shards);
    String ixName = ShardNames.index(spec.name, shard, spec.shards);
    String opName = ShardNames.ops(spec.name, shard, spec.shards);
    HashingOutputStream tfHash = null;
    TfRecordWriter tf = null;
    HashingOutputStream imHash = null;
    HashingOutputStream opHash = null;
    int[] labels = new int[(int) n];
    long[] index = new long[(int) n];
    long[] counts = new long[64];
    long augmented = 0;
    long firstRecordMillis = 0;
    int pixels = spec.height * spec.width * spec.channels;
    byte[] half = spec.npyFloat16 ? new byte[2 * pixels] : null;
    List<OutputStream> open = new ArrayList<>();
    boolean done = false;
    try {
      if (spec.tfrecord) {
        tfHash = new HashingOutputStream(
            buffered(create(fs, new Path(dir, prefix + tfName), finalNames)));
        open.add(tfHash);
        OutputStream body = spec.gzip ? new GZIPOutputStream(tfHash, BUFFER) : tfHash;
        tf = new TfRecordWriter(body);
      }
      if (spec.npy) {
        imHash = new HashingOutputStream(
            buffered(create(fs, new Path(dir, prefix + imName), finalNames)));
        open.add(imHash);
        imHash.write(NpyHeader.of(spec.npyFloat16 ? NpyDtype.FLOAT16 : NpyDtype.UINT8,
            n, spec.height, spec.width, spec.channels).encode());
        opHash = new HashingOutputStream(
            buffered(create(fs, new Path(dir, prefix + opName), finalNames)));
        open.add(opHash);
      }
      long expected = first;
      while (records.hasNext()) {
        Tuple2<Long, OutputRecord> kv = records.next();
        if (kv._1() != expected) {
          throw new IllegalStateException("shard " + shard + ": got position " + kv._1()
              + ", expected " + expected + " (records must arrive sorted and complete)");
        }
        OutputRecord r = kv._2();
        int i = (int) (expected - first);
        if (i == n / 2) {
          spec.hooks.at(TaskHooks.Point.MID_SHARD, spec.epoch, shard);
        }
        labels[i] = r.label();
        index[i] = r.index();
        if (r.label() >= counts.length) {
          counts = java.util.Arrays.copyOf(counts, Math.max(r.label() + 1, 2 * counts.length));
        }
        counts[r.label()]++;
        if (r.augmented()) {
          augmented++;
        }
        if (tf != null) {
          tf.write(spec.imageEncoding == ImageEncoding.RAW ? ExampleWriter.encodeRaw(r)
              : ExampleCodec.encode(r, spec.imageEncoding));
        }
        if (imHash != null) {
          if (half != null) {
            byte[] px = r.pixels();
            for (int j = 0; j < pixels; j++) {
              int v = px[j] & 0xFF;
              half[2 * j] = HALF_OF_BYTE[2 * v];
              half[2 * j + 1] = HALF_OF_BYTE[2 * v + 1];
            }
            imHash.write(half);
          } else {
            imHash.write(r.pixels());
          }
          opHash.write(r.ops().getBytes(StandardCharsets.UTF_8));
          opHash.write('\n');
        }
        if (firstRecordMillis == 0) {
          firstRecordMillis = System.currentTimeMillis();
        }
        expected++;
      }
      if (expected != first + n) {
        throw new IllegalStateException("shard " + shard + ": got " + (expected - first)
            + " records, expected " + n);
      }
      List<FileInfo> files = new ArrayList<>();
      if (tf != null) {
        tf.close();
        files.add(new FileInfo(FileInfo.TFRECORD, tfName, tfHash.count(), tfHash.sha256()));
      }
      if (imHash != null) {
        imHash.close();
        files.add(new FileInfo(FileInfo.IMAGES, imName, imHash.count(), imHash.sha256()));
        opHash.close();
        files.add(new FileInfo(FileInfo.OPS, opName, opHash.count(), opHash.sha256()));
        files.add(writeLabels(fs, dir, prefix, lbName, labels, finalNames));
        files.add(writeIndex(fs, dir, prefix, ixName, index, finalNames));
      }
      open.clear();
      done = true;
      spec.hooks.at(TaskHooks.Point.AFTER_WRITE, spec.epoch, shard);
      SortedMap<Integer, Long> histogram = new TreeMap<>();
      for (int label = 0; label < counts.length; label++) {
        if (counts[label] != 0) {
          histogram.put(label, counts[label]);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new ShardInfo(shard, n, first, files, histogram, augmented,
          dir.toString() + "/" + prefix, seconds, firstRecordMillis);
    } finally {
      if (!done && finalNames) {
        for (FsUtil.Output o : created) {
          o.abort();
        }
      }
      for (OutputStream o : open) {
        try {
          o.close();
        } catch (IOException | RuntimeException e) {
          // The original failure matters more than a close error on the way out.
        }
      }
    }
  }

  /** Every file this attempt created, so a failed attempt can abort them on an object store. */
  private final List<FsUtil.Output> created = new ArrayList<>();

  private FsUtil.Output create(FileSystem fs, Path p, boolean finalNames) throws IOException {
    FsUtil.Output o = FsUtil.createFile(fs, p, finalNames, spec.directIo);
    created.add(o);
    return o;
  }

  private static OutputStream buffered(FsUtil.Output o) {
    return o.buffered() ? o : new BufferedOutputStream(o, BUFFER);
  }

  private FileInfo writeLabels(FileSystem fs, Path dir, String prefix, String name,
      int[] labels, boolean finalNames)
      throws IOException {
    byte[] header = NpyHeader.of(NpyDtype.INT32, labels.length).encode();
    return writeWhole(fs, dir, prefix, name, FileInfo.LABELS, header, LittleEndian.ints(labels),
        finalNames);
  }

  private FileInfo writeIndex(FileSystem fs, Path dir, String prefix, String name,
      long[] index, boolean finalNames)
      throws IOException {
    byte[] header = NpyHeader.of(NpyDtype.INT64, index.length).encode();
    return writeWhole(fs, dir, prefix, name, FileInfo.INDEX, header, LittleEndian.longs(index),
        finalNames);
  }

  private FileInfo writeWhole(FileSystem fs, Path dir, String prefix, String name,
      String kind,
      byte[] header, byte[] data, boolean finalNames) throws IOException {
    HashingOutputStream out = new HashingOutputStream(
        buffered(create(fs, new Path(dir, prefix + name), finalNames)));
    try {
      out.write(header);
      out.write(data);
    } finally {
      out.close();
    }
    return new FileInfo(kind, name, out.count(), out.sha256());
  }

  /**
   * Little-endian float16 bits of v/255 for every byte v, rounded to nearest-even from the
   * exact double quotient, which is what {@code np.float16(v / 255)} gives.
   */
  private static byte[] halfTable() {
    byte[] t = new byte[512];
    for (int v = 0; v < 256; v++) {
      LittleEndian.putShort(t, 2 * v, HalfBits.fromDouble(v / 255.0));
    }
    return t;
  }
}
