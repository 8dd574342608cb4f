package dev.preaug.spark;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Named points in the life of an epoch's tasks where a test may act (make the task fail, say).
 * Production runs use {@link #NONE}, which does nothing. An implementation is chosen only by the
 * Spark setting {@value #CLASS_KEY} naming its class (a test's, on the test classpath); the
 * driver reads it once per run of epochs and ships the instance to the tasks inside the epoch's
 * spec. It is not a preaug config key and never part of the config hash.
 */
public interface TaskHooks extends Serializable {
  /** Spark setting (or SparkContext local property) naming a {@code TaskHooks} class. */
  String CLASS_KEY = "spark.preaug.task_hooks";

  /** Where in a task a hook runs. */
  enum Point {
    /** Stage one (or a direct shard task) after half of its samples were read. */
    READ,
    /** Stage two, before any output file is opened. */
    BEFORE_WRITE,
    /** After half of the shard's records were written. */
    MID_SHARD,
    /** The shard's files are closed; the report has not reached the driver yet. */
    AFTER_WRITE
  }

  /** Called at {@code point} of the task that builds {@code partition} of {@code epoch}. */
  void at(Point point, long epoch, int partition);

  /** The hooks of production runs: none. */
  TaskHooks NONE = None.INSTANCE;

  /** The no-op hooks (an enum, so it stays a singleton through serialization). */
  enum None implements TaskHooks {
    INSTANCE;

    @Override
    public void at(Point point, long epoch, int partition) {}
  }

  /**
   * The hooks {@code sc} names: its local property {@value #CLASS_KEY} if set on this thread,
   * else its Spark setting, else {@link #NONE}. The class needs a public constructor taking the
   * same lookup (local property, then Spark setting) for its own settings.
   */
  static TaskHooks load(JavaSparkContext sc) {
    Function<String, String> setting = key -> {
      String local = sc.getLocalProperty(key);
      return local != null ? local : sc.getConf().get(key, null);
    };
    String name = setting.apply(CLASS_KEY);
    if (name == null || name.isBlank()) {
      return NONE;
    }
    try {
      return (TaskHooks) Class.forName(name.strip(), true,
              Thread.currentThread().getContextClassLoader())
          .getConstructor(Function.class).newInstance(setting);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(CLASS_KEY + " = " + name + ": " + cause, cause);
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(CLASS_KEY + " = " + name + ": not a usable "
          + TaskHooks.class.getName() + " (" + e + ")", e);
    }
  }
}
