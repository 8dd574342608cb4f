package dev.preaug.bench;

import dev.preaug.core.demo.DemoColour;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.GaussianBlur;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.Rotate;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per image on one thread for the seven ops and the seed's recipe on colour images
 * next to gray ones, all through {@link Op#apply(Image)} as the job calls them (a colour image is
 * split into bands, each band goes through the gray kernel, the bands are merged). Inputs are
 * {@link DemoColour} images (CIFAR-like: gradients, a shape, noise); the gray inputs ({@code
 * L64}) are the green band of the same 64x64 images, so a ratio RGB64/L64 compares equal content.
 * Parameters are the seed's ranges, resize_paste's scaled to the side (32: {@code randrange(12,
 * 31)}), drawn in setup; rotate and blur are built per image as in {@link OpsBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ColourOpsBenchmark {
  private static final int N = 1024;
  private static final int MASK = N - 1;

  /** {@code L64} (gray 64x64), {@code RGB64} or {@code RGB32}. */
  @Param({"L64", "RGB64", "RGB32"})
  public String shape;

  private Image[] images;
  private Op[] shears;
  private Op[] resizes;
  private Op[] sines;
  private double[] rotateAngles;
  private double[] blurRadii;
  private SplittableRandom recipeRandom;
  private int side;
  private int i;

  /** The inputs of {@code shape}: {@link #N} DemoColour images (10 classes), or their G band. */
  static Image[] inputs(String shape, int count) {
    boolean gray = shape.startsWith("L");
    int side = Integer.parseInt(shape.substring(gray ? 1 : 3));
    if (!shape.equals("L" + side) && !shape.equals("RGB" + side)) {
      throw new IllegalArgumentException("shape " + shape + ": expected L<side> or RGB<side>");
    }
    Image[] out = new Image[count];
    for (int k = 0; k < count; k++) {
      Image rgb = Image.wrap(side, side, 3, DemoColour.image(42, k % 10, k / 10, side, side));
      out[k] = gray ? Image.of(rgb.band(1)) : rgb;
    }
    return out;
  }

  @Setup(Level.Trial)
  public void setUp() {
    images = inputs(shape, N);
    side = images[0].width();
    SplittableRandom rnd = new SplittableRandom(7);
    shears = draw(rnd, SeedRecipe::shear);
    resizes = draw(rnd, r -> SeedRecipe.resizePaste(r, side));
    sines = draw(rnd, SeedRecipe::sine);
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

  private Image next() {
    return images[i++ & MASK];
  }

  @Benchmark
  public Image rotate() {
    return new Rotate(rotateAngles[i & MASK]).apply(next());
  }

  @Benchmark
  public Image shear() {
    return shears[i & MASK].apply(next());
  }

  @Benchmark
  public Image resizePaste() {
    return resizes[i & MASK].apply(next());
  }

  @Benchmark
  public Image sine() {
    return sines[i & MASK].apply(next());
  }

  @Benchmark
  public Image gaussianBlur() {
    return new GaussianBlur(blurRadii[i & MASK]).apply(next());
  }

  @Benchmark
  public Image sharpen() {
    return Sharpen.INSTANCE.apply(next());
  }

  @Benchmark
  public Image smooth() {
    return Smooth.INSTANCE.apply(next());
  }

  /** The recipe as the record plan applies it: one chain, so a colour image is split once. */
  @Benchmark
  public Image recipe() {
    return new OpChain(List.of(SeedRecipe.geometric(recipeRandom, side),
        SeedRecipe.filter(recipeRandom))).apply(next());
  }

  /** The band split and merge alone: what a colour image pays on top of its three bands. */
  @Benchmark
  public Image splitMerge() {
    return Image.merge(next().bands());
  }
}
