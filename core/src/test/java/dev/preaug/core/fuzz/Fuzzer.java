package dev.preaug.core.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link FuzzTarget} over seeded mutants, one input at a time on a worker thread, and
 * checks each against the target's contract: only documented exceptions, no input running past
 * the per-input timeout (a hang), and no input allocating more than the target's bound
 * (measured per input with the JVM's per-thread allocation counter, so a parser that sizes an
 * array from a declared length is caught even when the heap happens to be big enough).
 *
 * <p>Mutant {@code i} of a run with seed {@code s} depends only on (s, i): {@link #input} rebuilds
 * any one of them.
 */
final class Fuzzer {
  /** At most this many failures are kept in detail per target. */
  private static final int MAX_FAILURES = 20;

  private Fuzzer() {}

  /** The outcome of one target's run. */
  static final class Report {
    final String target;
    final long seed;
    long inputs;
    long accepted;
    final Map<String, Long> rejected = new TreeMap<>();
    long hangs;
    long maxNanos;
    long maxAllocated;
    long totalNanos;
    final List<String> failures = new ArrayList<>();
    long failureCount;

    Report(String target, long seed) {
      this.target = target;
      this.seed = seed;
    }

    boolean ok() {
      return failureCount == 0;
    }

    /** One line: counts, outcome classes, worst time and allocation. */
    String summary() {
      return String.format(Locale.ROOT,
          "fuzz %-14s seed %d: %,d inputs, %,d accepted, %,d rejected %s, %d failures, %d hangs,"
              + " max %.1f ms/input (mean %.3f ms), max %,d bytes allocated by one input",
          target, seed, inputs, accepted, inputs - accepted - failureCount, rejected,
          failureCount, hangs, maxNanos / 1e6, inputs == 0 ? 0 : totalNanos / 1e6 / inputs,
          maxAllocated);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(summary());
      for (String f : failures) {
        sb.append("\n  ").append(f);
      }
      return sb.toString();
    }
  }

  /** Mutant {@code i} of the run with {@code seed} (seed index in {@code which[0]}). */
  static byte[] input(FuzzTarget t, List<byte[]> seeds, long seed, long i, int[] which) {
    Mutator m = new Mutator(seed * 0x9E3779B97F4A7C15L + i * 0xC2B2AE3D27D4EB4FL + 1);
    int s = m.nextInt(seeds.size());
    which[0] = s;
    byte[] mutant = m.mutate(seeds.get(s), t.dictionary(), t.lengthFields(seeds.get(s)), seeds,
        t.inPlace());
    return t.fixup(mutant, m);
  }

  static Report run(FuzzTarget t, long seed, long iterations, long timeoutMillis) {
    Report rep = new Report(t.name(), seed);
    List<byte[]> seeds = t.seeds();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ExecutorService worker = newWorker(t.name());
    try {
      // The seeds themselves must be accepted: otherwise the target is broken, not the parser.
      for (int s = 0; s < seeds.size(); s++) {
        int index = s;
        try {
          worker.submit(() -> {
            t.parse(index, seeds.get(index));
            return null;
          }).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
          Throwable c = e instanceof ExecutionException ? e.getCause() : e;
          throw new IllegalStateException(t.name() + ": seed " + s + " is not accepted: "
              + describe(c), c);
        }
      }
      int[] which = new int[1];
      for (long i = 0; i < iterations; i++) {
        byte[] in = input(t, seeds, seed, i, which);
        int seedIndex = which[0];
        Future<Outcome> f = worker.submit(() -> {
          long a0 = mx.getCurrentThreadAllocatedBytes();
          long t0 = System.nanoTime();
          Throwable thrown = null;
          try {
            t.parse(seedIndex, in);
          } catch (Throwable e) {
            thrown = e;
          }
          long nanos = System.nanoTime() - t0;
          long alloc = mx.getCurrentThreadAllocatedBytes() - a0;
          if (thrown != null && !t.documented(thrown)) {
            throw new Undocumented(thrown, nanos, alloc);
          }
          return new Outcome(thrown == null ? null : thrown.getClass().getSimpleName(), nanos,
              alloc);
        });
        rep.inputs++;
        long nanos;
        long alloc;
        try {
          Outcome r = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
          nanos = r.nanos();
          alloc = r.alloc();
          if (r.rejectedBy() == null) {
            rep.accepted++;
          } else {
            rep.rejected.merge(r.rejectedBy(), 1L, Long::sum);
          }
        } catch (TimeoutException e) {
          f.cancel(true);
          worker.shutdownNow();
          worker = newWorker(t.name());
          rep.hangs++;
          fail(rep, i, in, "no result within " + timeoutMillis + " ms (hang)");
          continue;
        } catch (ExecutionException e) {
          Undocumented u = (Undocumented) e.getCause();
          fail(rep, i, in, "undocumented " + describe(u.getCause()));
          nanos = u.nanos;
          alloc = u.alloc;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        rep.totalNanos += nanos;
        rep.maxNanos = Math.max(rep.maxNanos, nanos);
        rep.maxAllocated = Math.max(rep.maxAllocated, alloc);
        long bound = t.allocationBound(in);
        if (alloc > bound) {
          fail(rep, i, in, "allocated " + alloc + " bytes, bound " + bound);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    return rep;
  }

  /** What one input did: the simple name of its documented rejection (null: accepted). */
  private record Outcome(String rejectedBy, long nanos, long alloc) {}

  private static void fail(Report rep, long i, byte[] in, String what) {
    rep.failureCount++;
    if (rep.failures.size() < MAX_FAILURES) {
      String data = in.length <= 2048 ? Base64.getEncoder().encodeToString(in)
          : "(" + in.length + " bytes)";
      rep.failures.add("input " + i + " (" + in.length + " bytes): " + what + "; base64 "
          + data);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] st = e.getStackTrace();
    for (int k = 0; k < Math.min(4, st.length); k++) {
      sb.append(" at ").append(st[k]);
    }
    return sb.toString();
  }

  private static ExecutorService newWorker(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread th = new Thread(r, "fuzz-" + name);
      th.setDaemon(true);
      return th;
    });
  }

  /** Carries an undocumented exception back from the worker with its measurements. */
  private static final class Undocumented extends Exception {
    private static final long serialVersionUID = 1L;
    final long nanos;
    final long alloc;

    Undocumented(Throwable cause, long nanos, long alloc) {
      super(cause);
      this.nanos = nanos;
      this.alloc = alloc;
    }
  }
}
