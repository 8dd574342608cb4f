package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpChain;
import dev.preaug.core.ops.OpSpecs;
import dev.preaug.core.recipe.Rng;
import dev.preaug.core.recipe.Stage;
import dev.preaug.core.testing.Images;
import dev.preaug.core.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against torchvision itself: {@code tv-random/forward.py} evaluates each pipeline
 * text below as Python (torchvision 0.14's own transform classes) and runs it on L and RGB images
 * (32x32 and 48x40) with torch's random calls answered from the record's preaug {@link Rng}
 * stream; here the same text goes through {@link TorchvisionPipeline}. Each record's pixels must
 * equal what the stages' drawn ops give, which holds only if the parser reads the arguments as
 * torchvision does and the stages draw the same values in the same order and map them to the same
 * ops; and the stream must be left at the same point. torch's own {@code exp} and {@code log}
 * (RandomResizedCrop's aspect ratio) are not replaced.
 *
 * <p>The same records check provenance: the chain's spec parses back and replays its pixels.
 */
@Timeout(600)
class RandomTransformsLiveTest {
  private static final long SEED = 1732050807L;
  private static final int RECORDS = 60;
  /** Pipelines; {H} and {W} are the image's size, "rgb " marks those for RGB images only. */
  private static final List<String> LINES = List.of(
      "RandomCrop(({H}, {W}), padding=4)",
      "RandomCrop(({H}, {W}), padding=(2, 5), padding_mode='reflect')",
      "RandomCrop(({H}, {W}), padding=(1, 2, 3, 4), fill=77)",
      "RandomCrop(({H}, {W}), 3, padding_mode='edge')",
      "RandomCrop(({H}, {W}), padding=[0, 3], padding_mode='symmetric')",
      "RandomCrop(({H}, {W}))",
      "rgb RandomCrop(({H}, {W}), padding=4, fill=(250, 120, 10))",
      "RandomResizedCrop(({H}, {W}))",
      "RandomResizedCrop(({H}, {W}), scale=(0.5, 1.0), ratio=(0.5, 2.0),"
          + " interpolation=InterpolationMode.BICUBIC)",
      "RandomResizedCrop(({H}, {W}), (0.02, 0.2), interpolation=InterpolationMode.NEAREST)",
      // Never fits: every record takes the centre-crop fallback after 10 tries.
      "RandomResizedCrop(({H}, {W}), scale=(0.9, 1.0), ratio=(3.0, 4.0))",
      "RandomHorizontalFlip()",
      "RandomVerticalFlip(p=0.3)",
      "RandomGrayscale(p=0.5)",
      "RandomInvert() | RandomPosterize(3, p=0.6) | RandomSolarize(100.5)"
          + " | RandomAdjustSharpness(3.5, p=0.4) | RandomAutocontrast(0.3) | RandomEqualize()",
      "ColorJitter(0.4, 0.4, 0.4, 0.1)",
      "ColorJitter(brightness=(0.5, 1.5), hue=(-0.5, 0.5))",
      "ColorJitter(saturation=0.8, contrast=(0.2, 0.3))",
      "RandomRotation(30)",
      "RandomRotation((-10, 40), interpolation=InterpolationMode.BILINEAR, fill=99)",
      "rgb RandomRotation(20, InterpolationMode.BICUBIC, fill=(1, 2, 3))",
      "RandomAffine(15, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=(-10, 10, -5, 5))",
      "RandomAffine((-5, 5), translate=(0.3, 0.3), interpolation=InterpolationMode.BICUBIC,"
          + " fill=200, center=(3, 7.5))",
      "RandomAffine(0, shear=20, interpolation=InterpolationMode.BILINEAR)",
      "RandomApply([ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8) | RandomGrayscale(p=0.2)",
      "RandomChoice([RandomHorizontalFlip(1), RandomRotation(20), RandomSolarize(100)])",
      "RandomChoice([RandomVerticalFlip(), RandomAffine(10)], p=[0.3, 2])",
      "RandomOrder([RandomHorizontalFlip(), ColorJitter(0.5), RandomRotation(15),"
          + " RandomPosterize(3)])",
      "RandomCrop(({H}, {W}), padding=4) | RandomHorizontalFlip()"
          + " | RandAugment(num_ops=2, magnitude=9)",
      "RandomResizedCrop(({H}, {W})) | ColorJitter(0.4, 0.4, 0.4) | RandomGrayscale()"
          + " | TrivialAugmentWide()",
      "RandomAffine(10, translate=(0.1, 0.1)) | AutoAugment(AutoAugmentPolicy.CIFAR10)"
          + " | RandomVerticalFlip()");

  @TempDir
  Path dir;

  private static Image image(SplittableRandom rnd, int w, int h, int channels) {
    GrayImage[] bands = new GrayImage[channels];
    for (int c = 0; c < channels; c++) {
      bands[c] = Images.random(rnd, w, h);
    }
    return channels == 1 ? Image.of(bands[0]) : Image.merge(bands);
  }

  @Test
  void torchvisionsTransformsOnThisStreamGiveTheDrawnOpsPixels() throws Exception {
    SplittableRandom rnd = new SplittableRandom(161803);
    Map<String, Image> images = new LinkedHashMap<>();
    images.put("l32", image(rnd, 32, 32, 1));
    images.put("rgb32", image(rnd, 32, 32, 3));
    images.put("l48x40", image(rnd, 48, 40, 1));
    images.put("rgb48x40", image(rnd, 48, 40, 3));
    Files.write(dir.resolve("stages.txt"), LINES, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of(dir.toString(), Long.toString(SEED),
        Integer.toString(RECORDS)));
    for (Map.Entry<String, Image> e : images.entrySet()) {
      Image img = e.getValue();
      Files.write(dir.resolve(e.getKey() + ".raw"), img.toArray());
      args.add(e.getKey() + ":" + img.mode() + ":" + img.width() + ":" + img.height());
    }
    String out = Python.run("tv-random/forward.py", 540, args.toArray(new String[0]));
    byte[] all = Files.readAllBytes(dir.resolve("out.bin"));

    int records = 0;
    int changed = 0;
    List<String> wrong = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      assertEquals("rec", f[0], line);
      Image in = images.get(f[1]);
      String text = LINES.get(Integer.parseInt(f[2])).replaceFirst("^rgb ", "")
          .replace("{H}", Integer.toString(in.height()))
          .replace("{W}", Integer.toString(in.width()));
      List<Stage> stages = TorchvisionPipeline.parse(text);
      int record = Integer.parseInt(f[3]);
      int offset = Integer.parseInt(f[4]);
      byte[] expected = Arrays.copyOfRange(all, offset, offset + in.toArray().length);

      Rng rng = Rng.forRecord(SEED, 0, record, 0);
      List<Op> ops = new ArrayList<>();
      for (Stage s : stages) {
        assertEquals(null, s.unfit(in.width(), in.height()), text);
        s.sample(rng, in.width(), in.height(), ops);
      }
      String where = f[1] + " " + text + " record " + record;
      assertEquals(f[5], Long.toUnsignedString(rng.nextLong()), where + ": stream position");
      Op chain = OpChain.of(ops);
      byte[] actual = chain.apply(in).toArray();
      if (!Arrays.equals(expected, actual)) {
        wrong.add(where + ": " + chain.spec());
      }
      Op replay = OpSpecs.parse(chain.spec());
      assertEquals(chain, replay, where);
      assertTrue(Arrays.equals(actual, replay.apply(in).toArray()), where + " replay");
      records++;
      if (!Arrays.equals(in.toArray(), actual)) {
        changed++;
      }
    }
    assertTrue(wrong.isEmpty(), () -> wrong.size() + " records differ from torchvision, e.g. "
        + wrong.subList(0, Math.min(10, wrong.size())));
    long rgbOnly = LINES.stream().filter(l -> l.startsWith("rgb ")).count();
    assertEquals((images.size() * LINES.size() - 2 * rgbOnly) * RECORDS, records);
    assertTrue(changed > records / 2, changed + " of " + records + " records changed");
  }
}
