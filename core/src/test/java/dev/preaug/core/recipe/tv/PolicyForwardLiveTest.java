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
 * End to end against torchvision itself: {@code tv-policies/forward.py} runs torchvision 0.14's
 * own {@code RandAugment}, {@code TrivialAugmentWide} and {@code AutoAugment} {@code forward} on
 * L and RGB images (32x32 and 48x40) with {@code torch.randint} and {@code torch.rand} answered
 * from the record's preaug {@link Rng} stream. Each record's pixels must equal what the stage's
 * drawn ops give here, which holds only if preaug draws the same values in the same order and
 * maps them to the same pixels; and the stream must be left at the same point, so a stage after
 * this one would draw the same too.
 *
 * <p>The same records check provenance: the drawn chain's spec parses back to an equal chain
 * that produces the same pixels.
 */
@Timeout(600)
class PolicyForwardLiveTest {
  private static final long SEED = 1414213562L;
  private static final int RECORDS = 150;

  @TempDir
  Path dir;

  private static Map<String, Stage> stages() {
    Map<String, Stage> s = new LinkedHashMap<>();
    s.put("ra2_9", new RandAugment(2, 9, 31));
    s.put("ra3_28", new RandAugment(3, 28, 31));
    s.put("ta31", new TrivialAugmentWide(31));
    s.put("ta7", new TrivialAugmentWide(7));
    s.put("aa_imagenet", new AutoAugment(AutoAugment.Policy.IMAGENET));
    s.put("aa_cifar10", new AutoAugment(AutoAugment.Policy.CIFAR10));
    s.put("aa_svhn", new AutoAugment(AutoAugment.Policy.SVHN));
    return s;
  }

  private static Image image(SplittableRandom rnd, int w, int h, int channels) {
    GrayImage[] bands = new GrayImage[channels];
    for (int c = 0; c < channels; c++) {
      bands[c] = Images.random(rnd, w, h);
    }
    return channels == 1 ? Image.of(bands[0]) : Image.merge(bands);
  }

  @Test
  void torchvisionsForwardOnThisStreamGivesTheDrawnOpsPixels() throws Exception {
    SplittableRandom rnd = new SplittableRandom(271828);
    Map<String, Image> images = new LinkedHashMap<>();
    images.put("l32", image(rnd, 32, 32, 1));
    images.put("rgb32", image(rnd, 32, 32, 3));
    images.put("l48x40", image(rnd, 48, 40, 1));
    images.put("rgb48x40", image(rnd, 48, 40, 3));
    List<String> args = new ArrayList<>(List.of(dir.toString(), Long.toString(SEED),
        Integer.toString(RECORDS)));
    for (Map.Entry<String, Image> e : images.entrySet()) {
      Image img = e.getValue();
      Files.write(dir.resolve(e.getKey() + ".raw"), img.toArray());
      args.add(e.getKey() + ":" + img.mode() + ":" + img.width() + ":" + img.height());
    }
    String out = Python.run("tv-policies/forward.py", 540, args.toArray(new String[0]));
    byte[] all = Files.readAllBytes(dir.resolve("out.bin"));
    Map<String, Stage> stages = stages();

    int records = 0;
    int changed = 0;
    List<String> wrong = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(" ");
      assertEquals("rec", f[0], line);
      Image in = images.get(f[1]);
      Stage stage = stages.get(f[2]);
      int record = Integer.parseInt(f[3]);
      int offset = Integer.parseInt(f[4]);
      byte[] expected = Arrays.copyOfRange(all, offset, offset + in.toArray().length);

      Rng rng = Rng.forRecord(SEED, 0, record, 0);
      List<Op> ops = new ArrayList<>();
      stage.sample(rng, in.width(), in.height(), ops);
      String where = f[1] + " " + stage.spec() + " record " + record;
      assertEquals(f[5], Long.toUnsignedString(rng.nextLong()), where + ": stream position");
      Op chain = OpChain.of(ops);
      byte[] actual = chain.apply(in).toArray();
      if (!Arrays.equals(expected, actual)) {
        wrong.add(where + ": " + chain.spec());
      }
      // Provenance: the spec is all a reader needs to replay the record.
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
    assertEquals(images.size() * stages.size() * RECORDS, records);
    assertTrue(changed > records / 2, changed + " of " + records + " records changed");
  }
}
