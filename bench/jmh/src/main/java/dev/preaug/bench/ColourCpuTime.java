package dev.preaug.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link ColourOpsBenchmark} timed per second of this thread's CPU time (see {@link CpuTime}), for
 * a shared machine: one op on one input shape per JVM, printed as one line per benchmark,
 * {@code <name> <shape> <ns per image, median> <ns, best>}.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.ColourCpuTime windows shape [name ...]</pre>
 *
 * {@code shape} is {@code L64}, {@code RGB64} or {@code RGB32}; bench/colour_ops.sh runs them all.
 */
public final class ColourCpuTime {
  private ColourCpuTime() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ColourCpuTime windows shape [name ...]");
      System.exit(2);
    }
    int windows = Integer.parseInt(args[0]);
    ColourOpsBenchmark b = new ColourOpsBenchmark();
    b.shape = args[1];
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
    benchmarks.put("splitMerge", b::splitMerge);
    java.util.List<String> only = java.util.Arrays.asList(args).subList(2, args.length);
    for (String name : only) {
      if (!benchmarks.containsKey(name)) {
        System.err.println("ColourCpuTime: unknown benchmark " + name + ", expected one of "
            + benchmarks.keySet());
        System.exit(2);
      }
    }
    for (Map.Entry<String, Supplier<Object>> e : benchmarks.entrySet()) {
      if (!only.isEmpty() && !only.contains(e.getKey())) {
        continue;
      }
      double[] r = CpuTime.rates(e.getValue(), windows);
      System.out.printf("%s %s %.1f %.1f%n", e.getKey(), args[1], 1e9 / r[0], 1e9 / r[1]);
    }
  }
}
