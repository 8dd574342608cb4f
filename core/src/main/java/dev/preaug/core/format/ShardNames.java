package dev.preaug.core.format;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The file and directory names of a published epoch. Readers, docs and tests depend on these:
 * TFDS-style {@code {name}-{split}.{kind}-NNNNN-of-MMMMM} shard names inside
 * {@code epoch-NNNNN} directories.
 */
public final class ShardNames {
  public static final String SPLIT = "train";
  public static final String MANIFEST = "manifest.json";
  public static final String SUCCESS = "_SUCCESS";
  public static final String DATASET_INFO = "dataset_info.json";
  public static final String FEATURES = "features.json";
  public static final String LABELS_TXT = "labels.txt";
  /** Marker inside an in-progress directory; only directories carrying it are preaug's to clean. */
  public static final String IN_PROGRESS_MARKER = "_PREAUG_IN_PROGRESS";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.]*");
  private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d{5,})");

  private ShardNames() {}

  /** Checks a dataset name: letters, digits, '_' and '.', starting with a letter or digit. */
  public static boolean validName(String name) {
    return NAME.matcher(name).matches() && !name.contains("..");
  }

  public static String epochDir(long epoch) {
    return String.format(Locale.ROOT, "epoch-%05d", epoch);
  }

  /**
   * The epoch number of a directory name, or -1 if it is not one. Only the canonical spelling
   * {@link #epochDir} writes counts ({@code epoch-00003}, not {@code epoch-000003}), so one
   * epoch has one name and two directories can never both claim it.
   */
  public static long parseEpochDir(String dirName) {
    java.util.regex.Matcher m = EPOCH_DIR.matcher(dirName);
    if (!m.matches() || m.group(1).length() > 18) {
      return -1;
    }
    long e = Long.parseLong(m.group(1));
    return dirName.equals(epochDir(e)) ? e : -1;
  }

  /** The hidden directory an epoch is built in before it is published by rename. */
  public static String inProgressDir(long epoch) {
    return "." + epochDir(epoch) + ".inprogress";
  }

  public static String tfrecord(String name, int shard, int shards) {
    return name + "-" + SPLIT + ".tfrecord-" + of(shard, shards);
  }

  public static String images(String name, int shard, int shards) {
    return name + "-" + SPLIT + ".images-" + of(shard, shards) + ".npy";
  }

  public static String labels(String name, int shard, int shards) {
    return name + "-" + SPLIT + ".labels-" + of(shard, shards) + ".npy";
  }

  public static String index(String name, int shard, int shards) {
    return name + "-" + SPLIT + ".index-" + of(shard, shards) + ".npy";
  }

  /** The NPY sidecar with one line per record: the ops spec, empty for originals. */
  public static String ops(String name, int shard, int shards) {
    return name + "-" + SPLIT + ".ops-" + of(shard, shards) + ".txt";
  }

  private static String of(int shard, int shards) {
    return String.format(Locale.ROOT, "%05d-of-%05d", shard, shards);
  }
}
