package dev.preaug.spark.input;

import dev.preaug.core.BadInputException;
import dev.preaug.spark.Failures;
import dev.preaug.spark.FsUtil;
import dev.preaug.spark.HadoopConf;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * SHA-256 of input bytes for the input fingerprint ({@code input.fingerprint = full}): fixed-size
 * byte ranges of files, hashed by Spark tasks and combined in order on the driver, so the result
 * depends only on the bytes, never on the cluster or the partitioning.
 */
final class ContentDigest {
  /** Bytes per hashed range (and so per task of the fingerprint job). */
  static final long RANGE = 64L << 20;
  /** Prefix of fingerprints that read only metadata ({@code input.fingerprint = metadata}). */
  static final String METADATA = "metadata-";

  private ContentDigest() {}

  /** Bytes [from, to) of one file (a driver-qualified URI); a class, as Kryo moves no records. */
  static final class Range implements Serializable {
    private static final long serialVersionUID = 1L;
    final String uri;
    final long from;
    final long to;

    Range(String uri, long from, long to) {
      this.uri = uri;
      this.from = from;
      this.to = to;
    }
  }

  /** [0, length) of {@code uri} cut into {@link #RANGE}-byte ranges (one for an empty file). */
  static List<Range> ranges(String uri, long length) {
    List<Range> out = new ArrayList<>();
    long from = 0;
    do {
      long to = Math.min(length, from + RANGE);
      out.add(new Range(uri, from, to));
      from = to;
    } while (from < length);
    return out;
  }

  /** SHA-256 of bytes [from, to) of {@code p}; errors name the file and the byte. */
  static byte[] sha256(FileSystem fs, Path p, long from, long to) {
    MessageDigest md = sha256();
    byte[] buf = new byte[(int) Math.min(1 << 20, Math.max(1, to - from))];
    long at = from;
    try (FSDataInputStream in = fs.open(p)) {
      while (at < to) {
        int n = (int) Math.min(buf.length, to - at);
        in.readFully(at, buf, 0, n);
        md.update(buf, 0, n);
        at += n;
      }
    } catch (IOException e) {
      throw new BadInputException(p.toString(), "byte " + at, "cannot read for the input"
          + " fingerprint: " + FsUtil.oneLine(e), e);
    }
    return md.digest();
  }

  /** Hashes every range in a Spark job; digests come back in the order of {@code ranges}. */
  static List<byte[]> parallel(JavaSparkContext sc, List<Range> ranges, String what) {
    HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
    sc.setJobDescription("preaug: input fingerprint (" + what + ", " + ranges.size()
        + " ranges)");
    try {
      return sc.parallelize(ranges, Math.max(1, Math.min(ranges.size(),
          4 * sc.defaultParallelism()))).map(r -> {
            Configuration c = conf.get();
            Path p = new Path(r.uri);
            return sha256(FsUtil.fs(p, c), p, r.from, r.to);
          }).collect();
    } catch (Throwable e) {
      // collect() can throw Spark's checked SparkException: pass on the task's own bad-input
      // error when that is what failed.
      BadInputException bad = Failures.badInput(e);
      if (bad != null) {
        throw bad;
      }
      throw e;
    } finally {
      sc.setJobDescription(null);
    }
  }

  /** "sha256:" + hex of SHA-256 over {@code salt} and the digests, in order. */
  static String combine(String salt, List<byte[]> digests) {
    MessageDigest md = sha256();
    md.update(salt.getBytes(StandardCharsets.UTF_8));
    for (byte[] d : digests) {
      md.update(d);
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
