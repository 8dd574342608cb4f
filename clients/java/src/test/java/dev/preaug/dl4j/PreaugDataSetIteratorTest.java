package dev.preaug.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.epoch.EpochListing;
import dev.preaug.core.epoch.EpochReader;
import dev.preaug.core.epoch.LocalEpochStore;
import dev.preaug.core.format.FileInfo;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.format.ShardInfo;
import dev.preaug.core.format.ShardNames;
import dev.preaug.core.npy.HalfBits;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The iterator on epochs the real job wrote, checked against ND4J's and core's own reads. */
class PreaugDataSetIteratorTest {
  private static JobEpochs.Data data;

  @BeforeAll
  static void epochs() throws Exception {
    data = JobEpochs.get();
  }

  /** One record as delivered: features (float, CHW) and label. */
  private record Got(float[] features, int label) {}

  private static Map<List<Long>, Got> readAll(PreaugDataSetIterator it) {
    Map<List<Long>, Got> out = new HashMap<>();
    while (it.hasNext()) {
      DataSet ds = it.next();
      List<Serializable> meta = ds.getExampleMetaData();
      INDArray x = ds.getFeatures();
      INDArray y = ds.getLabels();
      for (int i = 0; i < meta.size(); i++) {
        PreaugDataSetIterator.Origin o = (PreaugDataSetIterator.Origin) meta.get(i);
        int label = y.rank() == 1 ? y.getInt(i) : Nd4j.argMax(y.getRow(i)).getInt(0);
        Got prev = out.put(List.of((long) o.shard(), o.row()),
            new Got(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup().data()
                .asFloat(), label));
        assertEquals(null, prev, "record read twice: " + o);
      }
    }
    return out;
  }

  private static PreaugDataSetIterator.Builder uint8(int batch) {
    return PreaugDataSetIterator.builder(data.uint8().toString()).batchSize(batch).startEpoch(0)
        .noWait().origins(true).markConsumed(false);
  }

  @Test
  void everyRecordExactlyOncePerEpochOverRanksAndSplits() throws Exception {
    for (Sharding.Split split : Sharding.Split.values()) {
      for (int world : new int[] {1, 3, 5}) {
        Set<List<Long>> seen = new HashSet<>();
        for (int r = 0; r < world; r++) {
          try (PreaugDataSetIterator it = uint8(16).rank(r, world).split(split)
              .shuffleShards(3).build()) {
            for (List<Long> k : readAll(it).keySet()) {
              assertTrue(seen.add(k), split + " world " + world + ": " + k + " read twice");
            }
          }
        }
        assertEquals(JobEpochs.RECORDS, seen.size(), split + " world " + world);
      }
    }
  }

  @Test
  void evenGivesEveryRankTheSameBatchCount() throws Exception {
    List<Integer> batches = new ArrayList<>();
    for (int r = 0; r < 7; r++) {
      try (PreaugDataSetIterator it = uint8(5).rank(r, 7).even(true).build()) {
        int n = 0;
        while (it.hasNext()) {
          it.next();
          n++;
        }
        batches.add(n);
      }
    }
    // 240 records / 7 ranks = 34 each: 7 batches of 5 (the last one of 4).
    assertEquals(List.of(7, 7, 7, 7, 7, 7, 7), batches);
  }

