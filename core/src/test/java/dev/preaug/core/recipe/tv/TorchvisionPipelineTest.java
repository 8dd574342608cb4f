package dev.preaug.core.recipe.tv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.preaug.core.ops.Fill;
import dev.preaug.core.recipe.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The torchvision-syntax parser: arguments by position and name, Python literals, prefixes,
 * canonical specs that parse back to equal stages, and one-line errors that quote the text.
 */
class TorchvisionPipelineTest {
  private static String error(String text) {
    return assertThrows(IllegalArgumentException.class, () -> TorchvisionPipeline.parse(text))
        .getMessage();
  }

  private static String spec(String text) {
    return TorchvisionPipeline.spec(TorchvisionPipeline.parse(text));
  }

  @Test
  void theCifarRecipeParsesIntoItsThreeStages() {
    List<Stage> s = TorchvisionPipeline.parse(
        "RandomCrop(32, padding=4) | RandomHorizontalFlip() | RandAugment(num_ops=2, magnitude=9)");
    assertEquals(List.of(new RandomCrop(32, 4), new RandomHorizontalFlip(0.5),
        new RandAugment(2, 9, 31)), s);
  }

  @Test
  void everyTransformsCanonicalSpecParsesBackToAnEqualStage() {
    String[] texts = {
        "RandomCrop(32, padding=4)",
        "RandomCrop((28, 32), padding=(1, 2), pad_if_needed=True, fill=(250, 120, 10),"
            + " padding_mode='reflect')",
        "RandomCrop(32, (1, 2, 3, 4), fill=7, padding_mode='symmetric')",
        "RandomCrop([32])",
        "RandomResizedCrop(224)",
        "RandomResizedCrop((32, 48), scale=(0.5, 1), ratio=(3/4, 4/3),"
            + " interpolation=InterpolationMode.BICUBIC, antialias=True)",
        "RandomResizedCrop(32, interpolation='nearest')",
        "RandomHorizontalFlip()", "RandomHorizontalFlip(p=0.25)", "RandomVerticalFlip(1)",
        "ColorJitter()", "ColorJitter(0.4, 0.4, 0.4, 0.1)",
        "ColorJitter(brightness=(0.5, 1.5), hue=[-0.5, 0.25])", "ColorJitter(contrast=2)",
        "RandomRotation(15)",
        "RandomRotation((-5, 30), InterpolationMode.BILINEAR, fill=(1, 2, 3))",
        "RandomRotation(10, expand=True)",
        "RandomAffine(10)",
        "RandomAffine(degrees=(-10, 20), translate=(0.1, 0.2), scale=(0.9, 1.1), shear=(-5, 5,"
            + " -3, 3), interpolation=InterpolationMode.BICUBIC, fill=128, center=(3.5, 4))",
        "RandomAffine(0, shear=8)",
        "RandomGrayscale()", "RandomGrayscale(p=0.5)",
        "RandomInvert()", "RandomPosterize(4)", "RandomPosterize(bits=0, p=1)",
        "RandomSolarize(128)", "RandomSolarize(threshold=99.5, p=0.2)",
        "RandomAdjustSharpness(2)", "RandomAdjustSharpness(0.5, 0.75)", "RandomAutocontrast()",
        "RandomEqualize(p=0.1)",
        "RandomApply([ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8)",
        "RandomApply(transforms=(RandomHorizontalFlip(), T.RandomRotation(5)))",
        "RandomChoice([RandomHorizontalFlip(1), RandomRotation(20)])",
        "RandomChoice([RandomVerticalFlip(), RandomAffine(10)], p=[0.3, 2])",
        "RandomOrder([RandomHorizontalFlip(), RandomApply([RandomSolarize(100)])])",
        "RandAugment()", "RandAugment(1, 5, 11, InterpolationMode.BILINEAR, [250, 120, 10])",
        "TrivialAugmentWide()", "TrivialAugmentWide(num_magnitude_bins=11, fill=3)",
        "AutoAugment()", "AutoAugment(AutoAugmentPolicy.CIFAR10)",
        "AutoAugment(policy=T.AutoAugmentPolicy.SVHN, interpolation=2)",
    };
    for (String t : texts) {
      Stage s = TorchvisionPipeline.parseStage(t);
      Stage back = TorchvisionPipeline.parseStage(s.spec());
      assertEquals(s, back, t);
      assertEquals(s.spec(), back.spec(), t);
      assertEquals(s.hashCode(), back.hashCode(), t);
    }
  }

