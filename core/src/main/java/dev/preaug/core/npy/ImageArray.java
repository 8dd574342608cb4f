package dev.preaug.core.npy;

import dev.preaug.core.BadInputException;
import dev.preaug.core.image.Float16;
import dev.preaug.core.image.Image;
import dev.preaug.core.io.LittleEndian;
import dev.preaug.core.ops.Op;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A stack of same-sized 8-bit images as an NPY file holds it: {@code [H,W]} (one gray image),
 * {@code [N,H,W]}, {@code [N,H,W,1]} (gray) or {@code [N,H,W,3]} (RGB), read strictly and written
 * back with the same shape as {@code |u1}. A single image ({@link #readImage}) is {@code [H,W]}
 * (mode L) or {@code [H,W,3]} (mode RGB), the golden format's arrays. The tools ({@code parity}, {@code apply}) use it; the Spark job has its own
 * range-reading source because it never holds a whole array.
 *
 * <p>Immutable: the pixel array is owned and never handed out.
 */
public final class ImageArray {
  /** Largest pixel count held in one Java array (the JDK's practical array limit). */
  static final long MAX_PIXELS = Integer.MAX_VALUE - 8;

  private final long[] shape;
  private final int count;
  private final int height;
  private final int width;
  private final int channels;
  private final byte[] pixels;

  private ImageArray(long[] shape, int count, int height, int width, int channels,
      byte[] pixels) {
    this.shape = shape;
    this.count = count;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.pixels = pixels;
  }

  /**
   * Reads an image array. uint8 is taken as is; float16 (the seed's format) only when
   * {@code acceptFloat16}, each value converted exactly as the seed's {@code np.uint8(x * 255)}
   * and refused outside [0, 1]. Every other dtype, rank or size is a {@link BadInputException}
   * naming the file and the rule.
   */
  public static ImageArray read(Path file, boolean acceptFloat16) throws IOException {
    return read(file, acceptFloat16, false);
  }

  private static ImageArray read(Path file, boolean acceptFloat16, boolean single)
      throws IOException {
    String name = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      NpyHeader h = NpyHeader.read(in, name);
      boolean f16 = h.dtype() == NpyDtype.FLOAT16;
      if (h.dtype() != NpyDtype.UINT8 && !(f16 && acceptFloat16)) {
        throw new BadInputException(name, "header", "dtype " + h.dtype().descr()
            + " is not supported (expected uint8 |u1" + (acceptFloat16 ? " or float16 <f2 in [0, 1]"
                : "") + ")");
      }
      int r = h.rank();
      // [H,W,3] is one RGB image only where a single image is asked for; in a stack rank 3 is
      // [N,H,W], as the seed's arrays are.
      boolean shapeOk = single
          ? r == 2 || (r == 3 && h.dim(2) == 3)
          : r == 2 || r == 3 || (r == 4 && (h.dim(3) == 1 || h.dim(3) == 3));
      if (!shapeOk) {
        throw new BadInputException(name, "header", "shape " + h.shapeString() + (single
            ? " is not a single image [H,W] (mode L) or [H,W,3] (mode RGB)"
            : " is not an image array [H,W], [N,H,W], [N,H,W,1] or [N,H,W,3]"));
      }
      boolean stacked = !single && r >= 3;
      long n = stacked ? h.dim(0) : 1;
      long height = h.dim(stacked ? 1 : 0);
      long width = h.dim(stacked ? 2 : 1);
      int channels = r == 4 ? (int) h.dim(3) : single && r == 3 ? 3 : 1;
      if (height < 1 || width < 1) {
        throw new BadInputException(name, "header", "shape " + h.shapeString()
            + " has an empty image side (height and width must be at least 1)");
      }
      // The header parser already refused shapes whose byte count overflows a long.
      if (n * height * width * channels > MAX_PIXELS) {
        throw new BadInputException(name, "header", "shape " + h.shapeString() + " holds more"
            + " than 2^31 values, more than one call can hold; split the array");
      }
      h.checkLength(Files.size(file), name);
      byte[] px = new byte[(int) (n * height * width * channels)];
      if (f16) {
        readHalves(in, px, h, name, (int) (height * width * channels), stacked);
      } else if (in.readNBytes(px, 0, px.length) != px.length) {
        throw new BadInputException(name, "", "file ended early (it shrank while being read)");
      }
      return new ImageArray(h.shape(), (int) n, (int) height, (int) width, channels, px);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name, "", "no such file");
    }
  }

  /**
   * Reads one uint8 image, {@code [H,W]} (mode L) or {@code [H,W,3]} (mode RGB), the golden
   * format's arrays; anything else is a {@link BadInputException} naming the file.
   */
  public static Image readImage(Path file) throws IOException {
    return read(file, false, true).image(0);
  }

  private static void readHalves(InputStream in, byte[] px, NpyHeader h, String name,
      int perImage, boolean stacked) throws IOException {
    byte[] buf = new byte[1 << 16];
    int done = 0;
    while (done < px.length) {
      int want = Math.min(buf.length, 2 * (px.length - done));
      if (in.readNBytes(buf, 0, want) != want) {
        throw new BadInputException(name, "", "file ended early (it shrank while being read)");
      }
      for (int k = 0; k < want; k += 2, done++) {
        int bits = LittleEndian.getUnsignedShort(buf, k);
        int v = Float16.toUint8((short) bits);
        if (v < 0) {
          String where = !stacked ? "pixel " + done
              : "image " + (done / perImage) + ", pixel " + (done % perImage);
          throw new BadInputException(name, where + " (byte " + (h.dataOffset() + 2L * done) + ")",
              "float16 value " + Float16.toFloat((short) bits) + " is outside [0, 1] (float16"
                  + " images must hold values in [0, 1]; uint8 images 0..255)");
        }
        px[done] = (byte) v;
      }
    }
  }

  /** One image as an array: {@code [H,W]} for mode L, {@code [H,W,3]} for RGB. */
  public static ImageArray of(Image image) {
    long[] shape = image.channels() == 1 ? new long[] {image.height(), image.width()}
        : new long[] {image.height(), image.width(), image.channels()};
    return new ImageArray(shape, 1, image.height(), image.width(), image.channels(),
        image.toArray());
  }

  /** The shape as read (and as written back): rank 2, 3 or 4. */
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The shape as numpy prints it, e.g. {@code (5, 64, 64)}. */
  public String shapeString() {
    return NpyHeader.of(NpyDtype.UINT8, shape).shapeString();
  }

  /** Number of images (1 for a 2-D array). */
  public int count() {
    return count;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** 1 (gray) or 3 (RGB). */
  public int channels() {
    return channels;
  }

  /** Image {@code i}, a fresh copy. */
  public Image image(int i) {
    int n = height * width * channels;
    return Image.wrap(width, height, channels, Arrays.copyOfRange(pixels, i * n, (i + 1) * n));
  }

  /**
   * Applies {@code op} to every image (in parallel: ops are immutable values) and returns the
   * results with the same shape.
   *
   * @throws IllegalStateException if the op changed an image's size, which no preaug op does
   */
  public ImageArray map(Op op) {
    int n = height * width * channels;
    byte[] out = new byte[pixels.length];
    IntStream.range(0, count).parallel().forEach(i -> {
      Image result = op.apply(image(i));
      if (result.width() != width || result.height() != height) {
        throw new IllegalStateException(op.spec() + " turned a " + width + "x" + height
            + " image into " + result.width() + "x" + result.height());
      }
      System.arraycopy(result.array(), 0, out, i * n, n);
    });
    return new ImageArray(shape, count, height, width, channels, out);
  }

  /** The NPY v1.0 bytes of this array as uint8 {@code |u1}, same shape. */
  public byte[] toNpy() {
    byte[] header = NpyHeader.of(NpyDtype.UINT8, shape).encode();
    byte[] all = Arrays.copyOf(header, header.length + pixels.length);
    System.arraycopy(pixels, 0, all, header.length, pixels.length);
    return all;
  }

  /**
   * Writes {@link #toNpy()} to {@code file}, through a temporary file in the same directory and
   * a rename, so a reader never sees a half-written array and {@code --in} may equal
   * {@code --out}.
   */
  public void write(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(NpyHeader.of(NpyDtype.UINT8, shape).encode());
        out.write(pixels);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
