package dev.preaug.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ops with a colour path of their own ({@link Interleaved}: all seven of the seed's, and
 * torchvision's affine and rotate with every interpolation and per-band fills) and {@link
 * OpChain}'s grouping of steps give, on RGB images, exactly every band's gray result: over many
 * sizes (down to 1x1, non-square), parameters in and far beyond the seed's
 * ranges, the transposed angles, the scale and double-precision affine engines, and chains
 * mixing interleaved, split and band-mixing steps. The Pillow goldens (RgbParityTest) check the
 * same ops against Pillow itself on fewer cases.
 */
class ColourPathTest {
  private static final int[][] SIZES = {{1, 1}, {2, 5}, {3, 3}, {4, 3}, {7, 4}, {16, 16},
      {32, 32}, {33, 17}, {20, 41}, {64, 64}};

  private static Image randomRgb(SplittableRandom rnd, int w, int h) {
    byte[] px = new byte[w * h * 3];
    boolean smooth = rnd.nextBoolean();
    for (int i = 0; i < px.length; i++) {
      // half the images smooth (gradients), half noise, so filters see both
      px[i] = (byte) (smooth ? (i / 3 % w) * 255 / Math.max(1, w - 1) + i % 3 * 40
          : rnd.nextInt(256));
    }
    return Image.wrap(w, h, 3, px);
  }

  private static Image perBand(Op op, Image in) {
    GrayImage[] bands = in.bands();
    for (int c = 0; c < bands.length; c++) {
      bands[c] = op.apply(bands[c]);
    }
    return Image.merge(bands);
  }

