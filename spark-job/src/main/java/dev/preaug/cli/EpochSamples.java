package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.core.epoch.EpochListing;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.EpochStore;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.spark.HadoopEpochStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The records of chosen source samples in a published epoch, for {@code preview --epoch}, read
 * with core's {@link EpochReader} (NPY: only the chosen rows; TFRecord-only: scanned until every
 * copy was found). Records keep epoch order (shard, then position in the shard).
 */
final class EpochSamples {
  private final EpochReader reader;

  private EpochSamples(EpochReader reader) {
    this.reader = reader;
  }

  /**
   * Opens a published epoch: {@code path} itself when it holds a manifest, else the epoch
   * {@code number} under it (an output directory), or its newest published epoch.
   */
  static EpochSamples open(String path, Long number, Configuration conf) throws IOException {
    EpochStore store = new HadoopEpochStore(conf);
    if (!store.exists(path)) {
      throw new BadInputException(path, "", "no such directory");
    }
    String dir = path;
    if (!store.exists(store.resolve(path, ShardNames.MANIFEST))) {
      dir = pickEpoch(store, path, number);
    }
    EpochReader r = EpochReader.open(store, dir);
    EpochManifest m = r.manifest();
    if (number != null && m.epoch != number) {
      throw new BadInputException(store.resolve(dir, ShardNames.MANIFEST), "", "is epoch "
          + m.epoch + ", not the epoch " + number + " asked for with --epoch-number");
    }
    return new EpochSamples(r);
  }

  private static String pickEpoch(EpochStore store, String out, Long number) throws IOException {
    TreeMap<Long, String> published = EpochListing.published(store, out);
    if (number != null) {
      String p = published.get(number);
      if (p == null) {
        throw new BadInputException(out, "", "holds no published "
            + ShardNames.epochDir(number) + " (published: " + published.keySet() + ")");
      }
      return p;
    }
    if (published.isEmpty()) {
      throw new BadInputException(out, "", "is neither a published epoch (no "
          + ShardNames.MANIFEST + ") nor an output directory with published epoch-NNNNN"
          + " directories");
    }
    return published.lastEntry().getValue();
  }

  /** The epoch directory's name, e.g. {@code epoch-00003}. */
  String name() {
    return new org.apache.hadoop.fs.Path(reader.dir()).getName();
  }

  String dir() {
    return reader.dir();
  }

  EpochManifest manifest() {
    return reader.manifest();
  }

  /** Class names by id (labels.txt), or empty for integer-labelled inputs. */
  List<String> classNames() {
    return reader.classNames();
  }

  /** Which format {@link #records} reads: "npy" when the epoch has it, else "tfrecord". */
  String source() {
    return reader.preferredFormat();
  }

  /** Every record of the given samples, grouped by sample (in {@code picks} order). */
  Map<Long, List<OutputRecord>> records(long[] picks) throws IOException {
    Map<Long, List<OutputRecord>> out = new LinkedHashMap<>();
    for (long p : picks) {
      out.put(p, new ArrayList<>());
    }
    EpochManifest m = reader.manifest();
    long wanted = (long) out.size() * (m.copiesOriginal + m.copiesAugmented);
    long found = 0;
    for (ShardInfo s : m.shardList) {
      for (OutputRecord r : reader.samples(s, out.keySet(), wanted - found)) {
        out.get(r.index()).add(r);
        found++;
      }
      if (found >= wanted) {
        break;
      }
    }
    return out;
  }
}
