package dev.preaug.core.ops;

/**
 * Whether the kernels use the JDK's Vector API ({@code jdk.incubator.vector}). It is an incubator
 * module, so a JVM sees it only when started with {@code --add-modules jdk.incubator.vector}
 * (submit.sh, the Spark and test configurations and the benchmarks pass it). Without it, or on a
 * CPU whose vectors are narrower than 256 bits (where the API would fall back to slow Java
 * loops), or in a JVM without C2 (see {@link #optimizingJit}), every kernel runs its plain-Java
 * loop. Both paths give identical bytes; the vector
 * kernels' tests compare them on every size class.
 *
 * <p>{@code -Dpreaug.simd=false} forces the plain loops, for comparing speed or ruling the
 * vector path out when chasing a problem.
 */
public final class Simd {
  /** Why the plain loops run, or null when the vector kernels do. */
  private static final String WHY_NOT = whyNot();
  /** Decided once per JVM, before any kernel runs. */
  static final boolean ENABLED = WHY_NOT == null;

  /**
   * Whether byte permutes across a whole vector are single instructions (512-bit vectors with
   * AVX-512 VBMI, read from /proc/cpuinfo): the JDK runs them as Java loops otherwise, so the
   * kernels built on them ({@link AffineVectors}) are off there.
   */
  static final boolean BYTE_PERMUTE = ENABLED && bytePermute();

  private Simd() {}

  private static boolean bytePermute() {
    if (SimdShapes.bits() < 512) {
      return false;
    }
    try (java.util.stream.Stream<String> lines =
        java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> java.util.Arrays.asList(l.split("\\s+")).contains("avx512vbmi"))
          .orElse(false);
    } catch (java.io.IOException | RuntimeException e) {
      return false; // not Linux, or not readable: assume the Java loops
    }
  }

  /** {@link #ENABLED}, for the kernels outside this package (the float16 input conversion). */
  public static boolean enabled() {
    return ENABLED;
  }

  private static String whyNot() {
    if ("false".equalsIgnoreCase(System.getProperty("preaug.simd", "true").trim())) {
      return "-Dpreaug.simd=false";
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return "the JVM was started without --add-modules=jdk.incubator.vector";
    }
    if (!optimizingJit()) {
      return "no C2 JIT in this JVM: -Xint or -XX:TieredStopAtLevel below 4";
    }
    try {
      return SimdShapes.wideEnough() ? null
          : "the CPU's vectors are " + SimdShapes.bits() + " bits, below 256";
    } catch (LinkageError e) {
      // The module is in the boot layer but this code cannot read it (a custom module graph).
      return "jdk.incubator.vector is not readable here: " + e;
    }
  }

  /**
   * Whether C2 will compile the kernels. Only C2 turns Vector API calls into vector
   * instructions; the interpreter and C1 (-Xint, -XX:TieredStopAtLevel=1..3, as quick test and
   * tooling JVMs use) run them as boxed Java objects, several times slower than the plain loops.
   */
  static boolean optimizingJit() {
    if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
      return false;
    }
    try {
      com.sun.management.HotSpotDiagnosticMXBean hotspot = java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      boolean tiered = Boolean.parseBoolean(hotspot.getVMOption("TieredCompilation").getValue());
      int stop = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
      return !tiered || stop >= 4;
    } catch (RuntimeException | LinkageError e) {
      return true; // not HotSpot, or the management module is absent: assume an optimising JIT
    }
  }

  /** A line for logs: which path the kernels take in this JVM, and why. */
  public static String describe() {
    if (!ENABLED) {
      return "plain Java (" + WHY_NOT + ")";
    }
    return "vector (" + SimdShapes.bits() + "-bit lanes; " + (BYTE_PERMUTE
        ? "affine maps by byte permutes" : "affine maps per pixel, no 512-bit byte permutes")
        + ")";
  }
}
