package dev.preaug.core.epoch;

import dev.preaug.core.BadInputException;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a published epoch the way a careful reader would: {@code _SUCCESS}, the manifest,
 * every file's size and SHA-256, TFRecord framing CRCs and example fields, NPY headers and
 * shapes, record counts, TFRecord/NPY agreement record by record, and that every (sample, copy)
 * occurs exactly as often as the manifest's copy counts say.
 *
 * <p>Shards are streamed one record at a time (both formats in lockstep), so memory does not
 * depend on shard size; the exactly-once check keeps two int counters per source sample.
 */
public final class EpochVerifier {
  private final EpochStore store;

  public EpochVerifier(EpochStore store) {
    this.store = store;
  }

  /** Outcome for one epoch directory. */
  public static final class Verdict {
    public final String dir;
    public final boolean ok;
    public final String message;

    Verdict(String dir, boolean ok, String message) {
      this.dir = dir;
      this.ok = ok;
      this.message = message;
    }

    @Override
    public String toString() {
      return (ok ? "OK     " : "FAILED ") + dir + ": " + message;
    }
  }

  /** The epoch directories under {@code path}: itself if it is one, else its children. */
  public List<String> epochs(String path) throws IOException {
    return EpochListing.at(store, path);
  }

  public Verdict verify(String dir) {
    try {
      return new Verdict(dir, true, check(dir));
    } catch (BadInputException e) {
      return new Verdict(dir, false, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Verdict(dir, false, e.getClass().getSimpleName() + ": "
          + BadInputException.oneLine(e));
    }
  }

  private String check(String dir) throws IOException {
    EpochReader reader = EpochReader.open(store, dir);
    EpochManifest m = reader.manifest();
    String mp = store.resolve(dir, ShardNames.MANIFEST);
    boolean tf = m.formats.contains("tfrecord");
    boolean npy = m.formats.contains("npy");
    if (!tf && !npy) {
      throw new BadInputException(mp, "", "formats " + m.formats + " name neither tfrecord nor"
          + " npy");
    }
    if (m.samples < 0 || m.samples > Integer.MAX_VALUE - 8) {
      throw new BadInputException(mp, "", "samples " + m.samples + " outside [0, "
          + (Integer.MAX_VALUE - 8) + "]");
    }
    Copies copies = new Copies(dir, (int) m.samples, m.copiesOriginal, m.copiesAugmented);
    long total = 0;
    long expectFirst = 0;
    for (ShardInfo s : m.shardList) {
      String where = "shard " + s.shard();
      if (s.firstPosition() != expectFirst) {
        throw new BadInputException(mp, where, "first_position " + s.firstPosition()
            + " leaves a gap or overlap (expected " + expectFirst + ")");
      }
      expectFirst += s.records();
      Map<Integer, Long> hist = new TreeMap<>();
      try (EpochReader.Records a = tf ? reader.tfrecord(s, true) : null;
          EpochReader.Records b = npy ? reader.npy(s, true) : null) {
        EpochReader.Records first = a != null ? a : b;
        long i = 0;
        for (OutputRecord r = first.next(); r != null; r = first.next(), i++) {
          if (a != null && b != null) {
            OutputRecord other = b.next();
            if (!r.equals(other)) {
              throw new BadInputException(a.file(), "record " + i, "differs from row " + i
                  + " of " + b.file());
            }
          }
          copies.count(r, where + ", record " + i);
          hist.merge(r.label(), 1L, Long::sum);
        }
        if (a != null) {
          a.finish();
        }
        if (b != null) {
          b.finish();
        }
        total += i;
      }
      if (!hist.equals(s.labelHistogram())) {
        throw new BadInputException(mp, where, "label histogram does not match the"
            + " shard's records");
      }
    }
    if (total != m.records) {
      throw new BadInputException(mp, "", "shards hold " + total
          + " records, the manifest declares " + m.records);
    }
    copies.requireExact();
    return String.format(Locale.ROOT, "%,d records (%,d samples x %d copies) in %d shards, %s%s",
        total, m.samples, m.copiesOriginal + m.copiesAugmented, m.shards,
        String.join("+", m.formats), tf && npy ? ", TFRecord and NPY agree" : "");
  }

  /**
   * How often each source sample occurs as an original and as an augmented copy. Exact for any
   * copy count (ints, and a count past the expected one fails at that record).
   */
  static final class Copies {
    private final String dir;
    private final int[] original;
    private final int[] augmented;
    private final int expectOriginal;
    private final int expectAugmented;

    Copies(String dir, int samples, int expectOriginal, int expectAugmented) {
      this.dir = dir;
      this.original = new int[samples];
      this.augmented = new int[samples];
      this.expectOriginal = expectOriginal;
      this.expectAugmented = expectAugmented;
    }

    void count(OutputRecord r, String where) {
      if (r.index() < 0 || r.index() >= original.length) {
        throw new BadInputException(dir, where, "source index " + r.index() + " outside [0, "
            + original.length + ")");
      }
      int i = (int) r.index();
      int[] seen = r.augmented() ? augmented : original;
      int limit = r.augmented() ? expectAugmented : expectOriginal;
      if (++seen[i] > limit) {
        throw new BadInputException(dir, where, "sample " + i + " appears more than " + limit
            + " times " + (r.augmented() ? "augmented" : "as original")
            + " (the manifest's copies_" + (r.augmented() ? "augmented" : "original") + ")");
      }
    }

    void requireExact() {
      for (int i = 0; i < original.length; i++) {
        if (original[i] != expectOriginal || augmented[i] != expectAugmented) {
          throw new BadInputException(dir, "sample " + i, "appears " + original[i]
              + " times as original and " + augmented[i] + " times augmented, expected "
              + expectOriginal + " and " + expectAugmented);
        }
      }
    }
  }
}
