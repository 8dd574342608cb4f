package dev.preaug.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Iterator speed on one published epoch: images/s of ready DataSets ([B,C,H,W] features, float
 * in [0,1] or raw as stored; one-hot labels), page cache warm, median and best of several passes
 * after a warm-up pass. Not a test: run it by hand (docs/benchmarks.md, "Trainer-side reader").
 *
 * <pre>java -cp ... dev.preaug.dl4j.IteratorBench OUT EPOCH [BATCH] [PASSES] [scaled|raw]</pre>
 */
public final class IteratorBench {
  private IteratorBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: IteratorBench OUT EPOCH [BATCH] [PASSES]");
      System.exit(2);
    }
    String root = args[0];
    long epoch = Long.parseLong(args[1]);
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    boolean scale = args.length <= 4 || !"raw".equals(args[4]);
    double[] rates = new double[passes + 1];
    long records = 0;
    for (int p = 0; p <= passes; p++) {
      try (PreaugDataSetIterator it = PreaugDataSetIterator.builder(root).batchSize(batch)
          .scale(scale).startEpoch(epoch).noWait().markConsumed(false).build()) {
        long t0 = System.nanoTime();
        long n = 0;
        double sink = 0;
        while (it.hasNext()) {
          DataSet ds = it.next();
          n += ds.numExamples();
          sink += ds.getFeatures().getFloat(0);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        rates[p] = n / s;
        records = n;
        if (sink < 0) {
          System.out.println(sink);
        }
      }
    }
    // Pass 0 warms the page cache and the JIT.
    double[] measured = Arrays.copyOfRange(rates, 1, rates.length);
    Arrays.sort(measured);
    System.out.printf("%d records/pass, batch %d, %s: best %.0f img/s, median %.0f img/s%n",
        records, batch, scale ? "float [0,1]" : "raw", measured[measured.length - 1], measured[measured.length / 2]);
  }
}
