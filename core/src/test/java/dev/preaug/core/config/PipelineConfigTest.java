package dev.preaug.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.recipe.Recipe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code recipe.pipeline}, the torchvision-style alternative to {@code recipe.steps}: from a
 * config file or {@code --set}, replacing the recipe of the layers below, hashed in its canonical
 * form, refused beside step keys, and checked against the input's size before a job starts.
 */
class PipelineConfigTest {
  private static final String CIFAR =
      "RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)";

  private static Map<String, Setting> cli(String... kv) {
    Map<String, Setting> layer = new LinkedHashMap<>();
    for (String s : kv) {
      int eq = s.indexOf('=');
      layer.put(s.substring(0, eq), new Setting(s.substring(eq + 1), "--set " + s.substring(0,
          eq)));
    }
    return layer;
  }

  private static Map<String, Setting> file(String text) throws IOException {
    return ConfigFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "run.conf");
  }

  private static String error(List<Map<String, Setting>> layers) {
    BadInputException e = assertThrows(BadInputException.class,
        () -> PreaugConfig.resolve(layers));
    assertEquals(BadInputException.Kind.CONFIG, e.kind());
    return e.getMessage();
  }

  @Test
  void aPipelineFromSetReplacesTheDefaultStepsAndHashesItsCanonicalText() {
    PreaugConfig c = PreaugConfig.resolve(List.of(cli("recipe.pipeline=" + CIFAR)));
    Recipe r = c.recipe();
    assertTrue(r.isPipeline());
    assertEquals(3, r.stages().size());
    assertTrue(r.steps().isEmpty());
    String canonical = "RandomCrop(size=32, padding=4) | RandomHorizontalFlip(p=0.5)"
        + " | RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31)";
    assertEquals(Map.of("recipe.pipeline", canonical), r.toConfig());
    assertEquals(canonical, c.canonical().get("recipe.pipeline"));
    assertFalse(c.canonical().containsKey("recipe.steps"), "the default steps are gone");
    assertEquals(canonical, c.hashedSettings().get("recipe.pipeline"));
    assertEquals(canonical, r.describe());

    // The same pipeline written another way (prefixes, positional, defaults spelled out) is the
    // same recipe and the same hash; a different argument is another hash.
    PreaugConfig same = PreaugConfig.resolve(List.of(cli("recipe.pipeline=T.RandomCrop(size=(32,"
        + " 32), padding=[4, 4, 4, 4]) | transforms.RandomHorizontalFlip(0.5)"
        + " | RandAugment(2, 9, 31, InterpolationMode.NEAREST, None)")));
    assertEquals(c.configHash(), same.configHash());
    PreaugConfig other = PreaugConfig.resolve(List.of(cli("recipe.pipeline=" + CIFAR.replace(
        "magnitude=9", "magnitude=10"))));
    assertNotEquals(c.configHash(), other.configHash());
    PreaugConfig steps = PreaugConfig.resolve();
    assertNotEquals(c.configHash(), steps.configHash());
  }

  @Test
  void aPipelineFromAConfigFileWithAContinuedLine() throws IOException {
    PreaugConfig c = PreaugConfig.resolve(List.of(file("recipe.pipeline = RandomCrop(32, \\\n"
        + "    padding=4) | RandomHorizontalFlip()\n")));
    assertEquals("RandomCrop(size=32, padding=4) | RandomHorizontalFlip(p=0.5)",
        c.recipe().describe());
  }

  @Test
  void aLaterLayerSettingEitherKeyReplacesTheWholeRecipe() throws IOException {
    Map<String, Setting> f = file("recipe.pipeline = " + CIFAR + "\n");
    // --set recipe.steps over a file's pipeline: the pipeline is gone.
    PreaugConfig steps = PreaugConfig.resolve(List.of(f, cli("recipe.steps=flip",
        "recipe.flip.choices=h", "recipe.flip.h=hflip")));
    assertFalse(steps.recipe().isPipeline());
    assertEquals("one of [hflip]", steps.recipe().describe());
    // --set recipe.pipeline over a file's steps (and the defaults): the steps are gone.
    PreaugConfig pipe = PreaugConfig.resolve(List.of(file("recipe.steps = flip\n"
        + "recipe.flip.choices = h\nrecipe.flip.h = hflip\n"),
        cli("recipe.pipeline=RandomVerticalFlip(p=1)")));
    assertEquals("RandomVerticalFlip(p=1.0)", pipe.recipe().describe());
  }

  @Test
  void bothKeysInOneLayerOrStepKeysBesideAPipelineAreOneLineErrors() throws IOException {
    assertEquals("run.conf line 2: recipe.pipeline: set together with recipe.steps; a recipe is"
        + " either a pipeline or steps, give one of them",
        error(List.of(file("recipe.steps = flip\nrecipe.pipeline = RandomHorizontalFlip()\n"
            + "recipe.flip.choices = h\nrecipe.flip.h = hflip\n"))));
    assertEquals("--set recipe.geometry.choices: recipe.geometry.choices: not used with"
        + " recipe.pipeline (a pipeline is the whole recipe; step keys go with recipe.steps)",
        error(List.of(cli("recipe.pipeline=RandomHorizontalFlip()",
            "recipe.geometry.choices=rotate"))));
  }

  @Test
  void pipelineErrorsNameTheKeyTheTextAndTheRule() {
    assertEquals("--set recipe.pipeline: recipe.pipeline: 'RandomCrop(32, paddin=4)': unknown"
        + " argument 'paddin' for RandomCrop (arguments: size, padding, pad_if_needed, fill,"
        + " padding_mode)",
        error(List.of(cli("recipe.pipeline=RandomCrop(32, paddin=4) | RandomHorizontalFlip()"))));
    assertEquals("--set recipe.pipeline: recipe.pipeline: 'RandomErasing': unknown transform"
        + " RandomErasing (supported: RandomCrop, RandomResizedCrop, RandomHorizontalFlip,"
        + " RandomVerticalFlip, ColorJitter, RandomRotation, RandomAffine, RandomGrayscale,"
        + " RandomInvert, RandomPosterize, RandomSolarize, RandomAdjustSharpness,"
        + " RandomAutocontrast, RandomEqualize, RandomApply, RandomChoice, RandomOrder,"
        + " RandAugment, TrivialAugmentWide, AutoAugment)",
        error(List.of(cli("recipe.pipeline=RandomErasing()"))));
    assertEquals("--set recipe.pipeline: recipe.pipeline: empty pipeline: expected transforms"
        + " joined by '|', e.g. RandomCrop(32, padding=4) | RandomHorizontalFlip()",
        error(List.of(cli("recipe.pipeline= "))));
  }

  @Test
  void theFitCheckNamesTheKeyItsOriginAndTheSize() {
    PreaugConfig c = PreaugConfig.resolve(List.of(cli("recipe.pipeline=RandomCrop(32, padding=4)"
        + " | RandomHorizontalFlip()")));
    c.requireRecipeFits(32, 32);
    BadInputException e = assertThrows(BadInputException.class,
        () -> c.requireRecipeFits(28, 28));
    assertEquals(BadInputException.Kind.CONFIG, e.kind());
    assertEquals("--set recipe.pipeline: recipe.pipeline: RandomCrop size=32 makes 32x32 (HxW)"
        + " crops, but the input is 28x28 (HxW) and a pipeline's transforms keep the image size:"
        + " use size=28", e.getMessage());
  }

  @Test
  void aFillPerBandIsRefusedForModeLImagesBeforeAnyTask() {
    PreaugConfig c = PreaugConfig.resolve(List.of(cli("recipe.pipeline=RandomHorizontalFlip()"
        + " | RandomRotation(10, fill=(250, 120, 10))")));
    c.requireRecipeFits(32, 32, 3);
    c.requireRecipeFits(32, 32);
    BadInputException e = assertThrows(BadInputException.class,
        () -> c.requireRecipeFits(32, 32, 1));
    assertEquals("--set recipe.pipeline: recipe.pipeline: RandomRotation fill=(250, 120, 10) has"
        + " a value for each of 3 bands, but the input's images have 1 (mode L): give one value",
        e.getMessage());
    for (String t : new String[] {"RandomCrop(32, padding=4, fill=(1, 2, 3))",
        "RandomAffine(5, fill=[1, 2, 3])"}) {
      PreaugConfig p = PreaugConfig.resolve(List.of(cli("recipe.pipeline=" + t)));
      p.requireRecipeFits(32, 32, 3);
      assertThrows(BadInputException.class, () -> p.requireRecipeFits(32, 32, 1), t);
    }
    PreaugConfig uniform = PreaugConfig.resolve(List.of(cli("recipe.pipeline=RandomCrop(32,"
        + " padding=4, fill=(7, 7, 7))")));
    uniform.requireRecipeFits(32, 32, 1); // three equal values are one value
  }
}
