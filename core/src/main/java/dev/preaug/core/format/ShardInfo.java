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
  private final SortedMap<Integer, Long> labelHistogram;
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
    this.labelHistogram = new TreeMap<>(labelHistogram);
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
    return new TreeMap<>(labelHistogram);
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