  private static List<Op> interleavedOps(SplittableRandom rnd) {
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      ops.add(RandomOps.rotate(rnd));
      ops.add(RandomOps.shear(rnd));
      ops.add(RandomOps.sine(rnd));
      ops.add(RandomOps.blur(rnd));
      ops.add(RandomOps.resizePaste(rnd, 64, 64));
    }
    ops.add(new Rotate(0));
    ops.add(new Rotate(90));
    ops.add(new Rotate(180));
    ops.add(new Rotate(-90));
    ops.add(new Rotate(1e-12)); // rounded sine 0: Pillow's double "scale" engine
    ops.add(new Shear(0, 0));
    ops.add(new Shear(5000, 0)); // corners beyond 16.16 fixed point: the double engine
    ops.add(new Shear(0, -4000));
    ops.add(new Sine(37.5));
    ops.add(Sharpen.INSTANCE);
    ops.add(Smooth.INSTANCE);
    ops.add(new GaussianBlur(0));
    ops.add(new GaussianBlur(2.5)); // box radius >= 1: the running-sum passes
    ops.add(new GaussianBlur(40)); // a window longer than every line
    ops.add(new ResizePaste(1, 1, 0, 0));
    ops.add(new ResizePaste(90, 3, -5, 1)); // enlarged one way, clipped at the left
    ops.add(new ResizePaste(5, 70, 2, -9));
    ops.add(new ResizePaste(2, 2, 100, 0)); // off the canvas: black
    return ops;
  }

  @Test
  void everyInterleavedOpIsItsGrayKernelOnEachBand() {
    SplittableRandom rnd = new SplittableRandom(13);
    int checked = 0;
    for (int[] size : SIZES) {
      for (int rep = 0; rep < 2; rep++) {
        Image in = randomRgb(rnd, size[0], size[1]);
        byte[] before = in.toArray();
        for (Op op : interleavedOps(rnd)) {
          Image want = perBand(op, in);
          Image got = op.apply(in);
          assertEquals(3, got.channels(), op.spec());
          assertArrayEquals(want.array(), got.array(),
              op.spec() + " on RGB " + size[0] + "x" + size[1]);
          checked++;
        }
        assertArrayEquals(before, in.array(), "input untouched");
      }
    }
    assertEquals(SIZES.length * 2 * 48, checked);
  }

  /** torchvision's per-band ops with a colour path: flips, tables, brightness, sharpness. */
  private static List<Op> torchvisionInterleavedOps(SplittableRandom rnd) {
    List<Op> ops = new ArrayList<>(List.of(HFlip.INSTANCE, VFlip.INSTANCE, Invert.INSTANCE,
        AutoContrast.INSTANCE, Equalize.INSTANCE, new Posterize(0), new Posterize(8),
        new Solarize(0), new Solarize(256), new Brightness(0), new Brightness(1),
        new Brightness(7.5), new Sharpness(0), new Sharpness(1), new Sharpness(9)));
    for (int k = 0; k < 3; k++) {
      ops.add(new Posterize(1 + rnd.nextInt(7)));
      ops.add(new Solarize(rnd.nextDouble(0, 256)));
      ops.add(new Brightness(rnd.nextDouble(0, 2)));
      ops.add(new Sharpness(rnd.nextDouble(0, 2)));
    }
    return ops;
  }

  @Test
  void torchvisionsFlipsTablesAndBrightnessAreEveryBandsGrayResult() {
    SplittableRandom rnd = new SplittableRandom(15);
    int checked = 0;
    for (int[] size : SIZES) {
      for (int rep = 0; rep < 4; rep++) {
        Image in = randomRgb(rnd, size[0], size[1]);
        if (rep == 2) {
          // one flat band and one with two values: autocontrast and equalize leave those bands
          // as they are while changing the third
          byte[] px = in.toArray();
          for (int i = 0; i < px.length; i += 3) {
            px[i] = 77;
            px[i + 1] = (byte) (i / 3 % 2 == 0 ? 10 : 200);
          }
          in = Image.wrap(size[0], size[1], 3, px);
        }
        byte[] before = in.toArray();
        for (Op op : torchvisionInterleavedOps(rnd)) {
          assertTrue(op instanceof Interleaved, op.spec());
          assertArrayEquals(perBand(op, in).array(), op.apply(in).array(),
              op.spec() + " on RGB " + size[0] + "x" + size[1]);
          Image gray = Image.of(in.band(rep % 3));
          assertArrayEquals(op.apply(gray.band(0)).array(), op.apply(gray).array(),
              op.spec() + " on L " + size[0] + "x" + size[1]);
          checked++;
        }
        assertArrayEquals(before, in.array(), "input untouched");
      }
    }
    assertEquals(SIZES.length * 4 * 27, checked);
  }

  @Test
  void padCropIsEveryBandsGrayResultWithItsOwnFill() {
    SplittableRandom rnd = new SplittableRandom(16);
    int checked = 0;
    for (int[] size : SIZES) {
      Image in = randomRgb(rnd, size[0], size[1]);
      byte[] before = in.toArray();
      for (String mode : PadCrop.MODES) {
        for (int rep = 0; rep < 6; rep++) {
          // pads beyond the image (numpy's chunked reflection), windows reaching past the
          // padded image (Pillow's 0), uniform and per-band fills
          int big = rep == 5 ? 3 * Math.max(size[0], size[1]) : 5;
          int pl = rnd.nextInt(big + 1);
          int pt = rnd.nextInt(big + 1);
          int pr = rnd.nextInt(big + 1);
          int pb = rnd.nextInt(big + 1);
          int top = rnd.nextInt(-2, pt + size[1] + pb + 1);
          int left = rnd.nextInt(-2, pl + size[0] + pr + 1);
          int h = 1 + rnd.nextInt(size[1] + 4);
          int w = 1 + rnd.nextInt(size[0] + 4);
          Fill fill = rep % 2 == 0 ? Fill.of(rnd.nextInt(256))
              : Fill.perBand(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
          PadCrop op = new PadCrop(pl, pt, pr, pb, mode, top, left, h, w, fill);
          GrayImage[] bands = in.bands();
          for (int c = 0; c < 3; c++) {
            bands[c] = new PadCrop(pl, pt, pr, pb, mode, top, left, h, w,
                Fill.of(fill.band(c))).apply(bands[c]);
          }
          Image got = op.apply(in);
          assertEquals(w, got.width(), op.spec());
          assertEquals(h, got.height(), op.spec());
          assertArrayEquals(Image.merge(bands).array(), got.array(),
              op.spec() + " on RGB " + size[0] + "x" + size[1]);
          if (fill.uniform()) {
            Image gray = Image.of(in.band(1));
            assertArrayEquals(op.apply(gray.band(0)).array(), op.apply(gray).array(),
                op.spec() + " on L " + size[0] + "x" + size[1]);
          }
          checked++;
        }
      }
      assertArrayEquals(before, in.array(), "input untouched");
    }
    assertEquals(SIZES.length * PadCrop.MODES.size() * 6, checked);
  }

  @Test
  void resizedCropIsEveryBandsGrayResult() {
    SplittableRandom rnd = new SplittableRandom(17);
    int checked = 0;
    for (int[] size : SIZES) {
      Image in = randomRgb(rnd, size[0], size[1]);
      byte[] before = in.toArray();
      for (String interpolation : List.of("nearest", "bilinear", "bicubic")) {
        for (int rep = 0; rep < 5; rep++) {
          // windows inside, reaching outside (0 there), the output's own size (no resize),
          // shrinking and enlarging
          int h = 1 + rnd.nextInt(size[1] + 3);
          int w = 1 + rnd.nextInt(size[0] + 3);
          int top = rnd.nextInt(-2, size[1] + 1);
          int left = rnd.nextInt(-2, size[0] + 1);
          int outH = rep == 0 ? h : 1 + rnd.nextInt(2 * size[1] + 2);
          int outW = rep == 0 ? w : 1 + rnd.nextInt(2 * size[0] + 2);
          ResizedCrop op = new ResizedCrop(top, left, h, w, outH, outW, interpolation);
          Image got = op.apply(in);
          assertArrayEquals(perBand(op, in).array(), got.array(),
              op.spec() + " on RGB " + size[0] + "x" + size[1]);
          Image gray = Image.of(in.band(2));
          assertArrayEquals(op.apply(gray.band(0)).array(), op.apply(gray).array(),
              op.spec() + " on L " + size[0] + "x" + size[1]);
          checked++;
        }
      }
      assertArrayEquals(before, in.array(), "input untouched");
    }
    assertEquals(SIZES.length * 3 * 5, checked);
  }

  @Test
  void contrastAndSaturationBlendEveryBandFromTheirOneGray() {
    SplittableRandom rnd = new SplittableRandom(18);
    for (int[] size : SIZES) {
      for (int rep = 0; rep < 3; rep++) {
        Image in = randomRgb(rnd, size[0], size[1]);
        GrayImage luma = PixelMaps.luminance(in);
        long sum = 0;
        for (byte v : luma.array()) {
          sum += v & 0xFF;
        }
        int mean = (int) ((double) sum / luma.array().length + 0.5);
        for (double f : new double[] {0, 1, rnd.nextDouble(0, 2), 5.5}) {
          GrayImage[] contrast = in.bands();
          GrayImage[] saturation = in.bands();
          for (int c = 0; c < 3; c++) {
            contrast[c] = PixelMaps.blend(PixelMaps.filled(size[0], size[1], mean), contrast[c], f);
            saturation[c] = PixelMaps.blend(luma, saturation[c], f);
          }
          String where = f + " on RGB " + size[0] + "x" + size[1];
          assertArrayEquals(Image.merge(contrast).array(), new Contrast(f).apply(in).array(),
              "contrast " + where);
          assertArrayEquals(Image.merge(saturation).array(), new Saturation(f).apply(in).array(),
              "saturation " + where);
        }
      }
    }
  }

  @Test
  void chainsGiveEveryBandItsGrayChain() {
    SplittableRandom rnd = new SplittableRandom(14);
    for (int[] size : SIZES) {
      int w = size[0];
      int h = size[1];
      for (int rep = 0; rep < 12; rep++) {
        Image in = randomRgb(rnd, w, h);
        List<Op> steps = new ArrayList<>();
        int n = 1 + rnd.nextInt(4);
        for (int s = 0; s < n; s++) {
          switch (rnd.nextInt(7)) {
            case 0: steps.add(RandomOps.rotate(rnd)); break;
            case 1: steps.add(RandomOps.shear(rnd)); break;
            case 2: steps.add(RandomOps.resizePaste(rnd, w, h)); break;
            case 3: steps.add(RandomOps.sine(rnd)); break;
            case 4: steps.add(RandomOps.blur(rnd)); break;
            case 5: steps.add(Sharpen.INSTANCE); break;
            default: steps.add(Smooth.INSTANCE); break;
          }
        }
        OpChain chain = new OpChain(steps);
        assertArrayEquals(perBand(chain, in).array(), chain.apply(in).array(),
            chain.spec() + " on RGB " + w + "x" + h);
      }
    }
  }

  @Test
  void aChainWithABandMixingStepAppliesItToTheWholeImage() {
    SplittableRandom rnd = new SplittableRandom(15);
    Image in = randomRgb(rnd, 19, 23);
    Op contrast = OpSpecs.parse("contrast(1.7)");
    List<Op> steps = List.of(new Sine(0.18), RandomOps.blur(rnd), new Smooth(), contrast,
        new ResizePaste(12, 15, 3, 2), new GaussianBlur(0.9), new Rotate(7.25));
    Image want = in;
    for (Op op : steps) {
      want = op.apply(want);
    }
    assertArrayEquals(want.array(), new OpChain(steps).apply(in).array());
  }

  @Test
  void aGrayImageGoesThroughTheGrayKernels() {
    SplittableRandom rnd = new SplittableRandom(16);
    byte[] px = new byte[9 * 6];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rnd.nextInt(256);
    }
    Image in = Image.wrap(9, 6, 1, px);
    for (Op op : interleavedOps(rnd)) {
      assertArrayEquals(op.apply(in.band(0)).array(), op.apply(in).array(), op.spec());
    }
  }

  /**
   * torchvision's affine and rotate with every interpolation, about given centres and with a fill
   * per band: on RGB images of every size, the one-pass interleaved result is each band's gray
   * result with that band's fill value; with one fill, the op says it is per band.
   */
  @Test
  void affineAndRotateFiltersAndPerBandFillsAreEveryBandsGrayResult() {
    SplittableRandom rnd = new SplittableRandom(14);
    String[] interpolations = {"nearest", "bilinear", "bicubic"};
    for (int[] size : SIZES) {
      for (int k = 0; k < 12; k++) {
        Image in = randomRgb(rnd, size[0], size[1]);
        String interp = interpolations[k % 3];
        int[] rgb = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
        double angle = rnd.nextDouble(-180, 180);
        double cx = rnd.nextDouble(-5, size[0] + 5);
        double cy = rnd.nextDouble(-5, size[1] + 5);
        double scale = rnd.nextDouble(0.5, 1.6);
        double shx = rnd.nextDouble(-30, 30);
        Op[] each = new Op[3];
        for (int c = 0; c < 3; c++) {
          each[c] = k % 2 == 0
              ? new Affine(angle, 1, -2, scale, shx, 0, interp, Fill.of(rgb[c]), cx, cy)
              : new Rotate(angle, interp, Fill.of(rgb[c]));
        }
        Op all = k % 2 == 0
            ? new Affine(angle, 1, -2, scale, shx, 0, interp, Fill.perBand(rgb), cx, cy)
            : new Rotate(angle, interp, Fill.perBand(rgb));
        GrayImage[] bands = in.bands();
        for (int c = 0; c < 3; c++) {
          assertEquals(true, each[c].perBand(), each[c].spec());
          bands[c] = each[c].apply(bands[c]);
        }
        String what = all.spec() + " on " + size[0] + "x" + size[1];
        assertArrayEquals(Image.merge(bands).array(), all.apply(in).array(), what);
        assertEquals(rgb[0] == rgb[1] && rgb[1] == rgb[2], all.perBand(), what);
        assertArrayEquals(perBand(each[0], in).array(), each[0].apply(in).array(), what);
      }
    }
  }
}