  @Test
  void featuresLabelsAndIndexEqualTheNpyShardsAsNd4jReadsThem() throws Exception {
    Map<List<Long>, Got> got;
    try (PreaugDataSetIterator it = uint8(7).scale(false)
        .labels(PreaugDataSetIterator.Labels.INDEX).build()) {
      got = readAll(it);
    }
    Map<List<Long>, Long> indexOf = new HashMap<>();
    try (PreaugDataSetIterator it = uint8(64).build()) {
      while (it.hasNext()) {
        for (Serializable s : it.next().getExampleMetaData()) {
          PreaugDataSetIterator.Origin o = (PreaugDataSetIterator.Origin) s;
          indexOf.put(List.of((long) o.shard(), o.row()), o.index());
        }
      }
    }
    EpochReader core = EpochReader.open(new LocalEpochStore(), epoch(data.uint8(), 0).toString());
    int checked = 0;
    for (ShardInfo s : core.manifest().shardList) {
      INDArray images = Nd4j.createFromNpyFile(Path.of(core.path(s, FileInfo.IMAGES)).toFile());
      INDArray labels = Nd4j.createFromNpyFile(Path.of(core.path(s, FileInfo.LABELS)).toFile());
      INDArray index = Nd4j.createFromNpyFile(Path.of(core.path(s, FileInfo.INDEX)).toFile());
      assertEquals(DataType.UINT8, images.dataType());
      assertEquals(DataType.INT32, labels.dataType());
      assertEquals(DataType.INT64, index.dataType());
      assertArrayEquals(new long[] {s.records(), 64, 64, 1}, images.shape());
      try (EpochReader.Records recs = core.npy(s, true)) {
        for (long row = 0; row < s.records(); row++) {
          OutputRecord r = recs.next();
          float[] nd = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(row)).dup()
              .castTo(DataType.FLOAT).data().asFloat();
          byte[] px = r.pixels();
          for (int j = 0; j < px.length; j++) {
            assertEquals(px[j] & 0xFF, nd[j], "ND4J and core disagree: shard " + s.shard()
                + " row " + row + " pixel " + j);
          }
          assertEquals(r.label(), labels.getInt((int) row));
          assertEquals(r.index(), index.getLong(row));
          Got g = got.get(List.of((long) s.shard(), row));
          assertArrayEquals(nd, g.features(), "shard " + s.shard() + " row " + row);
          assertEquals(r.label(), g.label());
          assertEquals(r.index(), indexOf.get(List.of((long) s.shard(), row)));
          checked++;
        }
        recs.finish();
      }
    }
    assertEquals(JobEpochs.RECORDS, checked);
  }

  /**
   * An RGB epoch (the job's {@code [n,32,32,3]} shards): features are {@code [B,3,32,32]}, each
   * value the shard's HWC pixel at {@code (y, x, c)}, and originals are the input's colours.
   */
  @Test
  void rgbEpochGivesChannelsFirstFeaturesEqualToTheRecords() throws Exception {
    Map<List<Long>, Got> raw = new HashMap<>();
    Map<List<Long>, Got> scaled;
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(data.rgb().toString())
        .batchSize(8).startEpoch(0).noWait().origins(true).markConsumed(false).scale(false)
        .labels(PreaugDataSetIterator.Labels.INDEX).build()) {
      int batches = 0;
      while (it.hasNext()) {
        DataSet ds = it.next();
        INDArray x = ds.getFeatures();
        assertEquals(DataType.UINT8, x.dataType());
        assertEquals(4, x.rank());
        assertArrayEquals(new long[] {3, 32, 32}, java.util.Arrays.copyOfRange(x.shape(), 1, 4));
        List<Serializable> meta = ds.getExampleMetaData();
        for (int i = 0; i < meta.size(); i++) {
          PreaugDataSetIterator.Origin o = (PreaugDataSetIterator.Origin) meta.get(i);
          raw.put(List.of((long) o.shard(), o.row()), new Got(
              x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).castTo(DataType.FLOAT)
                  .dup('c').data().asFloat(), ds.getLabels().getInt(i)));
        }
        batches++;
      }
      assertEquals((2 * JobEpochs.RGB_SAMPLES + 7) / 8, batches);
    }
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(data.rgb().toString())
        .batchSize(8).startEpoch(0).noWait().origins(true).markConsumed(false).build()) {
      scaled = readAll(it);
    }
    ImageArray input = ImageArray.read(data.rgbImages(), false);
    assertEquals(3, input.channels());
    EpochReader core = EpochReader.open(new LocalEpochStore(), epoch(data.rgb(), 0).toString());
    assertEquals(3, core.manifest().channels);
    int originals = 0;
    int checked = 0;
    for (ShardInfo s : core.manifest().shardList) {
      try (EpochReader.Records recs = core.npy(s, true)) {
        for (long row = 0; row < s.records(); row++) {
          OutputRecord r = recs.next();
          Got g = raw.get(List.of((long) s.shard(), row));
          float[] f = scaled.get(List.of((long) s.shard(), row)).features();
          byte[] hwc = r.pixels();
          assertEquals(3 * 32 * 32, hwc.length);
          for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
              for (int xx = 0; xx < 32; xx++) {
                int v = hwc[(y * 32 + xx) * 3 + c] & 0xFF;
                int chw = (c * 32 + y) * 32 + xx;
                assertEquals(v, g.features()[chw], "shard " + s.shard() + " row " + row
                    + " (c, y, x) = (" + c + ", " + y + ", " + xx + ")");
                assertEquals(v / 255f, f[chw], 0f);
              }
            }
          }
          assertEquals(r.label(), g.label());
          if (!r.augmented()) {
            assertArrayEquals(input.image((int) r.index()).toArray(), hwc);
            originals++;
          }
          checked++;
        }
        recs.finish();
      }
    }
    assertEquals(2 * JobEpochs.RGB_SAMPLES, checked);
    assertEquals(JobEpochs.RGB_SAMPLES, originals);
  }

  @Test
  void originalsEqualTheInputAndScaledFeaturesAreRawOver255() throws Exception {
    ImageArray input = ImageArray.read(data.images(), true);
    Map<List<Long>, Got> scaled;
    Map<List<Long>, Got> raw;
    try (PreaugDataSetIterator it = uint8(32).build()) {
      scaled = readAll(it);
    }
    try (PreaugDataSetIterator it = uint8(32).scale(false).build()) {
      raw = readAll(it);
    }
    EpochReader core = EpochReader.open(new LocalEpochStore(), epoch(data.uint8(), 0).toString());
    int originals = 0;
    int augmentedDiffer = 0;
    float max = 0;
    for (ShardInfo s : core.manifest().shardList) {
      try (EpochReader.Records recs = core.npy(s, false)) {
        for (long row = 0; row < s.records(); row++) {
          OutputRecord r = recs.next();
          float[] f = scaled.get(List.of((long) s.shard(), row)).features();
          float[] v = raw.get(List.of((long) s.shard(), row)).features();
          byte[] in = input.image((int) r.index()).toArray();
          boolean same = true;
          for (int j = 0; j < f.length; j++) {
            assertEquals(v[j] / 255f, f[j], 0f);
            assertTrue(f[j] >= 0f && f[j] <= 1f);
            max = Math.max(max, f[j]);
            same &= v[j] == (in[j] & 0xFF);
          }
          if (!r.augmented()) {
            assertTrue(same, "original of sample " + r.index() + " differs from the input");
            originals++;
          } else if (!same) {
            augmentedDiffer++;
          }
        }
      }
    }
    assertEquals(JobEpochs.SAMPLES, originals);
    assertTrue(augmentedDiffer > JobEpochs.SAMPLES / 2, "augmented copies differ from input");
    assertEquals(1f, max);
  }

  @Test
  void oneHotAndIndexLabelsAgree() throws Exception {
    try (PreaugDataSetIterator hot = uint8(50).build();
        PreaugDataSetIterator idx = uint8(50).labels(PreaugDataSetIterator.Labels.INDEX)
            .build()) {
      assertEquals(JobEpochs.CLASSES, hot.totalOutcomes());
      assertEquals(64 * 64, hot.inputColumns());
      int rows = 0;
      while (hot.hasNext()) {
        DataSet a = hot.next();
        DataSet b = idx.next();
        assertArrayEquals(new long[] {a.numExamples(), JobEpochs.CLASSES}, a.getLabels().shape());
        assertEquals(DataType.FLOAT, a.getLabels().dataType());
        assertArrayEquals(new long[] {b.numExamples()}, b.getLabels().shape());
        assertEquals(DataType.INT32, b.getLabels().dataType());
        assertArrayEquals(new long[] {a.numExamples(), 1, 64, 64}, a.getFeatures().shape());
        assertEquals(a.getFeatures(), b.getFeatures());
        for (int i = 0; i < a.numExamples(); i++) {
          INDArray row = a.getLabels().getRow(i);
          assertEquals(1.0, row.sumNumber().doubleValue(), 0.0);
          assertEquals(1.0, row.getDouble(b.getLabels().getInt(i)), 0.0);
          rows++;
        }
      }
      assertFalse(idx.hasNext());
      assertEquals(JobEpochs.RECORDS, rows);
    }
  }

  @Test
  void float16EpochsDeliverTheStoredHalfValues() throws Exception {
    Map<List<Long>, Got> got;
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(data.float16().toString())
        .batchSize(9).startEpoch(0).noWait().origins(true).build()) {
      assertEquals("float16", it.manifest().npyDtype);
      got = readAll(it);
    }
    assertEquals(JobEpochs.RECORDS, got.size());
    EpochReader core = EpochReader.open(new LocalEpochStore(),
        epoch(data.float16(), 0).toString());
    for (ShardInfo s : core.manifest().shardList) {
      try (EpochReader.Records recs = core.npy(s, true)) {
        for (long row = 0; row < s.records(); row++) {
          byte[] px = recs.next().pixels();
          float[] f = got.get(List.of((long) s.shard(), row)).features();
          for (int j = 0; j < px.length; j++) {
            float half = halfToFloat(HalfBits.fromDouble((px[j] & 0xFF)
                / 255.0));
            assertEquals(half, f[j], 0f);
            assertEquals((px[j] & 0xFF) / 255f, f[j], 5e-4f);
          }
        }
        recs.finish();
      }
    }
  }

  @Test
  void resetMovesToTheNextEpochAndMarksTheFinishedOneConsumed(@TempDir Path tmp)
      throws Exception {
    Path root = tmp.resolve("out");
    JobEpochs.copyTree(data.uint8(), root);
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .batchSize(100).noWait().origins(true).consumer("test").build()) {
      assertEquals(0, it.epoch(), "starts at the lowest published epoch");
      it.reset();
      assertEquals(0, it.epoch(), "a reset before the first batch does not skip an epoch");
      List<Integer> sizes = new ArrayList<>();
      Set<Long> epochs = new HashSet<>();
      while (it.hasNext()) {
        DataSet ds = it.next();
        sizes.add(ds.numExamples());
        ds.getExampleMetaData().forEach(o -> epochs.add(((PreaugDataSetIterator.Origin) o)
            .epoch()));
      }
      assertEquals(List.of(100, 100, 40), sizes);
      assertEquals(Set.of(0L), epochs);
      DataSet first0 = firstBatch(root, 0);
      it.reset();
      assertEquals(1, it.epoch());
      DataSet first1 = it.next();
      assertNotEquals(first0.getFeatures(), first1.getFeatures(), "epoch 1 is reshuffled");
      assertEquals(List.of(0L), EpochRoot.of(root.toString()).consumed());
      String mark = Files.readString(root.resolve("_consumed").resolve(ShardNames.epochDir(0)));
      assertTrue(mark.contains("\"consumer\": \"test\"") && mark.contains("\"epoch\": 0"), mark);
      it.reset();
      assertEquals(2, it.epoch());
      assertEquals(List.of(0L, 1L), EpochListing.marks(new LocalEpochStore(),
          root.resolve("_consumed").toString()).keySet().stream().toList());
    }
    // Resuming starts past the highest mark.
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .noWait().build()) {
      assertEquals(2, it.epoch());
    }
  }

  private static DataSet firstBatch(Path root, long epoch) throws IOException {
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .batchSize(100).startEpoch(epoch).noWait().markConsumed(false).build()) {
      return it.next();
    }
  }

  @Test
  void sameEpochResetRereadsTheSameBatches() throws Exception {
    try (PreaugDataSetIterator it = uint8(64).onReset(PreaugDataSetIterator.OnReset.SAME_EPOCH)
        .markConsumed(true).build()) {
      List<INDArray> a = new ArrayList<>();
      while (it.hasNext()) {
        a.add(it.next().getFeatures());
      }
      it.reset();
      for (INDArray x : a) {
        assertEquals(x, it.next().getFeatures());
      }
      assertFalse(it.hasNext());
      assertEquals(0, it.epoch());
    }
    assertFalse(Files.exists(data.uint8().resolve("_consumed")), "SAME_EPOCH marks nothing");
  }

  @Test
  void waitsForSuccessThenReads(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("out");
    Path e0 = root.resolve(ShardNames.epochDir(0));
    JobEpochs.copyTree(epoch(data.uint8(), 0), e0);
    Files.delete(e0.resolve(ShardNames.SUCCESS));
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .startEpoch(0).timeout(Duration.ofMinutes(2)).poll(Duration.ofMillis(20))
        .batchSize(240).build()) {
      ex.schedule(() -> Files.createFile(e0.resolve(ShardNames.SUCCESS)), 300,
          TimeUnit.MILLISECONDS);
      assertTrue(it.hasNext());
      assertTrue(Files.exists(e0.resolve(ShardNames.SUCCESS)), "read only after _SUCCESS");
      assertEquals(JobEpochs.RECORDS, it.next().numExamples());
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void unpublishedOrMissingEpochsAreOneLineErrorsNamingTheDirectory(@TempDir Path tmp)
      throws Exception {
    Path root = tmp.resolve("out");
    Path e0 = root.resolve(ShardNames.epochDir(0));
    JobEpochs.copyTree(epoch(data.uint8(), 0), e0);
    Files.delete(e0.resolve(ShardNames.SUCCESS));
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .startEpoch(0).noWait().build()) {
      BadInputException e = assertThrows(BadInputException.class, it::hasNext);
      assertEquals(e0 + ": no _SUCCESS: not a published epoch", e.getMessage());
    }
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(data.uint8().toString())
        .startEpoch(7).timeout(Duration.ofMillis(100)).poll(Duration.ofMillis(10)).build()) {
      BadInputException e = assertThrows(BadInputException.class, it::hasNext);
      assertEquals(data.uint8().resolve(ShardNames.epochDir(7)).resolve(ShardNames.SUCCESS)
          + ": epoch 7 not published after 0.1 s of waiting (published epochs: 0, 1, 2)",
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
  }

  @Test
  void aShardWhoseShapeDisagreesWithTheManifestIsAnErrorNamingTheFile(@TempDir Path tmp)
      throws Exception {
    Path root = tmp.resolve("out");
    JobEpochs.copyTree(epoch(data.uint8(), 0), root.resolve(ShardNames.epochDir(0)));
    EpochReader core = EpochReader.open(new LocalEpochStore(),
        root.resolve(ShardNames.epochDir(0)).toString());
    ShardInfo s1 = core.manifest().shardList.get(1);
    Path images = Path.of(core.path(s1, FileInfo.IMAGES));
    long n = s1.records();
    byte[] all = Files.readAllBytes(images);
    NpyHeader h = NpyHeader.read(new java.io.ByteArrayInputStream(all), images.toString());
    byte[] wrong = NpyHeader.of(NpyDtype.UINT8, n, 32, 128, 1).encode();
    byte[] out = new byte[wrong.length + (all.length - (int) h.dataOffset())];
    System.arraycopy(wrong, 0, out, 0, wrong.length);
    System.arraycopy(all, (int) h.dataOffset(), out, wrong.length, out.length - wrong.length);
    Files.write(images, out);
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .startEpoch(0).noWait().batchSize(16).build()) {
      BadInputException e = assertThrows(BadInputException.class, () -> {
        while (it.hasNext()) {
          it.next();
        }
      });
      assertEquals(images + ": header: is |u1 (" + n + ", 32, 128, 1), expected |u1 (" + n
          + ", 64, 64, 1)", e.getMessage());
    }
  }

  @Test
  void aTruncatedShardIsAnErrorNamingTheFileAndRows(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("out");
    JobEpochs.copyTree(epoch(data.uint8(), 0), root.resolve(ShardNames.epochDir(0)));
    EpochReader core = EpochReader.open(new LocalEpochStore(),
        root.resolve(ShardNames.epochDir(0)).toString());
    ShardInfo s0 = core.manifest().shardList.get(0);
    Path images = Path.of(core.path(s0, FileInfo.IMAGES));
    byte[] all = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(all, all.length - 100));
    long n = s0.records();
    try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root.toString())
        .startEpoch(0).noWait().batchSize((int) n).build()) {
      BadInputException e = assertThrows(BadInputException.class, it::next);
      assertEquals(images + ": rows 0.." + (n - 1) + ": truncated: the file ends inside them",
          e.getMessage());
    }
  }

  @Test
  void channelsLastRowsBecomeChannelsFirstInEveryMode() {
    // Two 2x2 RGB images, HWC: value = 100 * image + 10 * pixel + channel.
    byte[] hwc = new byte[2 * 4 * 3];
    byte[] half = new byte[2 * hwc.length];
    for (int i = 0; i < 2; i++) {
      for (int p = 0; p < 4; p++) {
        for (int c = 0; c < 3; c++) {
          int k = i * 12 + p * 3 + c;
          hwc[k] = (byte) (100 * i + 10 * p + c);
          int bits = HalfBits.fromDouble((100 * i + 10 * p + c) / 255.0);
          half[2 * k] = (byte) bits;
          half[2 * k + 1] = (byte) (bits >>> 8);
        }
      }
    }
    float[] chw = {0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32,
        100, 110, 120, 130, 101, 111, 121, 131, 102, 112, 122, 132};
    INDArray raw = PreaugDataSetIterator.features(hwc, 2, 2, 2, 3, false, false);
    assertEquals(DataType.UINT8, raw.dataType());
    assertArrayEquals(new long[] {2, 3, 2, 2}, raw.shape());
    assertArrayEquals(chw, raw.castTo(DataType.FLOAT).data().asFloat());
    INDArray scaled = PreaugDataSetIterator.features(hwc, 2, 2, 2, 3, false, true);
    assertEquals(DataType.FLOAT, scaled.dataType());
    INDArray f16 = PreaugDataSetIterator.features(half, 2, 2, 2, 3, true, true);
    INDArray f16raw = PreaugDataSetIterator.features(half, 2, 2, 2, 3, true, false);
    assertEquals(DataType.HALF, f16raw.dataType());
    float[] s = scaled.data().asFloat();
    float[] h = f16.data().asFloat();
    for (int k = 0; k < chw.length; k++) {
      assertEquals(chw[k] / 255f, s[k], 0f);
      assertEquals(halfToFloat(HalfBits.fromDouble(chw[k] / 255.0)), h[k], 0f);
    }
    assertEquals(f16, f16raw.castTo(DataType.FLOAT));
  }

  /** IEEE 754 binary16 bits to the float of the same value (every half is a float). */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | (exp == 0x1F ? 0xFF : exp + 112) << 23 | mant << 13);
  }

  @Test
  void hadoopUrisReadTheSameBatchesAndWriteMarks(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("out");
    JobEpochs.copyTree(data.uint8(), root);
    EpochRoot hadoop = HadoopEpochStore.root(root.toUri().toString(), new Configuration());
    assertEquals(List.of(0L, 1L, 2L), hadoop.published());
    try (PreaugDataSetIterator a = PreaugDataSetIterator.builder(hadoop).batchSize(50)
        .startEpoch(1).noWait().build();
        PreaugDataSetIterator b = PreaugDataSetIterator.builder(root.toString()).batchSize(50)
            .startEpoch(1).noWait().markConsumed(false).build()) {
      int n = 0;
      while (b.hasNext()) {
        DataSet x = a.next();
        DataSet y = b.next();
        assertEquals(y.getFeatures(), x.getFeatures());
        assertEquals(y.getLabels(), x.getLabels());
        n++;
      }
      assertFalse(a.hasNext());
      assertEquals(5, n);
      a.reset();
      assertEquals(2, a.epoch());
    }
    assertEquals(List.of(1L), EpochRoot.of(root.toString()).consumed());
    try (var s = Files.list(root.resolve("_consumed"))) {
      assertEquals(List.of(ShardNames.epochDir(1)), s.map(p -> p.getFileName().toString())
          .toList(), "no temporary or checksum files left");
    }
  }

  static Path epoch(Path root, long e) {
    return root.resolve(ShardNames.epochDir(e));
  }
}
