package dev.preaug.spark;

import dev.preaug.core.format.EpochManifest;

/** What one epoch run produced, for the summary line. */
public final class EpochResult {
  public final long epoch;
  public final EpochManifest manifest;
  public final String dir;
  public final double seconds;
  public final boolean skipped;
  /** When this run wrote the epoch's first record (epoch ms); 0 for a skipped epoch. */
  public final long firstRecordMillis;

  EpochResult(long epoch, EpochManifest manifest, String dir, double seconds, boolean skipped) {
    this(epoch, manifest, dir, seconds, skipped, 0);
  }

  EpochResult(long epoch, EpochManifest manifest, String dir, double seconds, boolean skipped,
      long firstRecordMillis) {
    this.firstRecordMillis = firstRecordMillis;
    this.epoch = epoch;
    this.manifest = manifest;
    this.dir = dir;
    this.seconds = seconds;
    this.skipped = skipped;
  }

  public long records() {
    return manifest.records;
  }

  public long bytes() {
    return manifest.bytes();
  }

  public double imagesPerSecond() {
    return seconds > 0 ? manifest.records / seconds : 0;
  }
}
