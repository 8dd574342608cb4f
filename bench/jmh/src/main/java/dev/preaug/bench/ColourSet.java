package dev.preaug.bench;

import dev.preaug.core.demo.DemoColour;
import java.nio.file.Path;

/**
 * Writes a CIFAR-like benchmark set with {@link DemoColour#write}: uint8 {@code [n,side,side,3]}
 * images and int64 labels, 10 classes.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.preaug.bench.ColourSet images.npy labels.npy n side seed</pre>
 */
public final class ColourSet {
  private ColourSet() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ColourSet images.npy labels.npy n side seed");
      System.exit(2);
    }
    int n = Integer.parseInt(args[2]);
    int side = Integer.parseInt(args[3]);
    DemoColour.write(Path.of(args[0]), Path.of(args[1]), n, 10, side, side,
        Long.parseLong(args[4]));
  }
}
