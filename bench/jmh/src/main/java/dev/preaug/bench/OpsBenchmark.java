package dev.preaug.bench;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.Sharpen;
import dev.preaug.core.ops.Smooth;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Images per second on one thread, 64x64 glyph-like inputs. Each op benchmark builds the op from
 * pre-drawn random parameters in the seed's ranges and applies it, because a recipe builds a new
 * op per image and construction is part of the cost (rotate's trigonometry and rounding live
 * there). {@link #recipe} does what the seed's {@code distort_sample} does per image: draw a
 * geometric op and a filter with a seeded SplittableRandom, build both and apply them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpsBenchmark {
  /** Power of two, so the rotation through inputs and parameters is a mask. */
  private static final int N = 1024;
  private static final int MASK = N - 1;

  private GrayImage[] images;
  private Op[] rotates;
  private Op[] shears;
  private Op[] resizes;
  private Op[] sines;
  private Op[] blurs;
  private double[] rotateAngles;
  private double[] blurRadii;
  private SplittableRandom recipeRandom;
  private int i;

  @Setup(Level.Trial)
  public void setUp() {
    images = Glyphs.make(N, 42);
    SplittableRandom rnd = new SplittableRandom(7);
    rotates = draw(rnd, SeedRecipe::rotate);
    shears = draw(rnd, SeedRecipe::shear);
    resizes = draw(rnd, SeedRecipe::resizePaste);
    sines = draw(rnd, SeedRecipe::sine);
    blurs = draw(rnd, SeedRecipe::blur);
    rotateAngles = new double[N];
    blurRadii = new double[N];
    for (int k = 0; k < N; k++) {
      rotateAngles[k] = rnd.nextDouble(-15, 15);
      blurRadii[k] = rnd.nextDouble(0.5, 1.2);
    }
    recipeRandom = new SplittableRandom(2024);
  }

  private static Op[] draw(SplittableRandom rnd, Function<SplittableRandom, Op> maker) {
    Op[] ops = new Op[N];
    for (int k = 0; k < N; k++) {
      ops[k] = maker.apply(rnd);
    }
    return ops;
  }

  private GrayImage next() {
    return images[i++ & MASK];
  }

  /** Construction included: a recipe makes a new Rotate per image. */
  @Benchmark
  public GrayImage rotate() {
    int k = i & MASK;
    return new dev.preaug.core.ops.Rotate(rotateAngles[k]).apply(next());
  }

  @Benchmark
  public GrayImage shear() {
    return shears[i & MASK].apply(next());
  }

  @Benchmark
  public GrayImage resizePaste() {
    return resizes[i & MASK].apply(next());
  }

  @Benchmark
  public GrayImage sine() {
    return sines[i & MASK].apply(next());
  }

  /** Construction included: the box radius and weights are computed per instance. */
  @Benchmark
  public GrayImage gaussianBlur() {
    int k = i & MASK;
    return new dev.preaug.core.ops.GaussianBlur(blurRadii[k]).apply(next());
  }

  @Benchmark
  public GrayImage sharpen() {
    return Sharpen.INSTANCE.apply(next());
  }

  @Benchmark
  public GrayImage smooth() {
    return Smooth.INSTANCE.apply(next());
  }

  /** The whole default recipe: draw, build and apply one geometric op and one filter. */
  @Benchmark
  public GrayImage recipe() {
    Op geometric = SeedRecipe.geometric(recipeRandom);
    Op filter = SeedRecipe.filter(recipeRandom);
    return filter.apply(geometric.apply(next()));
  }

  /** The recipe plus the canonical spec string every output record carries. */
  @Benchmark
  public String recipeWithSpec() {
    Op chain = new OpChain(List.of(SeedRecipe.geometric(recipeRandom),
        SeedRecipe.filter(recipeRandom)));
    GrayImage out = chain.apply(next());
    return chain.spec() + out.width();
  }

  /** Ops built in setup: the pure pixel work of the rotations, for comparison with rotate(). */
  @Benchmark
  public GrayImage rotatePrebuilt() {
    return rotates[i & MASK].apply(next());
  }

  /** Ops built in setup, for comparison with gaussianBlur(). */
  @Benchmark
  public GrayImage gaussianBlurPrebuilt() {
    return blurs[i & MASK].apply(next());
  }
}
