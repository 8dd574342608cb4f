package dev.preaug.core.recipe;

import dev.preaug.core.image.Float16;
import dev.preaug.core.image.Image;
import java.util.SplittableRandom;

/**
 * Runs a recipe's kernels on synthetic images in a background thread while Spark starts, so
 * that the JIT has compiled them by the time the first task runs.
 *
 * <p>Why: until C2 compiles them, the Vector API kernels run as boxed Java objects, tens of
 * times slower than compiled code (the JVM interprets, then C1 compiles without the API's
 * intrinsics). In a fresh JVM that made the first epoch take more than twice as long as the
 * next. Spark's start-up keeps one core busy loading classes for about two seconds while the
 * other waits; the warm-up uses that core. Nothing it computes reaches the output: it draws its
 * own ops from its own seed on its own images, and it stops (and its thread ends) when
 * {@link #close()} is called, at the latest when the job's first task is about to run.
 *
 * <p>It only helps the JVM it runs in: in local mode that is where the tasks run; a cluster's
 * executors warm up on their own first records.
 */
public final class KernelWarmUp implements AutoCloseable {
  /** Stop after this long even if nobody closes it (a driver left waiting, a stalled start). */
  private static final long MAX_NANOS = 20_000_000_000L;
  private final Thread thread;
  private volatile boolean stop;
  private volatile long images;

  private KernelWarmUp(Recipe recipe, int width, int height, int channels) {
    thread = new Thread(() -> run(recipe, width, height, channels), "preaug-kernel-warm-up");
    thread.setDaemon(true);
  }

  /** Starts warming up the kernels {@code recipe} uses on images of the given shape. */
  public static KernelWarmUp start(Recipe recipe, int width, int height, int channels) {
    KernelWarmUp w = new KernelWarmUp(recipe, width, height, channels);
    w.thread.start();
    return w;
  }

  /** Whether its thread still runs. */
  public boolean running() {
    return thread.isAlive();
  }

  /** Images augmented so far (for the run log). */
  public long images() {
    return images;
  }

  private void run(Recipe recipe, int width, int height, int channels) {
    SplittableRandom rnd = new SplittableRandom(20261206L);
    int px = width * height * channels;
    // A few float16 inputs in [0, 1] (half of them black), converted as the record path does.
    int count = 16;
    byte[][] halves = new byte[count][2 * px];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < px; p++) {
        // Half-precision bit patterns 0..0x3C00 are exactly the values in [0, 1].
        int bits = i % 2 == 0 ? rnd.nextInt(0x3C01) : 0;
        halves[i][2 * p] = (byte) bits;
        halves[i][2 * p + 1] = (byte) (bits >> 8);
      }
    }
    long deadline = System.nanoTime() + MAX_NANOS;
    long n = 0;
    long sink = 0;
    while (!stop && System.nanoTime() < deadline) {
      int i = (int) (n % count);
      byte[] u8 = new byte[px];
      Float16.toUint8(halves[i], 0, u8, 0, px);
      Rng rng = Rng.forRecord(20261206L, 0, n, 0);
      sink += recipe.sample(rng, width, height).apply(Image.wrap(width, height, channels, u8))
          .array()[0];
      images = ++n;
    }
    if (sink == 42) {
      images = n; // keeps the results live for the JIT
    }
  }

  /** Stops the warm-up and waits (briefly) for its thread to end. */
  @Override
  public void close() {
    stop = true;
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
