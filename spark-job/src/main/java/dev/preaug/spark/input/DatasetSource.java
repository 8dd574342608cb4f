package dev.preaug.spark.input;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * An input dataset, opened on the driver from metadata only (headers, file lengths, directory
 * listings) and read by tasks range by range. Implementations are small serialisable
 * descriptions; they never hold sample data.
 */
public interface DatasetSource extends Serializable {

  /** Number of samples. */
  long samples();

  int height();

  int width();

  /** Channels per pixel: 1 (mode L) or 3 (mode RGB, bands interleaved). */
  default int channels() {
    return 1;
  }

  /** A short description for logs ("npy images.npy (3000 x 64 x 64 float16)"). */
  String describe();

  /**
   * A content fingerprint, stable across copies of the same data to other paths or
   * filesystems, recorded in each manifest so a rerun can tell whether its input changed; null
   * until {@link #scan} for sources that can only compute it there.
   */
  String fingerprint();

  /** Class names by id when the source has string labels (ETL, folders); empty for NPY. */
  List<String> classNames();

  /** Reads the samples of one split, in index order. Errors name the file and record. */
  Iterator<Sample> read(InputSplit split, Configuration conf) throws IOException;

  /**
   * Sources whose sample count, class list or fingerprint are only known after reading them
   * (ETL: filters and label decoding; folders: file counts) count them here, in one Spark job
   * whose result is O(files), and return the counted source. Others return themselves.
   */
  default DatasetSource scan(org.apache.spark.api.java.JavaSparkContext sc) throws IOException {
    return this;
  }

  /** True when {@link #openRandomAccess} works, which {@code job.exchange = direct} needs. */
  default boolean randomAccess() {
    return false;
  }

  /**
   * True when {@link #openRandomAccess} is also cheap: each sample a positioned read from the
   * local filesystem (page cache), not a network round trip to HDFS or an object store, so
   * {@code job.exchange = auto} picks the direct exchange.
   */
  default boolean cheapRandomAccess() {
    return false;
  }

  /** Random access to single samples, for {@code job.exchange = direct}. */
  default RandomAccessSamples openRandomAccess(Configuration conf) throws IOException {
    throw new UnsupportedOperationException(describe() + " has no random access");
  }

  /** Cuts [0, samples) into about {@code n} balanced contiguous splits. */
  default List<InputSplit> splits(int n) {
    long total = samples();
    int parts = (int) Math.max(1, Math.min(n, total));
    List<InputSplit> out = new ArrayList<>(parts);
    for (int k = 0; k < parts; k++) {
      out.add(new InputSplit(total * k / parts, total * (k + 1) / parts));
    }
    return out;
  }
}