  @Test
  void canonicalSpecsNormaliseWhatMeansTheSame() {
    assertEquals("RandomCrop(size=32, padding=4)", spec("T.RandomCrop(size=(32, 32),"
        + " padding=[4, 4, 4, 4], pad_if_needed=False, fill=0, padding_mode='constant')"));
    assertEquals("RandomCrop(size=(28, 32), padding=(1, 2), pad_if_needed=True, fill=(250, 120,"
        + " 10), padding_mode='reflect')", spec("RandomCrop((28, 32), padding=(1, 2, 1, 2),"
        + " pad_if_needed=True, fill=(250, 120, 10.9), padding_mode='reflect')"));
    assertEquals("RandomCrop(size=32, padding=None)", spec("RandomCrop(32, 0, fill=None)"));
    assertEquals("RandomResizedCrop(size=224, scale=(0.08, 1.0), ratio=(0.75, 1.3333333333333333),"
        + " interpolation=InterpolationMode.BILINEAR)", spec("RandomResizedCrop(224)"));
    assertEquals("RandomResizedCrop(size=224, scale=(0.08, 1.0), ratio=(0.75, 1.3333333333333333),"
        + " interpolation=InterpolationMode.BILINEAR)",
        spec("transforms.RandomResizedCrop(224, (0.08, 1.0), (3.0 / 4.0, 4.0 / 3.0), 'bilinear',"
            + " antialias=None)"));
    assertEquals("ColorJitter(brightness=(0.6, 1.4), contrast=(0.0, 3.0), hue=(-0.1, 0.1))",
        spec("ColorJitter(brightness=0.4, contrast=2, saturation=0, hue=0.1)"));
    assertEquals("ColorJitter()", spec("ColorJitter(brightness=(1, 1), hue=(0, 0))"));
    assertEquals("RandomRotation(degrees=(-15.0, 15.0))", spec("RandomRotation(15, fill=None)"));
    assertEquals("RandomAffine(degrees=(-10.0, 10.0), shear=(-8.0, 8.0))",
        spec("RandomAffine(10, shear=8, fill=0, interpolation=InterpolationMode.NEAREST)"));
    assertEquals("RandomHorizontalFlip(p=1.0)", spec("RandomHorizontalFlip(1)"));
    assertEquals("AutoAugment(policy=cifar10)", spec("AutoAugment('cifar10')"));
    assertEquals("RandomPosterize(bits=4, p=0.5) | RandomSolarize(threshold=128.0, p=0.5)"
        + " | RandomAdjustSharpness(sharpness_factor=2.0, p=0.5) | RandomInvert(p=0.5)",
        spec("RandomPosterize(4) | RandomSolarize(128) | RandomAdjustSharpness(2)"
            + " | RandomInvert()"));
    assertEquals("AutoAugment(policy=imagenet)", spec("AutoAugment()"));
    assertEquals("RandAugment(num_ops=2, magnitude=9, num_magnitude_bins=31, fill=[250, 120, 10])",
        spec("RandAugment(fill=(250, 120, 10))"));
  }

  @Test
  void pipelinesJoinWithBarsOrComeAsACompose() {
    String expected = "RandomCrop(size=32, padding=4) | RandomHorizontalFlip(p=0.5)";
    assertEquals(expected, spec("RandomCrop(32, padding=4)|RandomHorizontalFlip()"));
    assertEquals(expected, spec("  T.Compose([T.RandomCrop(32, padding=4),"
        + " T.RandomHorizontalFlip(),])  "));
    assertEquals(expected, spec("transforms.Compose([RandomCrop(32, padding=4),"
        + " RandomHorizontalFlip()])"));
    assertEquals(expected, TorchvisionPipeline.spec(TorchvisionPipeline.parse(expected)));
  }

  @Test
  void pythonLiteralsReadAsPythonReadsThem() {
    assertEquals(3L, PyLiteral.parse("3"));
    assertEquals(-3L, PyLiteral.parse("-3"));
    assertEquals(0.75, PyLiteral.parse("3/4"));
    assertEquals(6L, PyLiteral.parse("2*3"));
    assertEquals(1.5e-3, PyLiteral.parse("1.5e-3"));
    assertEquals(0.5, PyLiteral.parse(".5"));
    assertEquals(1000000L, PyLiteral.parse("1_000_000"));
    assertEquals(List.of(1L), PyLiteral.parse("(1,)"));
    assertEquals(1L, PyLiteral.parse("(1)"));
    assertEquals(List.of(1L, 2.0), PyLiteral.parse("[1, 2.0,]"));
    assertEquals(PyLiteral.NONE, PyLiteral.parse("None"));
    assertEquals(true, PyLiteral.parse("True"));
    assertEquals("reflect", PyLiteral.parse("\"reflect\""));
    assertEquals(new PyLiteral.Name("InterpolationMode.BILINEAR"),
        PyLiteral.parse("InterpolationMode.BILINEAR"));
    assertEquals("1.0", PyLiteral.repr(1.0));
    assertEquals("1e-07", PyLiteral.repr(1e-7));
    assertEquals("0.1", PyLiteral.repr(0.1));
    assertEquals("1.5e+300", PyLiteral.repr(1.5e300));
    assertEquals(1.5e300, PyLiteral.parse("1.5e+300"));
    assertEquals("(1, 'a', None, True)", PyLiteral.repr(List.of(1L, "a", PyLiteral.NONE, true)));
    assertEquals("division by zero at column 2", assertThrows(
        IllegalArgumentException.class, () -> PyLiteral.parse("1/0")).getMessage());
  }

