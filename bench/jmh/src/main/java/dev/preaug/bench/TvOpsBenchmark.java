package dev.preaug.bench;

import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Affine;
import dev.preaug.core.ops.AutoContrast;
import dev.preaug.core.ops.Brightness;
import dev.preaug.core.ops.Contrast;
import dev.preaug.core.ops.Equalize;
import dev.preaug.core.ops.Grayscale;
import dev.preaug.core.ops.HFlip;
import dev.preaug.core.ops.Hue;
import dev.preaug.core.ops.Invert;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.PadCrop;
import dev.preaug.core.ops.Posterize;
import dev.preaug.core.ops.ResizedCrop;
import dev.preaug.core.ops.Rotate;
import dev.preaug.core.ops.Saturation;
import dev.preaug.core.ops.Sharpness;
import dev.preaug.core.ops.Solarize;
import dev.preaug.core.ops.VFlip;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Nanoseconds per image on one thread for each torchvision op of the registry on RGB 32x32
 * (CIFAR-sized) {@code DemoColour} images, through {@link Op#apply(Image)} as the job calls it.
 * The op is built per image from that image's parameters (the job builds a fresh op per record,
 * and torchvision's {@code F.*} does its own set-up, a rotation matrix for example, on every
 * call).
 *
 * <p>The parameters are what {@code RandomCrop(32, padding=4) | RandomHorizontalFlip() |
 * RandAugment(num_ops=2, magnitude=9)} draws, a deterministic function of the image's index
 * {@code k} ({@link #op}); bench/tv_ops.py computes the same values for torchvision's own calls
 * on the same images (dev.preaug.bench.ColourSet with seed 42 writes them), and bench/tv_ops.sh
 * prints both side by side. Change one side and change the other.
 *
 * @see TvCpuTime the same per second of thread CPU time, for a shared machine
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TvOpsBenchmark {
  static final int N = 1024;
  private static final int MASK = N - 1;
  static final int SIDE = 32;
  /** Every op benchmarked, in table order (bench/tv_ops.sh). */
  static final List<String> OPS = List.of("hflip", "vflip", "invert", "posterize", "solarize",
      "autocontrast", "equalize", "brightness", "contrast", "sharpness", "saturation", "hue",
      "grayscale", "pad_crop", "affine", "resized_crop", "rotate");

  /** The op's spec name. */
  @Param({"hflip", "vflip", "invert", "posterize", "solarize", "autocontrast", "equalize",
      "brightness", "contrast", "sharpness", "saturation", "hue", "grayscale", "pad_crop",
      "affine", "resized_crop", "rotate"})
  public String name;

  private Image[] images;
  private int i;

  /**
   * RandAugment's magnitude 9 of 31 bins for the enhance ops: {@code linspace(0, 0.9, 31)[9]},
   * applied as {@code 1 +/- m}.
   */
  static final double ENHANCE = 0.27;
  /** RandAugment's magnitude 9 for ShearX/Y, {@code linspace(0, 0.3, 31)[9]}, in degrees. */
  static final double SHEAR_DEGREES = Math.toDegrees(Math.atan(0.09));
  /** RandAugment's TranslateX/Y at magnitude 9 on 32x32: int(150 / 331 * 32 * 9 / 30). */
  static final int TRANSLATE = 4;

  /** Plus for even groups of {@code every} images, minus for odd ones. */
  private static int sign(int k, int every) {
    return (k / every) % 2 == 0 ? 1 : -1;
  }

  /**
   * The op image {@code k} gets, built with the job's constructors. bench/tv_ops.py {@code
   * params} must stay the same function of {@code k}.
   */
  static Op op(String name, int k) {
    switch (name) {
      case "hflip":
        return HFlip.INSTANCE;
      case "vflip":
        return VFlip.INSTANCE;
      case "invert":
        return Invert.INSTANCE;
      case "autocontrast":
        return AutoContrast.INSTANCE;
      case "equalize":
        return Equalize.INSTANCE;
      case "posterize": // RandAugment magnitude 9: 8 - round(9 / 7.5) bits
        return new Posterize(7);
      case "solarize": // RandAugment magnitude 9: linspace(255, 0, 31)[9]
        return new Solarize(178.5);
      case "brightness":
        return new Brightness(1 + sign(k, 1) * ENHANCE);
      case "contrast":
        return new Contrast(1 + sign(k, 1) * ENHANCE);
      case "sharpness":
        return new Sharpness(1 + sign(k, 1) * ENHANCE);
      case "saturation": // RandAugment's "Color"
        return new Saturation(1 + sign(k, 1) * ENHANCE);
      case "hue": // ColorJitter(hue=0.1): factors in [-0.1, 0.1]
        return new Hue(((k % 21) - 10) / 100.0);
      case "grayscale": // RandomGrayscale on RGB: F.rgb_to_grayscale(img, 3)
        return Grayscale.INSTANCE;
      case "pad_crop": // RandomCrop(32, padding=4): a 32x32 window of the 40x40 padded image
        return new PadCrop(4, 4, 4, 4, "constant", k % 9, (k / 9) % 9, SIDE, SIDE, 0);
      case "affine": { // RandAugment's ShearX, ShearY (about [0, 0]), TranslateX, TranslateY
        int s = sign(k, 4);
        switch (k % 4) {
          case 0:
            return new Affine(0, 0, 0, 1, s * SHEAR_DEGREES, 0, 0, 0, 0);
          case 1:
            return new Affine(0, 0, 0, 1, 0, s * SHEAR_DEGREES, 0, 0, 0);
          case 2:
            return new Affine(0, s * TRANSLATE, 0, 1, 0, 0, 0);
          default:
            return new Affine(0, 0, s * TRANSLATE, 1, 0, 0, 0);
        }
      }
      case "resized_crop": { // RandomResizedCrop(32)-like windows, bilinear back to 32x32
        int h = 12 + k % 21;
        int w = Math.min(SIDE, h * (4 + (k / 21) % 3) / 5);
        return new ResizedCrop(k % (SIDE - h + 1), (k / 7) % (SIDE - w + 1), h, w, SIDE, SIDE,
            "bilinear");
      }
      case "rotate": // RandAugment's Rotate at magnitude 9: +/-9 degrees, nearest, black fill
        return new Rotate(sign(k, 1) * 9.0);
      default:
        throw new IllegalArgumentException("TvOpsBenchmark: unknown op " + name
            + ", expected one of " + OPS);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    op(name, 0); // fails here, not in a measurement, for an unknown name
    images = ColourOpsBenchmark.inputs("RGB" + SIDE, N);
  }

  @Benchmark
  public Image apply() {
    int k = i++ & MASK;
    return op(name, k).apply(images[k]);
  }
}
