package dev.preaug.dl4j;

import dev.preaug.core.BadInputException;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.format.EpochManifest;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over the published epochs of a preaug output directory.
 *
 * <p>Features are {@code [B, C, H, W]}: float in [0, 1] by default (uint8 pixels divided by 255,
 * float16 epochs' values widened), or with {@code scale(false)} the stored values in the stored
 * dtype (uint8, or float16 for float16 epochs), for trainers that cast on the device. Labels are one-hot float
 * {@code [B, classes]} (classes from the epoch's manifest) or int32 class ids {@code [B]}.
 * Each epoch is read from its own directory once it holds {@code _SUCCESS}; {@link #reset()}
 * moves to the next epoch (or re-reads the same one), and with several ranks each reads its
 * part of the epoch as the Python client's {@code sharding.plan} splits it. Rows come from the
 * NPY shards through core's {@link EpochReader}, whole batch runs at a time.
 *
 * <p>{@link #asyncSupported()} is true: DL4J's {@code fit} prefetches batches on its own
 * thread ({@code AsyncDataSetIterator}); wrap it yourself in other loops.
 */
public final class PreaugDataSetIterator implements DataSetIterator, Closeable {
  private static final long serialVersionUID = 1L;

  static {
    // Stored float16 rows are copied byte for byte into ND4J's native memory.
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("preaug-dl4j needs a little-endian platform");
    }
  }

  /** What labels look like. */
  public enum Labels {
    /** float {@code [B, classes]}, one 1 per row. */
    ONE_HOT,
    /** int32 {@code [B]} class ids, for sparse losses. */
    INDEX
  }

  /** What {@link #reset()} does. */
  public enum OnReset {
    /** Read the next epoch (waiting for it); the finished one may be marked consumed. */
    NEXT_EPOCH,
    /** Read the same epoch again. */
    SAME_EPOCH
  }

  /** Where a delivered example came from: its shard, row and source sample index. */
  public record Origin(long epoch, int shard, long row, long index) implements Serializable {}

  private final EpochRoot root;
  private final int batchSize;
  private final boolean scale;
  private final Labels labelMode;
  private final int rank;
  private final int worldSize;
  private final Sharding.Split split;
  private final boolean even;
  private final boolean shuffleShards;
  private final long shuffleSeed;
  private final boolean dropLast;
  private final OnReset onReset;
  private final boolean wait;
  private final Duration timeout;
  private final Duration poll;
  private final boolean mark;
  private final String consumer;
  private final boolean origins;

  private long epoch;
  private DataSetPreProcessor preProcessor;
  private EpochReader reader;
  private int[] shape;
  private List<Sharding.Segment> plan;
  private int segment;
  private long rowInSegment;
  private long remaining;
  private boolean started;
  private EpochReader.NpyRows shardRows;
  private int shardOpen = -1;

  private PreaugDataSetIterator(Builder b) throws IOException {
    this.root = b.root;
    this.batchSize = b.batchSize;
    this.scale = b.scale;
    this.labelMode = b.labels;
    this.rank = b.rank;
    this.worldSize = b.worldSize;
    this.split = b.split;
    this.even = b.even;
    this.shuffleShards = b.shuffleShards;
    this.shuffleSeed = b.shuffleSeed;
    this.dropLast = b.dropLast;
    this.onReset = b.onReset;
    this.wait = b.wait;
    this.timeout = b.timeout;
    this.poll = b.poll;
    this.mark = b.mark == null ? rank == 0 : b.mark;
    this.consumer = b.consumer;
    this.origins = b.origins;
    this.epoch = b.startEpoch == null ? root.firstUnconsumed() : b.startEpoch;
  }

  /** Starts a builder over an output directory: a local path or a Hadoop FileSystem URI. */
  public static Builder builder(String root) {
    return new Builder(EpochRoot.of(root));
  }

  /** Starts a builder over an output directory already resolved (own Hadoop configuration). */
  public static Builder builder(EpochRoot root) {
    return new Builder(root);
  }

  /** The epoch being read (or to be read next, before the first batch). */
  public long epoch() {
    return epoch;
  }

  /** The current epoch's manifest, waiting for the epoch when it is not published yet. */
  public EpochManifest manifest() {
    return current().manifest();
  }

  /** Records this reader delivers from the current epoch in all (before dropping a last batch). */
  public long plannedRecords() {
    current();
    long n = 0;
    for (Sharding.Segment s : plan) {
      n += s.records();
    }
    return n;
  }

  private EpochReader current() {
    if (reader == null) {
      try {
        open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new InterruptedIOException("interrupted waiting for epoch "
            + epoch + " under " + root.path()));
      }
    }
    return reader;
  }

  private void open() throws IOException, InterruptedException {
    EpochReader r = wait ? root.await(epoch, timeout, poll) : root.open(epoch);
    EpochManifest m = r.manifest();
    String mp = root.store().resolve(r.dir(), ShardNames.MANIFEST);
    if (m.epoch != epoch) {
      throw new BadInputException(mp, "epoch", "is " + m.epoch + ", the directory is epoch "
          + epoch);
    }
    if (!m.formats.contains("npy")) {
      throw new BadInputException(mp, "formats", "are " + m.formats
          + ": this reader needs the NPY shards (write them with --format npy or both)");
    }
    int[] s = {m.channels, m.height, m.width};
    if (shape != null && !java.util.Arrays.equals(shape, s)) {
      throw new BadInputException(mp, "image", "is " + m.height + "x" + m.width + "x"
          + m.channels + " (HxWxC), earlier epochs of this iterator were " + shape[1] + "x"
          + shape[2] + "x" + shape[0] + ": one iterator needs one image shape");
    }
    if (labelMode == Labels.ONE_HOT && m.numClasses < 1) {
      throw new BadInputException(mp, "num_classes", "is " + m.numClasses
          + ": one-hot labels need the class count");
    }
    long[] counts = new long[m.shardList.size()];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = m.shardList.get(k).records();
    }
    plan = Sharding.plan(counts, rank, worldSize, split, shuffleShards, shuffleSeed, epoch, even);
    shape = s;
    reader = r;
    rewind();
  }

  private void rewind() {
    segment = 0;
    rowInSegment = 0;
    remaining = 0;
    for (Sharding.Segment s : plan) {
      remaining += s.records();
    }
    started = false;
  }

  @Override
  public boolean hasNext() {
    current();
    return remaining >= (dropLast ? batchSize : 1);
  }

  @Override
  public DataSet next() {
    return next(batchSize);
  }

  @Override
  public DataSet next(int num) {
    if (num < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + num);
    }
    if (!hasNext()) {
      throw new NoSuchElementException("epoch " + epoch + " of " + root.path()
          + " has no more batches for rank " + rank + "; call reset()");
    }
    started = true;
    int b = (int) Math.min(num, remaining);
    try {
      return batch(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DataSet batch(int b) throws IOException {
    EpochManifest m = reader.manifest();
    int c = m.channels;
    int h = m.height;
    int w = m.width;
    boolean f16 = "float16".equals(m.npyDtype);
    int rowBytes = c * h * w * (f16 ? 2 : 1);
    // The rows go straight from the files into ND4J's memory, in the stored dtype.
    INDArray stored = Nd4j.createUninitialized(f16 ? DataType.HALF : DataType.UINT8, b, h, w, c);
    ByteBuffer dst = stored.data().asNio();
    int[] labels = new int[b];
    long[] index = origins ? new long[b] : null;
    List<Origin> from = origins ? new ArrayList<>(b) : null;
    int done = 0;
    while (done < b) {
      Sharding.Segment s = plan.get(segment);
      EpochReader.NpyRows rows = rows(s.shard());
      long row = s.start() + rowInSegment;
      int take = (int) Math.min(b - done, s.records() - rowInSegment);
      dst.position(done * rowBytes);
      rows.read((int) row, take, dst, labels, index, done);
      for (int i = 0; i < take; i++) {
        int l = labels[done + i];
        if (l < 0 || labelMode == Labels.ONE_HOT && l >= m.numClasses) {
          throw new BadInputException(root.store().resolve(reader.dir(), m.shardList
              .get(s.shard()).file(FileInfo.LABELS).file()), "row " + (row + i), "label " + l
              + " is outside [0, " + m.numClasses + "), the manifest's num_classes");
        }
        if (from != null) {
          from.add(new Origin(epoch, s.shard(), row + i, index[done + i]));
        }
      }
      done += take;
      rowInSegment += take;
      remaining -= take;
      if (rowInSegment == s.records()) {
        segment++;
        rowInSegment = 0;
      }
    }
    INDArray features = features(stored, scale);
    // Filled through ND4J's own buffer: Nd4j.create(float[]) copies element by element.
    INDArray y;
    if (labelMode == Labels.ONE_HOT) {
      y = Nd4j.create(DataType.FLOAT, b, m.numClasses);
      FloatBuffer hot = y.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
      for (int i = 0; i < b; i++) {
        hot.put(i * m.numClasses + labels[i], 1f);
      }
    } else {
      y = Nd4j.createUninitialized(DataType.INT32, b);
      y.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer().put(labels);
    }
    DataSet ds = new DataSet(features, y);
    if (from != null) {
      ds.setExampleMetaData(from);
    }
    if (preProcessor != null) {
      preProcessor.preProcess(ds);
    }
    return ds;
  }

  private EpochReader.NpyRows rows(int shard) throws IOException {
    if (shardOpen != shard) {
      closeShard();
      ShardInfo s = reader.manifest().shardList.get(shard);
      shardRows = reader.npyRows(s);
      shardOpen = shard;
    }
    return shardRows;
  }

  /** {@link #features(INDArray, boolean)} of image rows given as bytes (tests). */
  static INDArray features(byte[] raw, int b, int h, int w, int c, boolean f16, boolean scale) {
    INDArray stored = Nd4j.createUninitialized(f16 ? DataType.HALF : DataType.UINT8, b, h, w, c);
    stored.data().asNio().put(raw, 0, raw.length);
    return features(stored, scale);
  }

  /**
   * Image rows as stored ({@code [b, h, w, c]}, uint8 or little-endian float16) to features
   * {@code [b, c, h, w]}: the stored dtype when raw, else float (uint8 divided by 255). Casting,
   * scaling and the channel transpose are ND4J's own ops.
   */
  private static INDArray features(INDArray stored, boolean scale) {
    long b = stored.size(0);
    long h = stored.size(1);
    long w = stored.size(2);
    long c = stored.size(3);
    boolean f16 = stored.dataType() == DataType.HALF;
    INDArray x = stored;
    if (scale) {
      x = stored.castTo(DataType.FLOAT);
      if (!f16) {
        x.divi(255f);
      }
    }
    return c == 1 ? x.reshape('c', b, 1, h, w) : x.permute(0, 3, 1, 2).dup('c');
  }

  /**
   * With {@link OnReset#NEXT_EPOCH}: moves to the next epoch once the current one has delivered
   * a batch (marking it consumed when marking is on), so a reset before the first batch does not
   * skip an epoch; the next epoch is opened (and waited for) on the next {@code hasNext}. With
   * {@link OnReset#SAME_EPOCH}: starts the current epoch over.
   */
  @Override
  public void reset() {
    if (reader == null) {
      return;
    }
    if (onReset == OnReset.SAME_EPOCH || !started) {
      rewind();
      return;
    }
    if (mark) {
      markConsumed();
    }
    closeReader();
    epoch++;
  }

  /** Marks the current epoch consumed now (e.g. after the last epoch of training). */
  public void markConsumed() {
    try {
      root.markConsumed(epoch, consumer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeShard() throws IOException {
    if (shardRows != null) {
      EpochReader.NpyRows r = shardRows;
      shardRows = null;
      shardOpen = -1;
      r.close();
    }
  }

  private void closeReader() {
    try {
      closeShard();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader = null;
  }

  @Override
  public void close() {
    closeReader();
  }

  @Override
  public int inputColumns() {
    current();
    return shape[0] * shape[1] * shape[2];
  }

  @Override
  public int totalOutcomes() {
    return current().manifest().numClasses;
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return true;
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  /** Class names ({@code labels.txt}) when the input had them, else null. */
  @Override
  public List<String> getLabels() {
    List<String> names = current().classNames();
    return names.isEmpty() ? null : names;
  }

  /** Settings of a {@link PreaugDataSetIterator}. */
  public static final class Builder {
    private final EpochRoot root;
    private int batchSize = 32;
    private boolean scale = true;
    private Labels labels = Labels.ONE_HOT;
    private int rank;
    private int worldSize = 1;
    private Sharding.Split split = Sharding.Split.RECORDS;
    private boolean even;
    private boolean shuffleShards;
    private long shuffleSeed;
    private boolean dropLast;
    private OnReset onReset = OnReset.NEXT_EPOCH;
    private boolean wait = true;
    private Duration timeout;
    private Duration poll = Duration.ofSeconds(5);
    private Boolean mark;
    private String consumer;
    private Long startEpoch;
    private boolean origins;

    private Builder(EpochRoot root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /** Records per batch (default 32). */
    public Builder batchSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, got " + n);
      }
      this.batchSize = n;
      return this;
    }

    /**
     * Features as float in [0, 1] (true, the default), or as stored (false): uint8 0..255, or
     * float16 for float16 epochs.
     */
    public Builder scale(boolean scale) {
      this.scale = scale;
      return this;
    }

    /** One-hot (default) or index labels. */
    public Builder labels(Labels labels) {
      this.labels = Objects.requireNonNull(labels, "labels");
      return this;
    }

    /** This reader's rank among {@code worldSize} readers of each epoch (default 0 of 1). */
    public Builder rank(int rank, int worldSize) {
      if (worldSize < 1 || rank < 0 || rank >= worldSize) {
        throw new IllegalArgumentException("rank " + rank + " must be in [0, worldSize "
            + worldSize + ")");
      }
      this.rank = rank;
      this.worldSize = worldSize;
      return this;
    }

    /** RECORDS (default): near-equal record ranges; SHARDS: whole shards round-robin. */
    public Builder split(Sharding.Split split) {
      this.split = Objects.requireNonNull(split, "split");
      return this;
    }

    /** Trim every rank to the smallest rank's record count (equal batch counts). */
    public Builder even(boolean even) {
      this.even = even;
      return this;
    }

    /** Read shards in an order shuffled per epoch from {@code seed} (same on every rank). */
    public Builder shuffleShards(long seed) {
      this.shuffleShards = true;
      this.shuffleSeed = seed;
      return this;
    }

    /** Drop a last batch smaller than the batch size. */
    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    /** NEXT_EPOCH (default) or SAME_EPOCH. */
    public Builder onReset(OnReset onReset) {
      this.onReset = Objects.requireNonNull(onReset, "onReset");
      return this;
    }

    /** First epoch to read; default: one past the highest consumed mark, else the lowest
     * published epoch, else 0. */
    public Builder startEpoch(long epoch) {
      if (epoch < 0) {
        throw new IllegalArgumentException("startEpoch must be >= 0, got " + epoch);
      }
      this.startEpoch = epoch;
      return this;
    }

    /** Wait at most {@code timeout} for an epoch's {@code _SUCCESS} (default: for ever). */
    public Builder timeout(Duration timeout) {
      this.wait = true;
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Fail at once when the epoch is not published, instead of waiting. */
    public Builder noWait() {
      this.wait = false;
      return this;
    }

    /** How often to look for {@code _SUCCESS} while waiting (default 5 s). */
    public Builder poll(Duration poll) {
      if (poll.isNegative() || poll.isZero()) {
        throw new IllegalArgumentException("poll must be > 0, got " + poll);
      }
      this.poll = poll;
      return this;
    }

    /** Mark an epoch consumed when {@code reset()} moves past it (default: on rank 0 only). */
    public Builder markConsumed(boolean mark) {
      this.mark = mark;
      return this;
    }

    /** A name written into consumed marks (informational). */
    public Builder consumer(String consumer) {
      this.consumer = consumer;
      return this;
    }

    /** Attach an {@link Origin} per example as the DataSet's example metadata. */
    public Builder origins(boolean origins) {
      this.origins = origins;
      return this;
    }

    public PreaugDataSetIterator build() throws IOException {
      return new PreaugDataSetIterator(this);
    }
  }
}