  @Test
  void unknownTransformsAndArgumentsListWhatIsSupported() {
    assertEquals("'RandomPerspective': unknown transform RandomPerspective (supported: RandomCrop,"
        + " RandomResizedCrop, RandomHorizontalFlip, RandomVerticalFlip, ColorJitter,"
        + " RandomRotation, RandomAffine, RandomGrayscale, RandomInvert, RandomPosterize,"
        + " RandomSolarize, RandomAdjustSharpness, RandomAutocontrast, RandomEqualize,"
        + " RandomApply, RandomChoice, RandomOrder,"
        + " RandAugment,"
        + " TrivialAugmentWide, AutoAugment)",
        error("RandomHorizontalFlip() | RandomPerspective()"));
    assertEquals("'nn.RandomCrop': unknown transform nn.RandomCrop (supported: RandomCrop,"
        + " RandomResizedCrop, RandomHorizontalFlip, RandomVerticalFlip, ColorJitter,"
        + " RandomRotation, RandomAffine, RandomGrayscale, RandomInvert, RandomPosterize,"
        + " RandomSolarize, RandomAdjustSharpness, RandomAutocontrast, RandomEqualize,"
        + " RandomApply, RandomChoice, RandomOrder,"
        + " RandAugment,"
        + " TrivialAugmentWide, AutoAugment)", error("nn.RandomCrop(32)"));
    assertEquals("'RandomHorizontalFlip(q=0.5)': unknown argument 'q' for RandomHorizontalFlip"
        + " (arguments: p)", error("RandomHorizontalFlip(q=0.5)"));
    assertEquals("'RandomHorizontalFlip(0.5, 0.5)': RandomHorizontalFlip takes at most 1"
        + " positional arguments (p)", error("RandomHorizontalFlip(0.5, 0.5)"));
    assertEquals("'RandomCrop(size=32, 4)': a positional argument follows a keyword argument",
        error("RandomCrop(size=32, 4)"));
    assertEquals("'RandomCrop(32, size=32)': argument 'size' given twice",
        error("RandomCrop(32, size=32)"));
  }

  @Test
  void syntaxErrorsQuoteTheTextWithAColumn() {
    assertEquals("'RandomCrop(32) RandomHorizontalFlip()': expected '|' between transforms, found"
        + " 'R' at column 16", error("RandomCrop(32) RandomHorizontalFlip()"));
    assertEquals("'RandomHorizontalFlip': expected '(' after RandomHorizontalFlip (write"
        + " RandomHorizontalFlip() for its defaults) at column 21", error("RandomHorizontalFlip"));
    assertEquals("'RandomCrop(32, padding=4': expected ')' after an argument, found the end at"
        + " column 25", error("RandomCrop(32, padding=4"));
    assertEquals("'RandomCrop(32, padding_mode='reflect)': unterminated string at column 29",
        error("RandomCrop(32, padding_mode='reflect)"));
    assertEquals("'RandomCrop(32) |': expected a transform, found the end at column 17",
        error("RandomCrop(32) |"));
    assertEquals("'Compose([])': Compose has no transforms", error("Compose([])"));
  }

