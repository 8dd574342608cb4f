package dev.preaug.core.ops;

/**
 * Whether the kernels use the JDK's Vector API ({@code jdk.incubator.vector}). It is an incubator
 * module, so a JVM sees it only when started with {@code --add-modules jdk.incubator.vector}
 * (submit.sh, the Spark and test configurations and the benchmarks pass it). Without it, or on a
 * CPU whose vectors are narrower than 256 bits (where the API would fall back to slow Java
 * loops), every kernel runs its plain-Java loop. Both paths give identical bytes; the vector
 * kernels' tests compare them on every size class.
 *
 * <p>{@code -Dpreaug.simd=false} forces the plain loops, for comparing speed or ruling the
 * vector path out when chasing a problem.
 */
public final class Simd {
  /** Decided once per JVM, before any kernel runs. */
  static final boolean ENABLED = detect();

  private Simd() {}

  /** {@link #ENABLED}, for the kernels outside this package (the float16 input conversion). */
  public static boolean enabled() {
    return ENABLED;
  }

  private static boolean detect() {
    if ("false".equalsIgnoreCase(System.getProperty("preaug.simd", "true").trim())) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return SimdShapes.wideEnough();
    } catch (LinkageError e) {
      // The module is in the boot layer but this code cannot read it (a custom module graph).
      return false;
    }
  }

  /** A line for logs: which path the kernels take in this JVM, and why. */
  public static String describe() {
    return ENABLED ? "vector (" + SimdShapes.bits() + "-bit lanes)"
        : "plain Java (jdk.incubator.vector not enabled, narrower than 256 bits, or"
            + " -Dpreaug.simd=false)";
  }
}
