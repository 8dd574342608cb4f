package dev.preaug.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.testing.Golden;
import dev.preaug.core.testing.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArrayTest {
  @TempDir
  Path tmp;

  private Path npy(String name, NpyDtype t, long[] shape, byte[] data) throws IOException {
    byte[] h = NpyHeader.of(t, shape).encode();
    byte[] all = Arrays.copyOf(h, h.length + data.length);
    System.arraycopy(data, 0, all, h.length, data.length);
    return Files.write(tmp.resolve(name), all);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private BadInputException refused(Path p, boolean f16) {
    return assertThrows(BadInputException.class, () -> ImageArray.read(p, f16));
  }

  @Test
  void everySupportedShapeReadsAndWritesBackTheSameBytes() throws IOException {
    long[][] shapes = {{7, 5}, {3, 7, 5}, {3, 7, 5, 1}, {0, 4, 4}};
    for (long[] shape : shapes) {
      int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      Path in = npy("in.npy", NpyDtype.UINT8, shape, random(n, n));
      ImageArray a = ImageArray.read(in, false);
      assertArrayEquals(shape, a.shape());
      assertEquals(shape.length == 2 ? 1 : shape[0], a.count());
      assertEquals(shape[shape.length == 2 ? 0 : 1], a.height());
      assertEquals(shape[shape.length == 2 ? 1 : 2], a.width());
      Path out = tmp.resolve("out.npy");
      a.write(out);
      // Same shape, dtype and header layout as numpy writes: the file comes back byte for byte.
      assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out), Arrays.toString(shape));
      assertArrayEquals(Files.readAllBytes(in), a.toNpy());
    }
  }

  @Test
  void imagesAreRowMajorHeightThenWidth() throws IOException {
    byte[] data = new byte[2 * 3 * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    ImageArray a = ImageArray.read(npy("hw.npy", NpyDtype.UINT8, new long[] {2, 3, 4}, data),
        false);
    Image second = a.image(1);
    assertEquals(4, second.width());
    assertEquals(3, second.height());
    assertEquals(1, second.channels());
    assertEquals(12 + 2 * 4 + 3, second.get(3, 2, 0));
  }

  @Test
  void float16ConvertsExactlyAsTheSeedDoes() throws IOException {
    Npy pairs = Golden.f16ToU8();
    byte[] halves = new byte[2 * pairs.rows];
    for (int i = 0; i < pairs.rows; i++) {
      int bits = pairs.u2(i, 0);
      halves[2 * i] = (byte) bits;
      halves[2 * i + 1] = (byte) (bits >>> 8);
    }
    Path p = npy("f16.npy", NpyDtype.FLOAT16, new long[] {1, pairs.rows}, halves);
    Image img = ImageArray.read(p, true).image(0);
    for (int i = 0; i < pairs.rows; i++) {
      assertEquals(pairs.u2(i, 1), img.get(i, 0, 0), "half #" + i);
    }
    BadInputException e = refused(p, false);
    assertTrue(e.getMessage().contains("dtype <f2 is not supported (expected uint8 |u1)"),
        e.getMessage());
  }

  @Test
  void float16OutsideZeroToOneIsRefusedWithItsPosition() throws IOException {
    byte[] halves = new byte[2 * 2 * 3 * 3];
    halves[2 * (9 + 4) + 1] = (byte) 0x3E; // 0x3E00 = 1.5 in image 1, pixel 4
    Path p = npy("over.npy", NpyDtype.FLOAT16, new long[] {2, 3, 3}, halves);
    BadInputException e = refused(p, true);
    assertEquals(p + ": image 1, pixel 4 (byte " + (128 + 26) + "): float16 value 1.5 is"
        + " outside [0, 1] (float16 images must hold values in [0, 1]; uint8 images 0..255)",
        e.getMessage());
  }

  @Test
  void otherDtypesRanksAndSizesAreOneLineErrors() throws IOException {
    String[][] cases = {
        {"i32", "dtype <i4 is not supported (expected uint8 |u1 or float16 <f2 in [0, 1])"},
        {"rank1", "shape (16,) is not an image array [H,W], [N,H,W], [N,H,W,1] or [N,H,W,3]"},
        {"rgba", "shape (2, 4, 4, 4) is not an image array [H,W], [N,H,W], [N,H,W,1] or"
            + " [N,H,W,3]"},
        {"rank5", "shape (1, 2, 4, 4, 1) is not an image array"},
        {"empty", "shape (2, 0, 4) has an empty image side"},
    };
    npy("i32.npy", NpyDtype.INT32, new long[] {2, 4, 4}, new byte[128]);
    npy("rank1.npy", NpyDtype.UINT8, new long[] {16}, new byte[16]);
    npy("rgba.npy", NpyDtype.UINT8, new long[] {2, 4, 4, 4}, new byte[128]);
    npy("rank5.npy", NpyDtype.UINT8, new long[] {1, 2, 4, 4, 1}, new byte[32]);
    npy("empty.npy", NpyDtype.UINT8, new long[] {2, 0, 4}, new byte[0]);
    for (String[] c : cases) {
      Path p = tmp.resolve(c[0] + ".npy");
      BadInputException e = refused(p, true);
      assertTrue(e.getMessage().startsWith(p + ": header: " + c[1]), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }

  @Test
  void truncatedTrailingAndMissingFilesNameTheFile() throws IOException {
    byte[] good = Files.readAllBytes(npy("good.npy", NpyDtype.UINT8, new long[] {2, 4, 4},
        new byte[32]));
    Path cut = Files.write(tmp.resolve("cut.npy"), Arrays.copyOf(good, good.length - 1));
    assertTrue(refused(cut, false).getMessage().contains("cut.npy: byte 159: truncated"));
    Path longer = Files.write(tmp.resolve("long.npy"), Arrays.copyOf(good, good.length + 3));
    assertTrue(refused(longer, false).getMessage().contains("3 trailing bytes"));
    Path notNpy = Files.writeString(tmp.resolve("text.npy"), "hello, not numpy");
    assertTrue(refused(notNpy, false).getMessage().contains("not an NPY file"));
    assertEquals(tmp.resolve("none.npy") + ": no such file",
        refused(tmp.resolve("none.npy"), false).getMessage());
  }

  @Test
  void readImageWantsExactlyOneGrayOrRgbImage() throws IOException {
    Path three = npy("three.npy", NpyDtype.UINT8, new long[] {1, 4, 4}, new byte[16]);
    BadInputException e = assertThrows(BadInputException.class,
        () -> ImageArray.readImage(three));
    assertEquals(three + ": header: shape (1, 4, 4) is not a single image [H,W] (mode L) or"
        + " [H,W,3] (mode RGB)", e.getMessage());
    Path two = npy("two.npy", NpyDtype.UINT8, new long[] {4, 6}, random(24, 1));
    Image img = ImageArray.readImage(two);
    assertEquals(6, img.width());
    assertEquals(4, img.height());
    assertEquals("L", img.mode());
    byte[] px = random(4 * 6 * 3, 2);
    Path rgb = npy("rgb.npy", NpyDtype.UINT8, new long[] {4, 6, 3}, px);
    Image color = ImageArray.readImage(rgb);
    assertEquals("RGB", color.mode());
    assertEquals(px[(2 * 6 + 5) * 3 + 1] & 0xFF, color.get(5, 2, 1));
    assertEquals(Image.of(ImageArray.readImage(two).band(0)), img);
  }

  @Test
  void stacksOfRgbImagesAreNhw3AndRank3IsAlwaysNhw() throws IOException {
    byte[] px = random(2 * 3 * 5 * 3, 3);
    ImageArray a = ImageArray.read(npy("nhwc.npy", NpyDtype.UINT8, new long[] {2, 3, 5, 3}, px),
        false);
    assertEquals(3, a.channels());
    Image second = a.image(1);
    assertEquals(5, second.width());
    assertEquals(3, second.height());
    assertEquals(px[45 + (1 * 5 + 4) * 3 + 2] & 0xFF, second.get(4, 1, 2));
    ImageArray b = ImageArray.read(npy("hw3.npy", NpyDtype.UINT8, new long[] {4, 6, 3},
        random(72, 4)), false);
    assertEquals(1, b.channels());
    assertEquals(4, b.count());
    BadInputException e = refused(npy("nhw2.npy", NpyDtype.UINT8, new long[] {1, 2, 2, 2},
        new byte[8]), false);
    assertTrue(e.getMessage().endsWith("shape (1, 2, 2, 2) is not an image array [H,W], [N,H,W],"
        + " [N,H,W,1] or [N,H,W,3]"), e.getMessage());
    ImageArray mapped = a.map(OpSpecs.parse("rotate(30)"));
    Image want = Image.merge(OpSpecs.parse("rotate(30)").apply(second.band(0)),
        OpSpecs.parse("rotate(30)").apply(second.band(1)),
        OpSpecs.parse("rotate(30)").apply(second.band(2)));
    assertEquals(want, mapped.image(1));
  }

  @Test
  void mapAppliesTheOpToEachImageAndLeavesTheInputAlone() throws IOException {
    Path p = npy("many.npy", NpyDtype.UINT8, new long[] {5, 20, 30, 1}, random(3000, 9));
    ImageArray a = ImageArray.read(p, false);
    byte[] before = a.toNpy();
    Op op = OpSpecs.parse("rotate(12)|smooth");
    ImageArray b = a.map(op);
    assertArrayEquals(before, a.toNpy(), "input untouched");
    assertArrayEquals(a.shape(), b.shape());
    for (int i = 0; i < 5; i++) {
      assertEquals(op.apply(a.image(i)), b.image(i), "image " + i);
    }
    assertTrue(Stream.of(0, 1, 2, 3, 4).anyMatch(i -> !a.image(i).equals(b.image(i))));
  }

  @Test
  void writeReplacesAtomicallyAndMayOverwriteItsInput() throws IOException {
    Path p = npy("same.npy", NpyDtype.UINT8, new long[] {2, 8, 8}, random(128, 3));
    ImageArray a = ImageArray.read(p, false);
    ImageArray b = a.map(OpSpecs.parse("sharpen"));
    b.write(p);
    assertArrayEquals(b.toNpy(), Files.readAllBytes(p));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary file left behind");
    }
  }
}