  @Test
  void wrongTypesAndOutOfRangeValuesAreOneLineErrors() {
    assertEquals("'RandomCrop()': RandomCrop needs size (an int or a sequence (h, w) of ints)",
        error("RandomCrop()"));
    assertEquals("'RandomCrop(32.5)': size=32.5: expected an int or a sequence (h, w) of ints",
        error("RandomCrop(32.5)"));
    assertEquals("'RandomCrop(32, padding=(1, 2, 3))': padding=(1, 2, 3): expected None, an int"
        + " or a sequence of 1, 2 or 4 ints", error("RandomCrop(32, padding=(1, 2, 3))"));
    assertEquals("'RandomCrop(32, padding=-1)': RandomCrop padding must be >= 0, got [-1, -1,"
        + " -1, -1]", error("RandomCrop(32, padding=-1)"));
    assertEquals("'RandomCrop(32, padding_mode='wrap')': padding_mode='wrap': expected one of"
        + " 'constant', 'edge', 'reflect', 'symmetric'",
        error("RandomCrop(32, padding_mode='wrap')"));
    assertEquals("'RandomCrop(32, fill=300)': fill=300: fill values must be in [0, 255]",
        error("RandomCrop(32, fill=300)"));
    assertEquals("'RandomCrop(32, fill=(1, 2))': fill=(1, 2): expected None, a number in [0, 255]"
        + " or a sequence of 3 (one per band)", error("RandomCrop(32, fill=(1, 2))"));
    assertEquals("'RandomHorizontalFlip(p=1.5)': RandomHorizontalFlip p must be in [0, 1], got"
        + " 1.5", error("RandomHorizontalFlip(p=1.5)"));
    assertEquals("'RandomHorizontalFlip(p='half')': p='half': expected a number, got a string",
        error("RandomHorizontalFlip(p='half')"));
    assertEquals("'RandomResizedCrop(32, interpolation=InterpolationMode.LANCZOS)':"
        + " interpolation=InterpolationMode.LANCZOS: RandomResizedCrop supports"
        + " InterpolationMode.NEAREST, InterpolationMode.BILINEAR, InterpolationMode.BICUBIC here"
        + " (what preaug's op for it computes)",
        error("RandomResizedCrop(32, interpolation=InterpolationMode.LANCZOS)"));
    assertEquals("'RandomResizedCrop(32, interpolation='cubic')': interpolation='cubic': expected"
        + " an InterpolationMode (InterpolationMode.NEAREST, ... or 'nearest', ...)",
        error("RandomResizedCrop(32, interpolation='cubic')"));
    assertEquals("'RandomResizedCrop(32, scale=(1.0, 0.5))': RandomResizedCrop scale must be"
        + " (min, max) with 0 <= min <= max, got (1.0, 0.5)",
        error("RandomResizedCrop(32, scale=(1.0, 0.5))"));
    assertEquals("'RandomResizedCrop(32, ratio=(0, 1))': RandomResizedCrop ratio must be (min,"
        + " max) with 0 < min <= max, got (0.0, 1.0)",
        error("RandomResizedCrop(32, ratio=(0, 1))"));
    assertEquals("'ColorJitter(brightness=-0.1)': brightness=-0.1: a single number must be >= 0",
        error("ColorJitter(brightness=-0.1)"));
    assertEquals("'ColorJitter(hue=0.6)': hue=0.6: a single number must be >= 0 and <= 0.5",
        error("ColorJitter(hue=0.6)"));
    assertEquals("'ColorJitter(hue=(-0.6, 0.1))': ColorJitter hue must be a number >= 0 and <= 0.5"
        + " or a pair (min, max) with -0.5 <= min <= max <= 0.5, got (-0.6, 0.1)",
        error("ColorJitter(hue=(-0.6, 0.1))"));
    assertEquals("'RandomRotation(-5)': degrees=-5: a single number must be >= 0",
        error("RandomRotation(-5)"));
    assertEquals("'RandomRotation(10, center=(0, 0))': center=(0, 0): not supported: preaug's"
        + " rotate turns about the image centre (leave center=None)",
        error("RandomRotation(10, center=(0, 0))"));
    assertEquals("'RandomRotation(10, expand=1)': expand=1: expected True or False, got an int",
        error("RandomRotation(10, expand=1)"));
    assertEquals("'RandomAffine(0, translate=(0.1, 1.5))': RandomAffine translate must be a pair"
        + " of fractions in [0, 1], got (0.1, 1.5)",
        error("RandomAffine(0, translate=(0.1, 1.5))"));
    assertEquals("'RandomAffine(0, scale=(0, 1))': RandomAffine scale must be a pair (min, max)"
        + " with 1e-6 <= min <= max <= 1e6, got (0.0, 1.0)",
        error("RandomAffine(0, scale=(0, 1))"));
    assertEquals("'RandomAffine(0, shear=(0, 0, -90, 0))': RandomAffine shear must be a number >= 0"
        + " or a pair (min, max) per axis with -89 <= min <= max <= 89 (degrees; Pillow's affine"
        + " needs a finite tangent), got (-90.0, 0.0)", error("RandomAffine(0, shear=(0, 0, -90,"
        + " 0))"));
    assertEquals("'RandomPosterize()': RandomPosterize needs bits", error("RandomPosterize()"));
    assertEquals("'RandomPosterize(9)': RandomPosterize bits must be an int in [0, 8], got 9",
        error("RandomPosterize(9)"));
    assertEquals("'RandomAdjustSharpness(-1)': RandomAdjustSharpness sharpness_factor must be a"
        + " finite number >= 0, got -1.0", error("RandomAdjustSharpness(-1)"));
    assertEquals("'RandomApply(ColorJitter(0.4))': transforms=ColorJitter(brightness=(0.6, 1.4)):"
        + " expected a non-empty list of transforms", error("RandomApply(ColorJitter(0.4))"));
    assertEquals("'RandomApply([ColorJitter(-1)])': 'ColorJitter(-1)': brightness=-1: a single"
        + " number must be >= 0", error("RandomApply([ColorJitter(-1)])"));
    assertEquals("'RandomChoice([RandomHorizontalFlip()], p=1)': p=1: expected None or a sequence"
        + " of weights, one per transform (1)",
        error("RandomChoice([RandomHorizontalFlip()], p=1)"));
    assertEquals("'RandomChoice([RandomHorizontalFlip(), RandomVerticalFlip()], p=[0, 0])':"
        + " RandomChoice p must not sum to 0",
        error("RandomChoice([RandomHorizontalFlip(), RandomVerticalFlip()], p=[0, 0])"));
    assertEquals("'RandAugment(magnitude=31)': RandAugment magnitude must be a bin index in [0,"
        + " num_magnitude_bins) = [0, 31), got 31", error("RandAugment(magnitude=31)"));
    assertEquals("'RandAugment(num_ops=2.0)': num_ops=2.0: expected an int, got a float",
        error("RandAugment(num_ops=2.0)"));
    assertEquals("'AutoAugment(policy=AutoAugmentPolicy.MNIST)':"
        + " policy=AutoAugmentPolicy.MNIST: expected AutoAugmentPolicy.IMAGENET,"
        + " AutoAugmentPolicy.CIFAR10 or AutoAugmentPolicy.SVHN",
        error("AutoAugment(policy=AutoAugmentPolicy.MNIST)"));
  }

