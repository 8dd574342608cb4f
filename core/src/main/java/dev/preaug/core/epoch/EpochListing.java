package dev.preaug.core.epoch;

import dev.preaug.core.BadInputException;
import dev.preaug.core.format.ShardNames;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which epochs a directory holds: the one listing rule of the Java side (the job's retention,
 * {@code next:K} and rolling mode, {@code verify}, {@code preview --epoch}). A published epoch is
 * a directory named exactly {@link ShardNames#epochDir} (canonical zero padding; see
 * {@link ShardNames#parseEpochDir}) that holds {@code _SUCCESS}; hidden in-progress directories
 * and anything else are not epochs. The Python client applies the same rule (epochs.py), and
 * both are checked against {@code epoch_format.json}.
 */
public final class EpochListing {
  private EpochListing() {}

  /** Every {@code epoch-NNNNN} directory under {@code root}, published or not, by number. */
  public static TreeMap<Long, String> directories(EpochStore store, String root)
      throws IOException {
    return scan(store, root, false);
  }

  /** Published epochs ({@code epoch-NNNNN} directories holding _SUCCESS) by number. */
  public static TreeMap<Long, String> published(EpochStore store, String root)
      throws IOException {
    return scan(store, root, true);
  }

  /**
   * Files named like epochs in {@code dir} (a trainer's consumed marks, {@code
   * OUT/_consumed/epoch-NNNNN}); temporary files and directories are not marks. A missing
   * directory holds none.
   */
  public static TreeMap<Long, String> marks(EpochStore store, String dir) throws IOException {
    TreeMap<Long, String> out = new TreeMap<>();
    for (EpochStore.Entry e : children(store, dir)) {
      long n = ShardNames.parseEpochDir(e.name());
      if (n >= 0 && !e.directory()) {
        out.put(n, e.path());
      }
    }
    return out;
  }

  /**
   * The epoch directories a user pointed at: {@code path} itself when its name is an epoch's,
   * else every epoch directory under it (published or not, so a check can report the
   * unpublished ones). Errors name the path when it is missing or holds no epoch.
   */
  public static List<String> at(EpochStore store, String path) throws IOException {
    if (!store.exists(path)) {
      throw new BadInputException(path, "", "no such directory");
    }
    if (ShardNames.parseEpochDir(store.name(path)) >= 0) {
      return List.of(path);
    }
    TreeMap<Long, String> found = directories(store, path);
    if (found.isEmpty()) {
      throw new BadInputException(path, "", "holds no " + ShardNames.epochDir(0).replaceAll(
          "\\d", "N") + " directories");
    }
    return new ArrayList<>(found.values());
  }

  private static TreeMap<Long, String> scan(EpochStore store, String root, boolean published)
      throws IOException {
    TreeMap<Long, String> out = new TreeMap<>();
    for (EpochStore.Entry e : children(store, root)) {
      long n = ShardNames.parseEpochDir(e.name());
      if (n >= 0 && e.directory()
          && (!published || store.exists(store.resolve(e.path(), ShardNames.SUCCESS)))) {
        out.put(n, e.path());
      }
    }
    return out;
  }

  private static List<EpochStore.Entry> children(EpochStore store, String dir)
      throws IOException {
    try {
      return store.list(dir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
  }
}
