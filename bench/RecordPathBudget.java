import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.Setting;
import dev.preaug.core.format.OutputRecord;
import dev.preaug.core.image.Float16;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.spark.input.NpyDatasetSource;
import dev.preaug.spark.input.RandomAccessSamples;
import dev.preaug.spark.input.Sample;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The direct exchange's per-record path on one thread, without Spark, stage by stage: each stage
 * runs over the same records in epoch order (the permutation's random reads) and is timed in
 * thread CPU time. Run by bench/record_path_budget.sh.
 */
public final class RecordPathBudget {
  public static void main(String[] args) throws Exception {
    String images = args[0];
    String labels = args[1];
    int n = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    String scratch = args[4];
    Map<String, Setting> layer = new LinkedHashMap<>();
    layer.put(ConfigKey.INPUT_IMAGES.key(), new Setting(images, "bench"));
    layer.put(ConfigKey.INPUT_LABELS.key(), new Setting(labels, "bench"));
    PreaugConfig c = PreaugConfig.resolve(List.of(layer));
    Configuration conf = new Configuration();
    NpyDatasetSource src = NpyDatasetSource.open(images, labels, conf,
        PreaugConfig.FingerprintMode.METADATA);
    int w = src.width();
    int h = src.height();
    int ch = src.channels();
    int px = w * h * ch;
    RecordPlan plan = new RecordPlan(c.recipe(), 1, 3, src.samples(), 0, 1, w, h);
    n = (int) Math.min(n, plan.records());
    long[] index = new long[n];
    for (int i = 0; i < n; i++) {
      index[i] = plan.indexOf(plan.recordAt(i));
    }
    // Raw float16 bytes of the same samples, for the conversion alone.
    byte[][] raw = new byte[n][2 * px];
    try (RandomAccessFile f = new RandomAccessFile(images, "r")) {
      long off = f.length() - src.samples() * 2L * px;
      for (int i = 0; i < n; i++) {
        f.seek(off + index[i] * 2L * px);
        f.readFully(raw[i]);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Double> us = new LinkedHashMap<>();
    // The least each stage took over the rounds after the first (JIT warm; a GC or another
    // process's burst only ever adds time).
    Map<String, Double> best = new LinkedHashMap<>();
    Sample[] samples = new Sample[n];
    OpChain[] chains = new OpChain[n];
    Image[] out = new Image[n];
    String[] specs = new String[n];
    byte[][] encoded = new byte[n][];
    byte[] u8 = new byte[px];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t = mx.getCurrentThreadCpuTime();
      try (RandomAccessSamples ra = src.openRandomAccess(conf)) {
        for (int i = 0; i < n; i++) {
          samples[i] = ra.read(index[i]);
        }
      }
      long tRead = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink += Float16.toUint8(raw[i], 0, u8, 0, px);
      }
      long tConvert = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        chains[i] = plan.ops(index[i], 0);
      }
      long tDraw = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        specs[i] = chains[i].spec();
      }
      long tSpec = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        out[i] = chains[i].apply(Image.wrap(w, h, ch, samples[i].pixels()));
      }
      long tAugment = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        encoded[i] = new OutputRecord(index[i], samples[i].label(), true, specs[i], h, w, ch,
            out[i].array()).toBytes();
      }
      long tEncode = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      OutputRecord[] decoded = new OutputRecord[n];
      byte[][] opBytes = new byte[n][];
      for (int i = 0; i < n; i++) {
        decoded[i] = OutputRecord.fromBytes(encoded[i]);
        opBytes[i] = decoded[i].ops().getBytes(StandardCharsets.UTF_8);
      }
      long tDecode = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      MessageDigest im = MessageDigest.getInstance("SHA-256");
      MessageDigest op = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < n; i++) {
        im.update(decoded[i].pixels());
        op.update(opBytes[i]);
        op.update((byte) '\n');
      }
      sink += im.digest()[0] + op.digest()[0];
      long tSha = mx.getCurrentThreadCpuTime() - t;
      t = mx.getCurrentThreadCpuTime();
      // The job's local writer: the images file past its first 1 MiB goes by direct I/O from
      // a writer thread, whose CPU this thread's clock does not see (a dd of 1 GiB with
      // oflag=direct took 0.10-0.16 s of system CPU); the small ops file by the page cache.
      java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(scratch + ".images"));
      java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(scratch + ".ops"));
      try (OutputStream a = dev.preaug.core.io.LocalFileOutput.create(
              java.nio.file.Path.of(scratch + ".images"), false, true);
          OutputStream b = dev.preaug.core.io.LocalFileOutput.create(
              java.nio.file.Path.of(scratch + ".ops"), false, true)) {
        for (int i = 0; i < n; i++) {
          a.write(decoded[i].pixels());
          b.write(opBytes[i]);
          b.write('\n');
        }
      }
      long tWrite = mx.getCurrentThreadCpuTime() - t;
      double k = 1e3 * n;
      us.clear();
      us.put("read (memory-mapped, input.mmap; + float16 -> uint8)", tRead / k);
      us.put("  of which float16 -> uint8 (alone)", tConvert / k);
      us.put("draw the ops (recipe, Rng)", tDraw / k);
      us.put("ops spec string (OpChain.spec)", tSpec / k);
      us.put("augment (kernels)", tAugment / k);
      us.put("encode record (OutputRecord.toBytes; shuffle exchange only)", tEncode / k);
      us.put("decode record (shuffle only) + ops UTF-8", tDecode / k);
      us.put("SHA-256 (images + ops)", tSha / k);
      us.put("write (LocalFileOutput: direct I/O behind, output.direct_io)", tWrite / k);
      double total = 0;
      for (Map.Entry<String, Double> e : us.entrySet()) {
        if (!e.getKey().startsWith("  ")) {
          total += e.getValue();
        }
      }
      System.err.printf("round %d: total %.1f us/record%n", r + 1, total);
      if (r > 0 || rounds == 1) {
        us.forEach((key, v) -> best.merge(key, v, Math::min));
      }
    }
    us = best;
    double total = 0;
    for (Map.Entry<String, Double> e : us.entrySet()) {
      if (!e.getKey().startsWith("  ")) {
        total += e.getValue();
      }
    }
    us.put("**total, one thread**", total);
    System.out.printf("%d records of %dx%dx%d, epoch order, one thread, CPU time, least of"
        + " rounds 2..%d (sink %d)%n", n, w, h, ch, rounds, sink);
    System.out.println("| stage | us per record |");
    System.out.println("|---|---:|");
    for (Map.Entry<String, Double> e : us.entrySet()) {
      System.out.printf("| %s | %.2f |%n", e.getKey(), e.getValue());
    }
    System.out.printf("=> %.0f records per CPU-second on this path%n",
        1e6 / us.get("**total, one thread**"));
  }
}
