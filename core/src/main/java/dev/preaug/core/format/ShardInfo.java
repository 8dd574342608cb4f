package dev.preaug.core.format;

import java.io.Serializable;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one shard task wrote and reports to the driver: the shard's records and position range,
 * its files, a label histogram, and where the attempt left the files before the driver commits
 * them.
 */
public final class ShardInfo implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int shard;
  private final long records;
  private final long firstPosition;
  private final List<FileInfo> files;
  /**
   * The label histogram as ascending labels and their counts. Every task's report crosses Java
   * serialization twice; a TreeMap of boxed keys and values is two objects per label there (a
   * thousand-class dataset: 2,000 per shard and epoch), enough calls that C2 spent over a
   * second compiling the serialization code during a 5-epoch job. Primitive arrays go in one
   * block each.
   */
  private final int[] labels;
  private final long[] counts;
  private final String attemptPrefix;
  private final long augmented;
  private final double seconds;
  /** Wall clock (epoch ms) when the task wrote its first record; 0 when not known. */
  private final long firstRecordMillis;

  public ShardInfo(int shard, long records, long firstPosition, List<FileInfo> files,
      SortedMap<Integer, Long> labelHistogram, long augmented, String attemptPrefix,
      double seconds) {
    this(shard, records, firstPosition, files, labelHistogram, augmented, attemptPrefix, seconds,
        0);
  }

  /**
   * {@code firstRecordMillis}: when the task wrote its first record (epoch ms, the executor's
   * clock), so the driver can report the time to the first record of a run; not in manifests.
   */
  public ShardInfo(int shard, long records, long firstPosition, List<FileInfo> files,
      SortedMap<Integer, Long> labelHistogram, long augmented, String attemptPrefix,
      double seconds, long firstRecordMillis) {
    this.shard = shard;
    this.records = records;
    this.firstPosition = firstPosition;
    this.files = new java.util.ArrayList<>(files);
    this.labels = new int[labelHistogram.size()];
    this.counts = new long[labels.length];
    int i = 0;
    for (java.util.Map.Entry<Integer, Long> e : labelHistogram.entrySet()) {
      labels[i] = e.getKey();
      counts[i] = e.getValue();
      i++;
    }
    this.augmented = augmented;
    this.attemptPrefix = attemptPrefix;
    this.seconds = seconds;
    this.firstRecordMillis = firstRecordMillis;
  }

  public int shard() {
    return shard;
  }

  public long records() {
    return records;
  }

  public long firstPosition() {
    return firstPosition;
  }

  public List<FileInfo> files() {
    return files;
  }

  public SortedMap<Integer, Long> labelHistogram() {
    SortedMap<Integer, Long> histogram = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      histogram.put(labels[i], counts[i]);
    }
    return histogram;
  }

  /** Records of this shard that carry augmentation ops. */
  public long augmented() {
    return augmented;
  }

  /**
   * Where the task attempt wrote: each file is at this prefix followed by its name (e.g.
   * {@code .../_attempts/a17-}); empty once committed.
   */
  public String attemptPrefix() {
    return attemptPrefix;
  }

  /** Seconds the writing task spent. */
  public double seconds() {
    return seconds;
  }

  /** When the task wrote its first record (epoch ms), or 0 when not known. */
  public long firstRecordMillis() {
    return firstRecordMillis;
  }

  public long bytes() {
    long b = 0;
    for (FileInfo f : files) {
      b += f.bytes();
    }
    return b;
  }

  public FileInfo file(String kind) {
    for (FileInfo f : files) {
      if (f.kind().equals(kind)) {
        return f;
      }
    }
    return null;
  }
}
