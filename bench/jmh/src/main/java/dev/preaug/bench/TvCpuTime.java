package dev.preaug.bench;

import dev.preaug.core.image.Image;
import dev.preaug.core.npy.NpyDtype;
import dev.preaug.core.npy.NpyHeader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link TvOpsBenchmark} timed per second of this thread's CPU time (see {@link CpuTime}), for
 * a shared machine. Prints one line per op, {@code <name> <ns per image, median> <ns, best>}.
 *
 * <pre>
 * java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.TvCpuTime windows [name ...]
 * java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.TvCpuTime --dump DIR
 * </pre>
 *
 * Name one op per JVM for numbers free of other ops' JIT profiles, as bench/tv_ops.sh does.
 * {@code --dump} writes what every op makes of every benchmark image, {@code DIR/<name>.npy}
 * (uint8 {@code [1024,32,32,3]}), so bench/tv_ops.py {@code --check DIR} can show that both
 * sides of the table computed the same pixels.
 */
public final class TvCpuTime {
  private TvCpuTime() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || (args[0].equals("--dump") && args.length != 2)) {
      System.err.println("usage: TvCpuTime windows [name ...] | TvCpuTime --dump DIR");
      System.exit(2);
    }
    if (args[0].equals("--dump")) {
      dump(Path.of(args[1]));
      return;
    }
    int windows = Integer.parseInt(args[0]);
    List<String> names = args.length > 1 ? List.of(args).subList(1, args.length)
        : TvOpsBenchmark.OPS;
    for (String name : names) {
      if (!TvOpsBenchmark.OPS.contains(name)) {
        System.err.println("TvCpuTime: unknown op " + name + ", expected one of "
            + TvOpsBenchmark.OPS);
        System.exit(2);
      }
    }
    for (String name : names) {
      TvOpsBenchmark b = new TvOpsBenchmark();
      b.name = name;
      b.setUp();
      double[] r = CpuTime.rates(b::apply, windows);
      System.out.printf("%s %.1f %.1f%n", name, 1e9 / r[0], 1e9 / r[1]);
    }
  }

  private static void dump(Path dir) throws IOException {
    Files.createDirectories(dir);
    int n = TvOpsBenchmark.N;
    int side = TvOpsBenchmark.SIDE;
    Image[] images = ColourOpsBenchmark.inputs("RGB" + side, n);
    for (String name : TvOpsBenchmark.OPS) {
      try (OutputStream out = new BufferedOutputStream(
          Files.newOutputStream(dir.resolve(name + ".npy")), 1 << 16)) {
        out.write(NpyHeader.of(NpyDtype.UINT8, n, side, side, 3).encode());
        for (int k = 0; k < n; k++) {
          out.write(TvOpsBenchmark.op(name, k).apply(images[k]).array());
        }
      }
    }
  }
}
