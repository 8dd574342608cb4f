package dev.preaug.spark;

import dev.preaug.core.BadInputException;
import dev.preaug.core.recipe.Rng;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.TaskContext;

/**
 * Deliberate task failures for reliability tests ({@code debug.inject_faults}, off by default).
 * A fault fires in a task chosen by a seeded hash of (point, epoch, partition), at a named point
 * of the task, on its first {@code attempts} attempts, so with Spark's retries the run recovers
 * and the tests can check that the published bytes equal a fault-free run's.
 *
 * <p>Points: {@code read} (stage one, after half the split's samples), {@code before_write}
 * (stage two, before any file is opened), {@code mid_shard} (after half the shard's records are
 * written), {@code after_write} (files closed, before the report reaches the driver).
 */
public final class FaultPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final Set<String> POINTS = Set.of("read", "before_write", "mid_shard",
      "after_write");
  public static final FaultPlan NONE = new FaultPlan(0, Set.of(), 0, 0);

  private final double fraction;
  private final Set<String> points;
  private final int attempts;
  private final long seed;

  private FaultPlan(double fraction, Set<String> points, int attempts, long seed) {
    this.fraction = fraction;
    this.points = Set.copyOf(points);
    this.attempts = attempts;
    this.seed = seed;
  }

  /** Thrown by an injected fault; its message says where, so logs show it was deliberate. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String msg) {
      super(msg);
    }
  }

  /** Parses {@code fraction=F;points=a,b;attempts=N;seed=S}; empty text is {@link #NONE}. */
  public static FaultPlan parse(String text, String origin) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    double fraction = 1.0;
    Set<String> points = new LinkedHashSet<>(POINTS);
    int attempts = 1;
    long seed = 0;
    for (String part : text.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw bad(origin, text, "'" + part.trim() + "' is not key=value");
      }
      String k = kv[0].trim();
      String v = kv[1].trim();
      try {
        switch (k) {
          case "fraction":
            fraction = Double.parseDouble(v);
            if (!(fraction >= 0 && fraction <= 1)) {
              throw bad(origin, text, "fraction must be in [0, 1]");
            }
            break;
          case "points":
            points.clear();
            for (String p : v.split(",")) {
              if (!POINTS.contains(p.trim())) {
                throw bad(origin, text, "unknown point '" + p.trim() + "' (expected " + POINTS
                    + ")");
              }
              points.add(p.trim());
            }
            break;
          case "attempts":
            attempts = Integer.parseInt(v);
            break;
          case "seed":
            seed = Long.parseLong(v);
            break;
          default:
            throw bad(origin, text, "unknown setting '" + k
                + "' (expected fraction, points, attempts, seed)");
        }
      } catch (NumberFormatException e) {
        throw bad(origin, text, "'" + v + "' is not a number");
      }
    }
    return new FaultPlan(fraction, points, attempts, seed);
  }

  private static BadInputException bad(String origin, String text, String rule) {
    return new BadInputException(origin, "", "debug.inject_faults = '" + text + "': " + rule);
  }

  public boolean enabled() {
    return !points.isEmpty() && fraction > 0;
  }

  /** Whether a fault is planned at {@code point} for this partition of this epoch. */
  boolean planned(String point, long epoch, int partition) {
    if (!enabled() || !points.contains(point)) {
      return false;
    }
    long h = Rng.mix(seed, epoch, partition, point.hashCode());
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }

  /** Throws at {@code point} if this task attempt is one the plan makes fail. */
  void maybeFail(String point, long epoch, int partition) {
    if (!planned(point, epoch, partition)) {
      return;
    }
    TaskContext tc = TaskContext.get();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    if (attempt < attempts) {
      throw new InjectedFault("injected fault at " + point + " in epoch " + epoch
          + " partition " + partition + " (attempt " + attempt + ")");
    }
  }
}
