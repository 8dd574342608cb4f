package dev.preaug.reliability;

import dev.preaug.core.recipe.Rng;
import dev.preaug.spark.TaskHooks;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Deliberate task failures for the reliability tests, as {@link TaskHooks}: selected by the
 * Spark setting {@code spark.preaug.task_hooks = dev.preaug.reliability.FaultPlan} and
 * configured by {@value #SPEC_KEY} ({@code fraction=F;points=a,b;attempts=N;seed=S}). A fault
 * fires in a task chosen by a seeded hash of (point, epoch, partition), at a named point of the
 * task, on its first {@code attempts} attempts, so with Spark's retries the run recovers and the
 * tests can check that the published bytes equal a fault-free run's.
 *
 * <p>Points: {@code read} (stage one, after half the split's samples), {@code before_write}
 * (stage two, before any file is opened), {@code mid_shard} (after half the shard's records are
 * written), {@code after_write} (files closed, before the report reaches the driver).
 */
public final class FaultPlan implements TaskHooks {
  private static final long serialVersionUID = 1L;
  /** The Spark setting (or local property) holding the plan. */
  public static final String SPEC_KEY = "spark.preaug.test.faults";

  private final double fraction;
  private final Set<Point> points;
  private final int attempts;
  private final long seed;

  /** Reads the plan from {@value #SPEC_KEY}; called by {@link TaskHooks#load} on the driver. */
  public FaultPlan(Function<String, String> settings) {
    String text = settings.apply(SPEC_KEY);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(SPEC_KEY + " is not set");
    }
    double f = 1.0;
    Set<Point> ps = EnumSet.allOf(Point.class);
    int a = 1;
    long s = 0;
    for (String part : text.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw bad(text, "'" + part.trim() + "' is not key=value");
      }
      String k = kv[0].trim();
      String v = kv[1].trim();
      switch (k) {
        case "fraction" -> {
          f = Double.parseDouble(v);
          if (!(f >= 0 && f <= 1)) {
            throw bad(text, "fraction must be in [0, 1]");
          }
        }
        case "points" -> {
          ps = EnumSet.noneOf(Point.class);
          for (String p : v.split(",")) {
            ps.add(Point.valueOf(p.trim().toUpperCase(Locale.ROOT)));
          }
        }
        case "attempts" -> a = Integer.parseInt(v);
        case "seed" -> s = Long.parseLong(v);
        default -> throw bad(text, "unknown setting '" + k + "'");
      }
    }
    this.fraction = f;
    this.points = ps;
    this.attempts = a;
    this.seed = s;
  }

  private static IllegalArgumentException bad(String text, String rule) {
    return new IllegalArgumentException(SPEC_KEY + " = '" + text + "': " + rule);
  }

  /** Makes the runs on this thread of {@code sc} use {@code spec}, until closed. */
  public static AutoCloseable install(JavaSparkContext sc, String spec) {
    sc.setLocalProperty(TaskHooks.CLASS_KEY, FaultPlan.class.getName());
    sc.setLocalProperty(SPEC_KEY, spec);
    return () -> {
      sc.setLocalProperty(TaskHooks.CLASS_KEY, null);
      sc.setLocalProperty(SPEC_KEY, null);
    };
  }

  /** The spark-submit options that select a plan for a CLI run (test classes on its path). */
  public static java.util.List<String> submitOptions(String spec, java.nio.file.Path classes) {
    return java.util.List.of("--conf", "spark.driver.extraClassPath=" + classes,
        "--conf", TaskHooks.CLASS_KEY + "=" + FaultPlan.class.getName(),
        "--conf", SPEC_KEY + "=" + spec);
  }

  /** Thrown by an injected fault; its message says where, so logs show it was deliberate. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String msg) {
      super(msg);
    }
  }

  private boolean planned(Point point, long epoch, int partition) {
    if (!points.contains(point) || fraction <= 0) {
      return false;
    }
    String name = point.name().toLowerCase(Locale.ROOT);
    long h = Rng.mix(seed, epoch, partition, name.hashCode());
    return (h >>> 11) * 0x1.0p-53 < fraction;
  }

  @Override
  public void at(Point point, long epoch, int partition) {
    if (!planned(point, epoch, partition)) {
      return;
    }
    TaskContext tc = TaskContext.get();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    if (attempt < attempts) {
      throw new InjectedFault("injected fault at " + point.name().toLowerCase(Locale.ROOT)
          + " in epoch " + epoch + " partition " + partition + " (attempt " + attempt + ")");
    }
  }
}
