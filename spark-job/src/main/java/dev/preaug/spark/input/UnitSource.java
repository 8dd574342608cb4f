package dev.preaug.spark.input;

import dev.preaug.core.etl.LabelVocabulary;
import java.io.IOException;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A dataset made of ordered units (ranges of an ETL file's records, chunks of a class folder)
 * whose sample counts and labels are learnt by {@link #scan}: one Spark job returns, per unit,
 * its kept-sample count, label counts and a content digest. Global sample indices follow unit
 * order, so they never depend on how epochs split the work; the driver keeps O(units).
 *
 * @param <U> the serialisable description of one unit
 */
abstract class UnitSource<U extends Serializable> implements DatasetSource {
  private static final long serialVersionUID = 1L;

  /** What scanning one unit found. */
  static final class UnitScan implements Serializable {
    private static final long serialVersionUID = 1L;
    final long samples;
    final Map<String, Long> labels;
    final byte[] digest;

    UnitScan(long samples, Map<String, Long> labels, byte[] digest) {
      this.samples = samples;
      this.labels = labels;
      this.digest = digest;
    }
  }

  protected final List<U> units;
  /** base[u] = global index of unit u's first sample; base[units] = samples. Null until scanned. */
  protected long[] base;
  protected LabelVocabulary vocabulary;
  protected String fingerprint;

  UnitSource(List<U> units) {
    this.units = List.copyOf(units);
  }

  /** Scans one unit on an executor. */
  abstract UnitScan scanUnit(U unit, Configuration conf) throws IOException;

  /** Reads the kept samples of one unit, numbering them from {@code first}. */
  abstract Iterator<Sample> readUnit(U unit, long first, LabelVocabulary vocab, Configuration conf)
      throws IOException;

  /** A copy of this source to hold scan results (sources are immutable once built). */
  abstract UnitSource<U> copy();

  /** Text mixed into the fingerprint besides the units' digests (options, sizes). */
  abstract String fingerprintSalt();

  /**
   * True when {@link #scanUnit} digests every byte of its unit ({@code input.fingerprint =
   * full}); false when only names, lengths and counts ({@code metadata}).
   */
  abstract boolean fullFingerprint();

  boolean scanned() {
    return base != null;
  }

  @Override
  public DatasetSource scan(JavaSparkContext sc) throws IOException {
    if (scanned()) {
      return this;
    }
    org.apache.hadoop.conf.Configuration hc = sc.hadoopConfiguration();
    dev.preaug.spark.HadoopConf conf = new dev.preaug.spark.HadoopConf(hc);
    UnitSource<U> self = this;
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      ids.add(i);
    }
    sc.setJobDescription("preaug: scan input (" + units.size() + " units)");
    List<UnitScan> scans;
    try {
      scans = sc.parallelize(ids, Math.max(1, Math.min(ids.size(), 4 * sc.defaultParallelism())))
          .map(i -> self.scanUnit(self.units.get(i), conf.get())).collect();
    } catch (Throwable e) {
      // collect() can throw Spark's checked SparkException: pass it on, or the task's own
      // bad-input error when that is what failed the scan.
      dev.preaug.core.BadInputException bad = dev.preaug.spark.Failures.badInput(e);
      if (bad != null) {
        throw bad;
      }
      throw e;
    } finally {
      sc.setJobDescription(null);
    }
    UnitSource<U> out = copy();
    out.base = new long[units.size() + 1];
    TreeSet<String> labels = new TreeSet<>(LabelVocabulary.CODE_POINT_ORDER);
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    md.update(fingerprintSalt().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (int i = 0; i < scans.size(); i++) {
      UnitScan s = scans.get(i);
      out.base[i + 1] = out.base[i] + s.samples;
      labels.addAll(s.labels.keySet());
      md.update(s.digest);
    }
    out.vocabulary = LabelVocabulary.fromLabels(labels);
    out.fingerprint = (fullFingerprint() ? "" : ContentDigest.METADATA) + "sha256:"
        + HexFormat.of().formatHex(md.digest());
    return out;
  }

  private void requireScanned() {
    if (!scanned()) {
      throw new IllegalStateException(getClass().getSimpleName() + " must be scanned first");
    }
  }

  @Override
  public long samples() {
    requireScanned();
    return base[units.size()];
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public List<String> classNames() {
    requireScanned();
    return vocabulary.labels();
  }

  /** The scanned vocabulary. */
  LabelVocabulary vocabulary() {
    requireScanned();
    return vocabulary;
  }

  /** Splits on unit boundaries (so no task decodes records it then drops), about n of them. */
  @Override
  public List<InputSplit> splits(int n) {
    requireScanned();
    long total = samples();
    List<InputSplit> out = new ArrayList<>();
    long target = Math.max(1, (total + n - 1) / Math.max(1, n));
    long from = 0;
    for (int u = 1; u <= units.size(); u++) {
      if (base[u] - from >= target || u == units.size()) {
        if (base[u] > from) {
          out.add(new InputSplit(from, base[u]));
        }
        from = base[u];
      }
    }
    return out;
  }

  @Override
  public Iterator<Sample> read(InputSplit split, Configuration conf) throws IOException {
    requireScanned();
    int u = Arrays.binarySearch(base, split.from());
    if (u < 0) {
      throw new IllegalStateException("split " + split + " does not start on a unit boundary");
    }
    // Several units can share a base (empty units): start at the first one.
    while (u > 0 && base[u - 1] == split.from()) {
      u--;
    }
    int first = u;
    return new Iterator<>() {
      private int unit = first;
      private Iterator<Sample> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (unit >= units.size() || base[unit] >= split.to()) {
            return false;
          }
          try {
            current = readUnit(units.get(unit), base[unit], vocabulary, conf);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          unit++;
        }
        return true;
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
