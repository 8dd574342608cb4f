package dev.preaug.core.npy;

import dev.preaug.core.BadInputException;
import dev.preaug.core.image.Float16;
import dev.preaug.core.image.GrayImage;
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
 * A stack of same-sized 8-bit gray images as an NPY file holds it: {@code [H,W]} (one image),
 * {@code [N,H,W]} or {@code [N,H,W,1]}, read strictly and written back with the same shape as
 * {@code |u1}. The tools ({@code parity}, {@code apply}) use it; the Spark job has its own
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
  private final byte[] pixels;

  private ImageArray(long[] shape, int count, int height, int width, byte[] pixels) {
    this.shape = shape;
    this.count = count;
    this.height = height;
    this.width = width;
    this.pixels = pixels;
  }

  /**
   * Reads an image array. uint8 is taken as is; float16 (the seed's format) only when
   * {@code acceptFloat16}, each value converted exactly as the seed's {@code np.uint8(x * 255)}
   * and refused outside [0, 1]. Every other dtype, rank or size is a {@link BadInputException}
   * naming the file and the rule.
   */
  public static ImageArray read(Path file, boolean acceptFloat16) throws IOException {
    String name = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      NpyHeader h = NpyHeader.read(in, name);
      boolean f16 = h.dtype() == NpyDtype.FLOAT16;
      if (h.dtype() != NpyDtype.UINT8 && !(f16 && acceptFloat16)) {
        throw new BadInputException(name, "header", "dtype " + h.dtype().descr()
            + " is not supported (expected uint8 |u1" + (acceptFloat16 ? " or float16 <f2 in [0, 1]"
                : "") + ")");
      }
      boolean shapeOk = h.rank() == 2 || h.rank() == 3 || (h.rank() == 4 && h.dim(3) == 1);
      if (!shapeOk) {
        throw new BadInputException(name, "header", "shape " + h.shapeString()
            + " is not an image array [H,W], [N,H,W] or [N,H,W,1]");
      }
      int r = h.rank();
      long n = r == 2 ? 1 : h.dim(0);
      long height = h.dim(r == 2 ? 0 : 1);
      long width = h.dim(r == 2 ? 1 : 2);
      if (height < 1 || width < 1) {
        throw new BadInputException(name, "header", "shape " + h.shapeString()
            + " has an empty image side (height and width must be at least 1)");
      }
      // The header parser already refused shapes whose byte count overflows a long.
      if (n * height * width > MAX_PIXELS) {
        throw new BadInputException(name, "header", "shape " + h.shapeString() + " holds more"
            + " than 2^31 pixels, more than one call can hold; split the array");
      }
      h.checkLength(Files.size(file), name);
      byte[] px = new byte[(int) (n * height * width)];
      if (f16) {
        readHalves(in, px, h, name, (int) (height * width));
      } else if (in.readNBytes(px, 0, px.length) != px.length) {
        throw new BadInputException(name, "", "file ended early (it shrank while being read)");
      }
      return new ImageArray(h.shape(), (int) n, (int) height, (int) width, px);
    } catch (NoSuchFileException e) {
      throw new BadInputException(name, "", "no such file");
    }
  }

  /**
   * Reads one 2-D uint8 image {@code [H,W]}, the golden format's arrays; anything else is a
   * {@link BadInputException} naming the file.
   */
  public static GrayImage readImage(Path file) throws IOException {
    ImageArray a = read(file, false);
    if (a.rank() != 2) {
      throw new BadInputException(file.toString(), "header", "shape " + a.shapeString()
          + " is not a single 2-D image [H,W]");
    }
    return a.image(0);
  }

  private static void readHalves(InputStream in, byte[] px, NpyHeader h, String name,
      int perImage) throws IOException {
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
          String where = h.rank() == 2 ? "pixel " + done
              : "image " + (done / perImage) + ", pixel " + (done % perImage);
          throw new BadInputException(name, where + " (byte " + (h.dataOffset() + 2L * done) + ")",
              "float16 value " + Float16.toFloat((short) bits) + " is outside [0, 1] (float16"
                  + " images must hold values in [0, 1]; uint8 images 0..255)");
        }
        px[done] = (byte) v;
      }
    }
  }

  /** One 2-D image as an array {@code [H,W]}. */
  public static ImageArray of(GrayImage image) {
    return new ImageArray(new long[] {image.height(), image.width()}, 1, image.height(),
        image.width(), image.toArray());
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

  /** Image {@code i}, a fresh copy. */
  public GrayImage image(int i) {
    int n = height * width;
    return GrayImage.wrap(width, height, Arrays.copyOfRange(pixels, i * n, (i + 1) * n));
  }

  /**
   * Applies {@code op} to every image (in parallel: ops are immutable values) and returns the
   * results with the same shape.
   *
   * @throws IllegalStateException if the op changed an image's size, which no preaug op does
   */
  public ImageArray map(Op op) {
    int n = height * width;
    byte[] out = new byte[pixels.length];
    IntStream.range(0, count).parallel().forEach(i -> {
      GrayImage result = op.apply(image(i));
      if (result.width() != width || result.height() != height) {
        throw new IllegalStateException(op.spec() + " turned a " + width + "x" + height
            + " image into " + result.width() + "x" + result.height());
      }
      result.copyTo(out, i * n);
    });
    return new ImageArray(shape, count, height, width, out);
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
