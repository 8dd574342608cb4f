package dev.preaug.core.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser fuzzer from the command line: {@code FuzzMain [ITERATIONS [SEED [TARGET...]]]}
 * (defaults 100000, 20261124, every target). Prints one summary line per target and the details
 * of every failure; exits 1 if any target failed. See docs/reliability.md for the classpath.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) {
    long iterations = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : ParserFuzzTest.SEED;
    List<FuzzTarget> targets = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      targets.add(Targets.byName(args[i]));
    }
    if (targets.isEmpty()) {
      targets.addAll(Targets.all());
    }
    boolean ok = true;
    long t0 = System.nanoTime();
    for (FuzzTarget t : targets) {
      Fuzzer.Report r = Fuzzer.run(t, seed, iterations, ParserFuzzTest.TIMEOUT_MS);
      System.out.println(r);
      ok &= r.ok();
    }
    System.out.printf("fuzz: %s in %.1f s%n", ok ? "OK" : "FAILED", (System.nanoTime() - t0) / 1e9);
    System.exit(ok ? 0 : 1);
  }
}
