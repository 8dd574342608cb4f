package dev.preaug.bench;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmarks of {@link OpsBenchmark} timed by CPU time instead of the wall clock, for
 * machines shared with other work: while other processes hold the cores, wall-clock rates fall
 * with the load but CPU-time rates stay close to what one unloaded core does. The rate is per
 * CPU-second of the whole JVM, so the garbage collector's threads count (each op allocates its
 * output image, and a collector that is cheap for the benchmark thread can cost its own
 * threads more); the windows are one second of the benchmark thread's CPU time. Compare with
 * {@code seed_baseline.py}, which reports the seed's rate per CPU-second of its process.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.CpuTime [windows [name ...]]</pre>
 *
 * Each benchmark is best run in a JVM of its own (name it), as JMH does with its forks: in a
 * shared JVM the JIT's profiles from earlier benchmarks change how later ones are compiled.
 */
public final class CpuTime {
  private static final long SECOND = 1_000_000_000L;

  private CpuTime() {}

  /** Reads a little of each result so the work cannot be skipped (hashCode would cost more). */
  private static int consume(Object result) {
    if (result instanceof GrayImage) {
      return ((GrayImage) result).array()[7];
    }
    return result instanceof Image ? ((Image) result).array()[7] : result.toString().length();
  }

  public static void main(String[] args) {
    int windows = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    OpsBenchmark b = new OpsBenchmark();
    b.setUp();
    Map<String, Supplier<Object>> benchmarks = new LinkedHashMap<>();
    benchmarks.put("rotate", b::rotate);
    benchmarks.put("shear", b::shear);
    benchmarks.put("resizePaste", b::resizePaste);
    benchmarks.put("sine", b::sine);
    benchmarks.put("gaussianBlur", b::gaussianBlur);
    benchmarks.put("sharpen", b::sharpen);
    benchmarks.put("smooth", b::smooth);
    benchmarks.put("recipe", b::recipe);
    benchmarks.put("recipeWithSpec", b::recipeWithSpec);
    benchmarks.put("rotatePrebuilt", b::rotatePrebuilt);
    benchmarks.put("gaussianBlurPrebuilt", b::gaussianBlurPrebuilt);
    java.util.List<String> only = java.util.Arrays.asList(args).subList(Math.min(1, args.length),
        args.length);
    for (Map.Entry<String, Supplier<Object>> e : benchmarks.entrySet()) {
      if (!only.isEmpty() && !only.contains(e.getKey())) {
        continue;
      }
      double[] r = rates(e.getValue(), windows);
      System.out.printf("%-15s %,10.0f images per CPU-second (median of %d), best %,10.0f%n",
          e.getKey(), r[0], windows, r[1]);
    }
  }

  private static long sink;

  /**
   * Runs {@code op} for two warm-up windows and then {@code windows} windows of one second of
   * this thread's CPU time each; returns {median, best} calls per CPU-second of the JVM process
   * (every thread) over the measured ones.
   */
  static double[] rates(Supplier<Object> op, int windows) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean process = ManagementFactory.getPlatformMXBean(
        com.sun.management.OperatingSystemMXBean.class);
    double[] rates = new double[windows + 2];
    for (int w = 0; w < rates.length; w++) {
      long start = threads.getCurrentThreadCpuTime();
      long processStart = process.getProcessCpuTime();
      long n = 0;
      long now;
      do {
        for (int k = 0; k < 256; k++) {
          sink += consume(op.get());
        }
        n += 256;
        now = threads.getCurrentThreadCpuTime();
      } while (now - start < SECOND);
      rates[w] = n * (double) SECOND / (process.getProcessCpuTime() - processStart);
    }
    double[] measured = java.util.Arrays.copyOfRange(rates, 2, rates.length);
    java.util.Arrays.sort(measured);
    if (sink == 42) {
      System.out.print("");
    }
    return new double[] {measured[measured.length / 2], measured[measured.length - 1]};
  }
}
