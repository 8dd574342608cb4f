package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.epoch.EpochListing;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.ShardNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output directory: published {@code epoch-NNNNN} directories and hidden in-progress ones.
 *
 * <p>Two ways to publish an epoch, chosen by the filesystem. Where a directory rename is atomic
 * (local, HDFS) an epoch is built in a hidden {@code .epoch-NNNNN.inprogress} directory and
 * renamed into place with {@code manifest.json} and {@code _SUCCESS} inside. On an object store
 * ({@link FsUtil#isObjectStore}: a rename there copies every object, not atomically) it is
 * built in place: {@code epoch-NNNNN/} gets the in-progress marker first, then the shards under
 * their final names, the metadata and the manifest, and {@code _SUCCESS} last, the one object
 * whose appearance publishes it. Readers list only directories holding {@code _SUCCESS} and read
 * only the files the manifest lists, so they never take an unfinished one for an epoch. Removing
 * one there deletes {@code _SUCCESS} first.
 *
 * <p>Data safety rule: preaug deletes or replaces only directories it can prove are its own:
 * an in-progress directory carrying {@link ShardNames#IN_PROGRESS_MARKER}, or an epoch directory
 * whose {@code manifest.json} parses as a preaug manifest. Anything else is left alone and, if it
 * is in the way, reported as an error.
 */
public final class OutputLayout {
  private final Path root;
  private final FileSystem fs;

  private final HadoopEpochStore store;
  private final boolean objectStore;

  public OutputLayout(String dir, Configuration conf) {
    this.root = new Path(dir);
    this.fs = FsUtil.fs(root, conf);
    this.store = new HadoopEpochStore(conf);
    this.objectStore = FsUtil.isObjectStore(fs);
  }

  /** True when epochs are built in place and published by {@code _SUCCESS} alone. */
  public boolean objectStore() {
    return objectStore;
  }

  /** Where epoch {@code epoch} is built: its hidden in-progress directory, or itself in place. */
  public Path workDir(long epoch) {
    return objectStore ? epochDir(epoch) : inProgressDir(epoch);
  }

  public Path root() {
    return root;
  }

  public FileSystem fs() {
    return fs;
  }

  public Path epochDir(long epoch) {
    return new Path(root, ShardNames.epochDir(epoch));
  }

  public Path inProgressDir(long epoch) {
    return new Path(root, ShardNames.inProgressDir(epoch));
  }

  /** Creates the output directory if needed; errors say why it cannot be used. */
  public void ensureRoot() {
    try {
      if (fs.exists(root)) {
        if (!fs.getFileStatus(root).isDirectory()) {
          throw new BadInputException(BadInputException.Kind.OUTPUT, root.toString(), "",
              "output path exists and is not a"
              + " directory");
        }
      } else if (!fs.mkdirs(root)) {
        throw new BadInputException(BadInputException.Kind.OUTPUT, root.toString(), "",
            "cannot create the output directory");
      }
    } catch (org.apache.hadoop.security.AccessControlException e) {
      throw new BadInputException(BadInputException.Kind.OUTPUT, root.toString(), "",
          "permission denied");
    } catch (IOException e) {
      throw new BadInputException(BadInputException.Kind.OUTPUT, root.toString(), "",
          "cannot use the output directory: "
          + FsUtil.oneLine(e), e);
    }
  }

  /** Published epochs (directories with _SUCCESS), by number. */
  public TreeMap<Long, Path> publishedEpochs() throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    EpochListing.published(store, root.toString()).forEach((e, p) -> out.put(e, new Path(p)));
    return out;
  }

  /**
   * The manifest of a directory when it is preaug's; null when it has none or another tool's.
   * A manifest that cannot be read or parsed is an error naming it, never taken for "not ours".
   */
  public EpochManifest manifest(Path dir) throws IOException {
    return EpochReader.manifest(store, dir.toString(), BadInputException.Kind.OUTPUT);
  }

  /**
   * Makes a fresh in-progress directory for {@code epoch}: a leftover of an earlier preaug run
   * (marker or manifest present) is removed, anything else at that name is refused.
   */
  public Path prepareInProgress(long epoch, String runId) throws IOException {
    Path dir = workDir(epoch);
    if (fs.exists(dir)) {
      if (!removable(dir)) {
        throw new BadInputException(BadInputException.Kind.OUTPUT, dir.toString(), "",
            "exists but carries no preaug marker or"
            + " manifest; preaug will not delete it (move it away and rerun)");
      }
      if (objectStore) {
        // In place, this is the epoch --overwrite replaces: readers stop seeing it first.
        unpublish(dir);
      }
      removeOwned(dir);
    }
    // An object store has no directories to make: the marker's key makes the prefix exist.
    if (!objectStore && !fs.mkdirs(dir)) {
      throw new IOException("cannot create " + dir);
    }
    writeString(new Path(dir, ShardNames.IN_PROGRESS_MARKER), "run_id=" + runId + "\n");
    return dir;
  }

  /** True when preaug wrote {@code dir}: it carries the in-progress marker or a manifest. */
  public boolean isOurs(Path dir) throws IOException {
    return fs.exists(new Path(dir, ShardNames.IN_PROGRESS_MARKER)) || manifest(dir) != null;
  }

  /**
   * True when preaug may remove the hidden directory {@code dir}: it is preaug's ({@link
   * #isOurs}), or it is empty. A run killed between creating an in-progress directory and
   * writing its marker leaves it empty; removing an empty directory loses nothing, and keeping
   * it would stop every later run at that epoch.
   */
  public boolean removable(Path dir) throws IOException {
    return isOurs(dir) || fs.listStatus(dir).length == 0;
  }

  /**
   * Deletes a directory preaug owns with its proof of ownership (the marker, the manifest) last,
   * so a delete cut short by a kill leaves a directory the next run still recognises as its own
   * instead of an unmarked one it must refuse to touch.
   */
  public void removeOwned(Path dir) throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (!n.equals(ShardNames.IN_PROGRESS_MARKER) && !n.equals(ShardNames.MANIFEST)) {
        fs.delete(st.getPath(), true);
      }
    }
    fs.delete(dir, true);
  }

  /**
   * Leftovers of earlier runs that preaug may remove: hidden in-progress directories and, on
   * an object store, unpublished {@code epoch-NNNNN} directories (no {@code _SUCCESS}) that
   * carry the marker or a manifest: epochs a killed run was building, or removing, in place.
   */
  public List<Path> leftovers() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.exists(root)) {
      return out;
    }
    for (FileStatus st : fs.listStatus(root)) {
      String n = st.getPath().getName();
      if (!st.isDirectory()) {
        continue;
      }
      if (n.startsWith(".epoch-") && removable(st.getPath())) {
        out.add(st.getPath());
      } else if (objectStore && ShardNames.parseEpochDir(n) >= 0
          && !fs.exists(new Path(st.getPath(), ShardNames.SUCCESS)) && isOurs(st.getPath())) {
        out.add(st.getPath());
      }
    }
    return out;
  }

  /**
   * Takes {@code _SUCCESS} away first, so readers stop taking the directory for an epoch
   * before any of its files go (on an object store nothing else hides it).
   */
  private void unpublish(Path dir) throws IOException {
    fs.delete(new Path(dir, ShardNames.SUCCESS), false);
  }

  /** Directory where trainers mark consumed epochs: one empty file per epoch, named like it. */
  public static final String CONSUMED_DIR = "_consumed";

  /** Epochs a trainer has marked consumed ({@code OUT/_consumed/epoch-NNNNN}). */
  public java.util.TreeSet<Long> consumedEpochs() throws IOException {
    return new java.util.TreeSet<>(EpochListing.marks(store,
        new Path(root, CONSUMED_DIR).toString()).keySet());
  }

  /**
   * Deletes a published epoch, only if its manifest proves preaug wrote it. Renames it to a
   * hidden name first (on an object store: deletes its {@code _SUCCESS} first), so readers stop
   * seeing it at once even if the delete is slow or cut short (the next run removes such
   * leftovers: they still carry the manifest).
   */
  public boolean deleteEpoch(long epoch, String runId) throws IOException {
    Path dir = epochDir(epoch);
    if (manifest(dir) == null) {
      return false;
    }
    if (objectStore) {
      unpublish(dir);
      removeOwned(dir);
    } else {
      Path hidden = new Path(root, "." + ShardNames.epochDir(epoch) + ".deleted-" + runId);
      rename(dir, hidden);
      removeOwned(hidden);
    }
    Path mark = new Path(new Path(root, CONSUMED_DIR), ShardNames.epochDir(epoch));
    fs.delete(mark, false);
    return true;
  }

  public void writeString(Path p, String text) throws IOException {
    try (OutputStream out = FsUtil.create(fs, p, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Renames or fails with the paths in the message (Hadoop's rename returns false silently). */
  public void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename " + from + " -> " + to + " failed"
          + (fs.exists(to) ? " (target exists)" : ""));
    }
  }
}
