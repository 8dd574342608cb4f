package dev.preaug.spark.input;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.image.Float16;
import dev.preaug.core.io.LittleEndian;
import dev.preaug.core.io.MappedFile;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import dev.preaug.spark.FsUtil;
import dev.preaug.spark.TaskStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Images and labels as two NPY files (the seed's arrays). The driver reads only the two headers;
 * each task seeks to its own range of both files. The fingerprint reads every byte of both in a
 * Spark job ({@link #scan}), or with {@code input.fingerprint = metadata} only the headers and
 * the first and last 64 KiB, on the driver.
 */
public final class NpyDatasetSource implements DatasetSource {
  private static final long serialVersionUID = 1L;
  /** Samples read per I/O call; 256 glyphs of float16 64x64 are 2 MiB. */
  private static final int CHUNK = 256;
  private static final int FINGERPRINT_SPAN = 64 * 1024;

  /** The paths as the user gave them, for messages. */
  private final String images;
  private final String labels;
  /**
   * The same paths qualified on the driver (scheme, authority, absolute path), which tasks
   * open: a relative path would otherwise resolve against each executor's own working
   * directory, which on a cluster is not the driver's.
   */
  private final String imagesUri;
  private final String labelsUri;
  private final NpyDtype imageType;
  private final NpyDtype labelType;
  private final long imageOffset;
  private final long labelOffset;
  private final long samples;
  private final int height;
  private final int width;
  private final int channels;
  private final long[] lengths;
  private final String fingerprint;
  /** {@code input.mmap}: the direct exchange reads local files from memory mappings. */
  private final boolean mmap;

  private NpyDatasetSource(String images, String labels, String imagesUri, String labelsUri,
      NpyHeader ih, NpyHeader lh, long[] lengths, String fingerprint) {
    this.images = images;
    this.labels = labels;
    this.imagesUri = imagesUri;
    this.labelsUri = labelsUri;
    this.imageType = ih.dtype();
    this.labelType = lh.dtype();
    this.imageOffset = ih.dataOffset();
    this.labelOffset = lh.dataOffset();
    this.samples = ih.dim(0);
    this.height = (int) ih.dim(1);
    this.width = (int) ih.dim(2);
    this.channels = ih.rank() == 4 ? (int) ih.dim(3) : 1;
    this.lengths = lengths;
    this.fingerprint = fingerprint;
    this.mmap = true;
  }

  private NpyDatasetSource(NpyDatasetSource o, String fingerprint) {
    this(o, fingerprint, o.mmap);
  }

  private NpyDatasetSource(NpyDatasetSource o, String fingerprint, boolean mmap) {
    this.images = o.images;
    this.labels = o.labels;
    this.imagesUri = o.imagesUri;
    this.labelsUri = o.labelsUri;
    this.imageType = o.imageType;
    this.labelType = o.labelType;
    this.imageOffset = o.imageOffset;
    this.labelOffset = o.labelOffset;
    this.samples = o.samples;
    this.height = o.height;
    this.width = o.width;
    this.channels = o.channels;
    this.lengths = o.lengths;
    this.fingerprint = fingerprint;
    this.mmap = mmap;
  }

  /** Opens and validates both headers against the rules in docs/inputs.md. */
  public static NpyDatasetSource open(String images, String labels, Configuration conf,
      PreaugConfig.FingerprintMode mode) {
    Path ip = new Path(images);
    Path lp = new Path(labels);
    FileStatus is = FsUtil.inputFile(ip, conf);
    FileStatus ls = FsUtil.inputFile(lp, conf);
    NpyHeader ih = header(ip, conf);
    NpyHeader lh = header(lp, conf);
    String iname = ip.toString();
    String lname = lp.toString();
    if (ih.dtype() != NpyDtype.UINT8 && ih.dtype() != NpyDtype.FLOAT16) {
      throw new BadInputException(iname, "header", "images dtype " + ih.dtype().descr()
          + " is not supported (expected uint8 |u1 or float16 <f2)");
    }
    boolean shapeOk = ih.rank() == 3 || (ih.rank() == 4 && (ih.dim(3) == 1 || ih.dim(3) == 3));
    if (!shapeOk) {
      throw new BadInputException(iname, "header", "images shape " + ih.shapeString()
          + " is not [N,H,W], [N,H,W,1] (gray) or [N,H,W,3] (RGB)");
    }
    if (ih.dim(1) < 1 || ih.dim(2) < 1 || ih.dim(1) > 4096 || ih.dim(2) > 4096) {
      throw new BadInputException(iname, "header", "image size " + ih.dim(1) + "x" + ih.dim(2)
          + " is outside 1..4096 per side");
    }
    if (ih.dim(0) == 0) {
      throw new BadInputException(iname, "header", "images shape " + ih.shapeString()
          + " holds zero samples");
    }
    if (!lh.dtype().isInteger() || lh.dtype() == NpyDtype.UINT8) {
      throw new BadInputException(lname, "header", "labels dtype " + lh.dtype().descr()
          + " is not supported (expected int8, int16, int32 or int64)");
    }
    if (lh.rank() != 1) {
      throw new BadInputException(lname, "header", "labels shape " + lh.shapeString()
          + " is not [N]");
    }
    ih.checkLength(is.getLen(), iname);
    lh.checkLength(ls.getLen(), lname);
    if (lh.dim(0) != ih.dim(0)) {
      throw new BadInputException(lname, "header", "has " + lh.dim(0) + " labels but " + iname
          + " has " + ih.dim(0) + " samples (counts must match)");
    }
    long[] lengths = {is.getLen(), ls.getLen()};
    String fp = mode == PreaugConfig.FingerprintMode.FULL ? null : ContentDigest.METADATA
        + fingerprint(conf, new Path[] {ip, lp}, new NpyHeader[] {ih, lh}, lengths);
    return new NpyDatasetSource(iname, lname, FsUtil.fs(ip, conf).makeQualified(ip).toString(),
        FsUtil.fs(lp, conf).makeQualified(lp).toString(), ih, lh, lengths, fp);
  }

  private static NpyHeader header(Path p, Configuration conf) {
    try (FSDataInputStream in = FsUtil.fs(p, conf).open(p)) {
      return NpyHeader.read(in, p.toString());
    } catch (IOException e) {
      throw new BadInputException(p.toString(), "", "cannot read: " + FsUtil.oneLine(e), e);
    }
  }

  /**
   * {@code input.fingerprint = metadata}: SHA-256 over each file's header, length and the first
   * and last 64 KiB of its data: cheap and independent of path and mtime, but blind to edits in
   * the middle of the arrays.
   */
  private static String fingerprint(Configuration conf, Path[] paths, NpyHeader[] headers,
      long[] lengths) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < paths.length; i++) {
        md.update(headers[i].toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(Long.toString(lengths[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (FSDataInputStream in = FsUtil.fs(paths[i], conf).open(paths[i])) {
          long data = lengths[i] - headers[i].dataOffset();
          int head = (int) Math.min(FINGERPRINT_SPAN, data);
          byte[] buf = new byte[head];
          in.readFully(headers[i].dataOffset(), buf, 0, head);
          md.update(buf);
          int tail = (int) Math.min(FINGERPRINT_SPAN, data);
          buf = new byte[tail];
          in.readFully(lengths[i] - tail, buf, 0, tail);
          md.update(buf);
        }
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long samples() {
    return samples;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public String describe() {
    return "npy " + images + " (" + samples + " x " + height + " x " + width
        + (channels == 1 ? "" : " x " + channels) + " " + imageType.numpyName() + "), labels " + labels + " (" + labelType.numpyName() + ")";
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * {@code input.fingerprint = full}: SHA-256 over every byte of both files, hashed in
   * fixed-size ranges by Spark tasks and combined in order, so it depends on the bytes alone.
   */
  @Override
  public DatasetSource scan(org.apache.spark.api.java.JavaSparkContext sc) {
    if (fingerprint != null) {
      return this;
    }
    List<ContentDigest.Range> ranges = new java.util.ArrayList<>(
        ContentDigest.ranges(imagesUri, lengths[0]));
    ranges.addAll(ContentDigest.ranges(labelsUri, lengths[1]));
    List<byte[]> digests = ContentDigest.parallel(sc, ranges, "npy");
    return new NpyDatasetSource(this, ContentDigest.combine("npy\n" + lengths[0] + "\n"
        + lengths[1] + "\n", digests));
  }

  @Override
  public List<String> classNames() {
    return List.of();
  }

  @Override
  public Iterator<Sample> read(InputSplit split, Configuration conf) throws IOException {
    Path ip = new Path(imagesUri);
    Path lp = new Path(labelsUri);
    FileSystem fs = FsUtil.fs(ip, conf);
    int[] labelValues = readLabels(lp, split, conf);
    FSDataInputStream in = fs.open(ip);
    TaskStreams.Once closer = TaskStreams.closeAtTaskEnd(in);
    int sampleBytes = height * width * channels * imageType.itemSize();
    in.seek(imageOffset + split.from() * sampleBytes);
    return new Iterator<>() {
      // At most ~4 MiB per read, so large (colour) images do not make a huge buffer.
      private final int chunk = Math.max(1, Math.min(CHUNK, (4 << 20) / sampleBytes));
      private final byte[] buf = new byte[chunk * sampleBytes];
      private long next = split.from();
      private int inBuf;
      private int pos;

      @Override
      public boolean hasNext() {
        boolean more = next < split.to();
        if (!more) {
          close();
        }
        return more;
      }

      private void close() {
        try {
          closer.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public Sample next() {
        if (next >= split.to()) {
          throw new NoSuchElementException();
        }
        if (pos == inBuf) {
          int n = (int) Math.min(chunk, split.to() - next);
          try {
            in.readFully(buf, 0, n * sampleBytes);
          } catch (IOException e) {
            throw new BadInputException(images, "sample " + next + " (byte "
                + (imageOffset + next * sampleBytes) + ")", "read failed: " + FsUtil.oneLine(e), e);
          }
          inBuf = n;
          pos = 0;
        }
        byte[] px = pixels(buf, pos * sampleBytes, next);
        Sample s = new Sample(next, labelValues[(int) (next - split.from())], px);
        next++;
        pos++;
        return s;
      }
    };
  }

  /**
   * The uint8 values of sample {@code index} (HWC), whose raw bytes start at {@code buf[base]}.
   */
  private byte[] pixels(byte[] buf, int base, long index) {
    int pixels = height * width * channels;
    byte[] px = new byte[pixels];
    if (imageType == NpyDtype.UINT8) {
      System.arraycopy(buf, base, px, 0, pixels);
      return px;
    }
    int j = Float16.toUint8(buf, base, px, 0, pixels);
    if (j >= 0) {
      short bits = (short) LittleEndian.getUnsignedShort(buf, base + 2 * j);
      String at = channels == 1 ? "pixel " + j
          : "pixel " + (j / channels) + " band " + (j % channels);
      throw new BadInputException(images, "sample " + index + ", " + at + " (byte "
          + (imageOffset + index * pixels * 2L + 2L * j) + ")",
          "float16 value " + Float16.toFloat(bits)
              + " is outside [0, 1] (images must be float16 in [0, 1] or uint8)");
    }
    return px;
  }

  /** The class id of sample {@code index}, whose little-endian label starts at raw[off]. */
  private int label(byte[] raw, int off, long index) {
    int size = labelType.itemSize();
    long v = 0;
    for (int b = size - 1; b >= 0; b--) {
      v = (v << 8) | (raw[off + b] & 0xFF);
    }
    // Sign-extend from the dtype's width.
    int shift = 64 - 8 * size;
    v = (v << shift) >> shift;
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new BadInputException(labels, "label " + index + " (byte "
          + (labelOffset + index * size) + ")",
          "label " + v + " is outside [0, 2147483647] (labels are class ids)");
    }
    return (int) v;
  }

  @Override
  public boolean randomAccess() {
    return true;
  }

  /**
   * This source with the direct exchange's local reads from memory mappings ({@code on}, the
   * default) or by positioned reads ({@code input.mmap = off}).
   */
  public NpyDatasetSource withMmap(boolean on) {
    return on == mmap ? this : new NpyDatasetSource(this, fingerprint, on);
  }

  @Override
  public boolean cheapRandomAccess() {
    return localFile(imagesUri) && localFile(labelsUri);
  }

  /**
   * True for a {@code file:} URI. HDFS and object stores answer a positioned read with a
   * network round trip (an HTTP range request on S3A), which costs more per 4 KiB sample
   * than the shuffle saves; their sequential reads are what the shuffle exchange does.
   */
  static boolean localFile(String uri) {
    return "file".equalsIgnoreCase(new Path(uri).toUri().getScheme());
  }

  @Override
  public RandomAccessSamples openRandomAccess(Configuration conf) throws IOException {
    // The driver-qualified paths, as read() uses: a relative path would resolve against the
    // executor's working directory.
    Path ip = new Path(imagesUri);
    Path lp = new Path(labelsUri);
    int sampleBytes = height * width * channels * imageType.itemSize();
    int size = labelType.itemSize();
    if (mmap && cheapRandomAccess()) {
      return mapped(ip, lp, sampleBytes, size);
    }
    FSDataInputStream im = FsUtil.fs(ip, conf).open(ip);
    TaskStreams.Once imCloser = TaskStreams.closeAtTaskEnd(im);
    FSDataInputStream lb;
    try {
      lb = FsUtil.fs(lp, conf).open(lp);
    } catch (IOException | RuntimeException e) {
      imCloser.close();
      throw e;
    }
    TaskStreams.Once lbCloser = TaskStreams.closeAtTaskEnd(lb);
    return samples(im::readFully, lb::readFully, sampleBytes, size, () -> {
      try {
        imCloser.close();
      } finally {
        lbCloser.close();
      }
    });
  }

  /**
   * Local files, read from memory mappings shared by the tasks of this JVM: no system call per
   * sample, and no page faults after the first epoch (see {@link MappedFile}). Closing leaves
   * the mappings for the next task; MappedFile's cache bounds them.
   */
  private RandomAccessSamples mapped(Path ip, Path lp, int sampleBytes, int size) {
    MappedFile im = mapFile(images, ip, sampleBytes);
    MappedFile lb = mapFile(labels, lp, size);
    return samples(im::read, lb::read, sampleBytes, size, () -> { });
  }

  /** A positioned read of exactly {@code len} bytes. */
  private interface PositionedRead {
    void read(long pos, byte[] dst, int off, int len) throws IOException;
  }

  private RandomAccessSamples samples(PositionedRead im, PositionedRead lb, int sampleBytes,
      int size, java.io.Closeable onClose) {
    return new RandomAccessSamples() {
      private final byte[] buf = new byte[sampleBytes];
      private final byte[] raw = new byte[size];

      @Override
      public Sample read(long index) throws IOException {
        try {
          im.read(imageOffset + index * sampleBytes, buf, 0, sampleBytes);
        } catch (IOException e) {
          throw new BadInputException(images, "sample " + index, "read failed: "
              + FsUtil.oneLine(e), e);
        }
        try {
          lb.read(labelOffset + index * size, raw, 0, size);
        } catch (IOException e) {
          throw new BadInputException(labels, "sample " + index, "read failed: "
              + FsUtil.oneLine(e), e);
        }
        return new Sample(index, label(raw, 0, index), pixels(buf, 0, index));
      }

      @Override
      public void close() throws IOException {
        onClose.close();
      }
    };
  }

  private static MappedFile mapFile(String name, Path p, int maxRead) {
    try {
      return MappedFile.open(java.nio.file.Paths.get(p.toUri()), maxRead);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(name, "", "cannot open: " + FsUtil.oneLine(e), e);
    }
  }

  private int[] readLabels(Path lp, InputSplit split, Configuration conf) throws IOException {
    int size = labelType.itemSize();
    int n = (int) split.size();
    byte[] raw = new byte[n * size];
    try (FSDataInputStream in = FsUtil.fs(lp, conf).open(lp)) {
      in.readFully(labelOffset + split.from() * size, raw, 0, raw.length);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = label(raw, i * size, split.from() + i);
    }
    return out;
  }
}