  @Test
  void stagesThatWouldChangeTheImageSizeSayWhyInOneLine() {
    assertNull(TorchvisionPipeline.parseStage("RandomCrop(32, padding=4)").unfit(32, 32));
    assertEquals("RandomCrop size=(24, 32) makes 24x32 (HxW) crops, but the input is 32x32 (HxW)"
        + " and a pipeline's transforms keep the image size: use size=32",
        TorchvisionPipeline.parseStage("RandomCrop((24, 32))").unfit(32, 32));
    assertEquals("RandomResizedCrop size=224 makes 224x224 (HxW) images, but the input is 32x48"
        + " (HxW) and a pipeline's transforms keep the image size: use size=(32, 48)",
        TorchvisionPipeline.parseStage("RandomResizedCrop(224)").unfit(48, 32));
    assertNull(TorchvisionPipeline.parseStage("RandomResizedCrop((32, 48))").unfit(48, 32));
    assertEquals("RandomRotation expand=True makes images larger than the input's 32x32 (WxH) for"
        + " most angles, and a pipeline's transforms keep the image size: use expand=False",
        TorchvisionPipeline.parseStage("RandomRotation(10, expand=True)").unfit(32, 32));
    assertNull(TorchvisionPipeline.parseStage("RandomRotation(10)").unfit(32, 32));
    assertEquals("RandomCrop size=28 makes 28x28 (HxW) crops, but the input is 32x32 (HxW) and a"
        + " pipeline's transforms keep the image size: use size=32",
        TorchvisionPipeline.parseStage("RandomOrder([RandomHorizontalFlip(), RandomApply("
            + "[RandomCrop(28)])])").unfit(32, 32));
  }

  @Test
  void stagesDifferWhenTheirArgumentsDo() {
    assertNotEquals(TorchvisionPipeline.parseStage("RandomCrop(32, padding=4)"),
        TorchvisionPipeline.parseStage("RandomCrop(32, padding=4, padding_mode='edge')"));
    assertNotEquals(TorchvisionPipeline.parseStage("RandomHorizontalFlip()"),
        TorchvisionPipeline.parseStage("RandomVerticalFlip()"));
    assertEquals(new RandomRotation(-15, 15, "nearest", false, Fill.BLACK),
        TorchvisionPipeline.parseStage("RandomRotation(15)"));
  }
}
