package dev.preaug.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preaug.core.BadInputException;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.ops.Resample;
import dev.preaug.core.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreaugConfigTest {

  /** A command-line style layer: "key=value" pairs, each with origin "--set key". */
  static Map<String, Setting> cli(String... kv) {
    Map<String, Setting> m = new LinkedHashMap<>();
    for (String s : kv) {
      int eq = s.indexOf('=');
      String k = s.substring(0, eq);
      m.put(k, new Setting(s.substring(eq + 1), "--set " + k));
    }
    return m;
  }

  static Map<String, Setting> file(String text) throws IOException {
    return ConfigFileTest.parse(text);
  }

  static PreaugConfig resolve(List<Map<String, Setting>> layers) {
    return PreaugConfig.resolve(layers);
  }

  private static String error(Map<String, Setting> layer) {
    return assertThrows(BadInputException.class, () -> PreaugConfig.resolve(List.of(layer)))
        .getMessage();
  }

  // ---------------------------------------------------------------- defaults

  @Test
  void defaults() {
    PreaugConfig c = PreaugConfig.resolve();
    assertEquals("", c.input());
    assertEquals("", c.inputImages());
    assertEquals("", c.inputLabels());
    assertEquals(0, c.inputPartitions());
    assertEquals("", c.outputDir());
    assertEquals("preaug", c.name());
    assertEquals(EnumSet.allOf(PreaugConfig.Format.class), c.formats());
    assertTrue(c.writes(PreaugConfig.Format.TFRECORD));
    assertTrue(c.writes(PreaugConfig.Format.NPY));
    assertEquals(64, c.shards());
    assertEquals(PreaugConfig.Compression.NONE, c.compression());
    assertEquals(ImageEncoding.RAW, c.imageEncoding());
    assertEquals(PreaugConfig.NpyImageDtype.UINT8, c.npyDtype());
    assertEquals("1", c.epochs());
    assertEquals(0, c.firstEpoch());
    assertEquals(0, c.seed());
    assertEquals(1, c.copiesOriginal());
    assertEquals(1, c.copiesAugmented());
    assertEquals(2, c.copies());
    Recipe r = c.recipe();
    assertEquals(2, r.steps().size());
    assertEquals("geometry", r.steps().get(0).name());
    assertEquals("filter", r.steps().get(1).name());
    assertEquals("defaults", c.origin("seed"));
    assertEquals("defaults", c.origin("recipe.steps"));
    assertEquals("defaults", c.origin("no.such.key"));
    assertEquals("geometry, filter", c.raw("recipe.steps"));
    assertNull(c.raw("no.such.key"));
  }

  @Test
  void defaultsMapHasEveryKey() {
    Map<String, Setting> d = PreaugConfig.defaults();
    for (ConfigKey k : ConfigKey.values()) {
      assertEquals(k.defaultValue(), d.get(k.key()).value(), k.key());
      assertEquals("defaults", d.get(k.key()).origin());
    }
    assertEquals("sine(factor=signed_uniform(0.15, 0.2))",
        d.get("recipe.geometry.sine").value());
  }

  @Test
  void formatsIsACopy() {
    PreaugConfig c = PreaugConfig.resolve();
    c.formats().clear();
    assertEquals(2, c.formats().size());
  }

  // ---------------------------------------------------------------- the shipped conf file

  private static Path shippedConf() {
    Path base = Path.of(System.getProperty("basedir", "."));
    return base.resolve("../conf/preaug.conf").normalize();
  }

  @Test
  void shippedConfFileEqualsTheBuiltInDefaults() throws IOException {
    Path conf = shippedConf();
    assertTrue(Files.isRegularFile(conf), "missing " + conf.toAbsolutePath());
    Map<String, Setting> layer;
    try (InputStream in = Files.newInputStream(conf)) {
      layer = ConfigFile.read(in, conf.toString());
    }
    PreaugConfig fromFile = PreaugConfig.resolve(List.of(layer));
    PreaugConfig builtIn = PreaugConfig.resolve();
    assertEquals(builtIn.canonical(), fromFile.canonical());
    assertEquals(builtIn.configHash(), fromFile.configHash());
    // "every key, at its built-in default": each key is listed with exactly its default text.
    for (ConfigKey k : ConfigKey.values()) {
      assertTrue(layer.containsKey(k.key()), "conf/preaug.conf lacks " + k.key());
      assertEquals(k.defaultValue(), layer.get(k.key()).value(), k.key());
    }
    // And the recipe replaces the defaults as a whole (it sets recipe.steps).
    assertTrue(layer.containsKey("recipe.steps"));
    assertTrue(fromFile.origin("recipe.geometry.rotate").startsWith(conf.toString()));
  }

  // ---------------------------------------------------------------- precedence

  @Test
  void laterLayersWin() throws IOException {
    Map<String, Setting> f = file("seed = 5\noutput.shards = 32\noutput.name = filename\n");
    Map<String, Setting> c = cli("output.shards=16");
    PreaugConfig cfg = resolve(List.of(f, c));
    assertEquals(16, cfg.shards());
    assertEquals("--set output.shards", cfg.origin("output.shards"));
    assertEquals(5, cfg.seed());
    assertEquals("my.conf line 1", cfg.origin("seed"));
    assertEquals("filename", cfg.name());
    assertEquals(64, resolve(List.of()).shards());
    assertEquals(32, resolve(List.of(f)).shards());
    // Order matters: the file given last wins.
    assertEquals(32, resolve(List.of(c, f)).shards());
  }

  @Test
  void valuesAreStripped() {
    PreaugConfig c = resolve(List.of(cli("output.shards= 12 ", "output.name=  x  ")));
    assertEquals(12, c.shards());
    assertEquals("x", c.name());
  }

  // ---------------------------------------------------------------- recipe layering

  @Test
  void aLayerWithRecipeStepsReplacesTheWholeRecipe() throws IOException {
    Map<String, Setting> f = file("recipe.steps = geometry\n"
        + "recipe.geometry.choices = rotate\n"
        + "recipe.geometry.rotate = rotate(angle=5)\n");
    PreaugConfig c = resolve(List.of(f));
    assertEquals(1, c.recipe().steps().size());
    assertEquals(1, c.recipe().steps().get(0).choices().size());
    assertEquals("rotate(angle=5)", c.recipe().steps().get(0).choices().get(0).template().spec());
    assertNull(c.raw("recipe.filter.choices"), "the default filter step is gone");
    assertNull(c.raw("recipe.geometry.sine"));
    // Even an empty step list replaces the recipe: no augmentation at all.
    assertEquals(0, resolve(List.of(cli("recipe.steps="))).recipe().steps().size());
  }

  @Test
  void otherRecipeKeysMergeKeyByKey() throws IOException {
    Map<String, Setting> f = file("recipe.filter.blur = gaussian_blur(radius=2)\n"
        + "recipe.filter.blur.weight = 3\n");
    PreaugConfig c = resolve(List.of(f));
    assertEquals(2, c.recipe().steps().size());
    Recipe.Step filter = c.recipe().steps().get(1);
    assertEquals("gaussian_blur(radius=2)", filter.choices().get(0).template().spec());
    assertEquals(3.0, filter.choices().get(0).weight());
    assertEquals("sharpen", filter.choices().get(1).template().spec());
    assertEquals(4, c.recipe().steps().get(0).choices().size(), "geometry untouched");
    assertEquals("my.conf line 1", c.origin("recipe.filter.blur"));
  }

  @Test
  void replacementThenMerge() throws IOException {
    Map<String, Setting> f = file("recipe.steps = geometry\n"
        + "recipe.geometry.choices = rotate\n"
        + "recipe.geometry.rotate = rotate(angle=5)\n");
    PreaugConfig c = resolve(List.of(f, cli("recipe.geometry.rotate=rotate(angle=7)")));
    assertEquals("rotate(angle=7)", c.recipe().steps().get(0).choices().get(0).template().spec());
    assertEquals(1, c.recipe().steps().size());
    // A later layer that adds a key the replaced recipe does not list is an error naming it.
    assertEquals("--set recipe.filter.sharpen: recipe.filter.sharpen: unknown recipe key (not a"
            + " listed step, choice, weight or probability)",
        assertThrows(BadInputException.class, () -> resolve(List.of(f,
            cli("recipe.filter.sharpen=sharpen")))).getMessage());
  }

  @Test
  void recipeErrorsNameTheKeyAndItsOrigin() throws IOException {
    BadInputException e = assertThrows(BadInputException.class, () -> resolve(List.of(file(
        "seed = 1\nrecipe.geometry.rotate = rotate(angle=uniform(15, -15))\n"))));
    assertEquals("my.conf line 2: recipe.geometry.rotate: uniform(15, -15) has an inverted range"
        + " (low 15 > high -15)", e.getMessage());
    assertEquals("my.conf line 2", e.source());
    BadInputException w = assertThrows(BadInputException.class, () -> resolve(List.of(
        cli("recipe.filter.smooth.weight=0"))));
    assertEquals("--set recipe.filter.smooth.weight: recipe.filter.smooth.weight = 0: must be a"
        + " finite number > 0", w.getMessage());
    BadInputException p = assertThrows(BadInputException.class, () -> resolve(List.of(
        cli("recipe.filter.probability=2"))));
    assertEquals("--set recipe.filter.probability: recipe.filter.probability = 2: must be in"
        + " [0, 1]", p.getMessage());
  }

  // ---------------------------------------------------------------- unknown keys

  @Test
  void unknownKeysWithSuggestions() throws IOException {
    assertEquals("my.conf line 1: unknown key 'output.shard' (did you mean 'output.shards'?)",
        error(file("output.shard = 3\n")));
    assertEquals("--set sed: unknown key 'sed' (did you mean 'seed'?)", error(cli("sed=1")));
    assertEquals("--set copies.orginal: unknown key 'copies.orginal' (did you mean"
        + " 'copies.original'?)", error(cli("copies.orginal=1")));
    assertEquals("--set input.image: unknown key 'input.image' (did you mean 'input.images'?)",
        error(cli("input.image=x")));
    assertEquals("--set first.epoch: unknown key 'first.epoch' (did you mean 'first_epoch'?)",
        error(cli("first.epoch=1")));
    assertEquals("--set totally.unrelated: unknown key 'totally.unrelated'",
        error(cli("totally.unrelated=1")));
  }

  // ---------------------------------------------------------------- typed values

  private static void assertRejected(String expected, String... kv) {
    assertEquals(expected, error(cli(kv)), String.join(" ", kv));
  }

  @Test
  void shardsValidation() {
    assertRejected("--set output.shards: output.shards = '0': must be an integer in [1, 99999]",
        "output.shards=0");
    assertRejected("--set output.shards: output.shards = '100000': must be an integer in"
        + " [1, 99999]", "output.shards=100000");
    assertRejected("--set output.shards: output.shards = 'many': must be an integer in"
        + " [1, 99999]", "output.shards=many");
    assertRejected("--set output.shards: output.shards = '': must be an integer in [1, 99999]",
        "output.shards=");
    assertEquals(99999, resolve(List.of(cli("output.shards=99999"))).shards());
  }

  @Test
  void formatValidation() {
    assertRejected("--set output.format: output.format = 'parquet': must be tfrecord, npy or"
        + " both", "output.format=parquet");
    assertEquals(EnumSet.of(PreaugConfig.Format.TFRECORD),
        resolve(List.of(cli("output.format=tfrecord"))).formats());
    assertEquals(EnumSet.of(PreaugConfig.Format.NPY),
        resolve(List.of(cli("output.format=NPY"))).formats());
    assertFalse(resolve(List.of(cli("output.format=npy"))).writes(PreaugConfig.Format.TFRECORD));
  }

  @Test
  void enumValidation() {
    assertRejected("--set output.tfrecord.compression: output.tfrecord.compression = 'zip':"
        + " must be one of none, gzip", "output.tfrecord.compression=zip");
    assertRejected("--set output.tfrecord.image_encoding: output.tfrecord.image_encoding ="
        + " 'jpeg': must be one of raw, png", "output.tfrecord.image_encoding=jpeg");
    assertRejected("--set output.npy.dtype: output.npy.dtype = 'float32': must be one of uint8,"
        + " float16", "output.npy.dtype=float32");
    assertRejected("--set output.direct_io: output.direct_io = 'always': must be one of auto,"
        + " off", "output.direct_io=always");
    assertRejected("--set input.mmap: input.mmap = 'yes': must be one of auto, off",
        "input.mmap=yes");
    PreaugConfig d = resolve(List.of());
    assertTrue(d.directIo());
    assertTrue(d.inputMmap());
    d = resolve(List.of(cli("output.direct_io=OFF", "input.mmap=off")));
    assertFalse(d.directIo());
    assertFalse(d.inputMmap());
    PreaugConfig c = resolve(List.of(cli("output.tfrecord.compression=GZIP",
        "output.tfrecord.image_encoding=png", "output.npy.dtype=float16")));
    assertEquals(PreaugConfig.Compression.GZIP, c.compression());
    assertEquals(ImageEncoding.PNG, c.imageEncoding());
    assertEquals(PreaugConfig.NpyImageDtype.FLOAT16, c.npyDtype());
  }

  @Test
  void folderModeAndResampleValidation() {
    assertRejected("--set input.folder.mode: input.folder.mode = 'CMYK': must be L or RGB",
        "input.folder.mode=CMYK");
    assertRejected("--set input.folder.mode: input.folder.mode = '': must be L or RGB",
        "input.folder.mode=");
    assertRejected("--set input.folder.resample: input.folder.resample = 'lanczos': must be"
        + " bicubic, bilinear or nearest", "input.folder.resample=lanczos");
    PreaugConfig d = PreaugConfig.resolve();
    assertEquals(1, d.folderChannels());
    assertEquals(Resample.BICUBIC, d.folderResample());
    PreaugConfig c = resolve(List.of(cli("input.folder.mode=rgb",
        "input.folder.resample=NEAREST")));
    assertEquals(3, c.folderChannels());
    assertEquals(Resample.NEAREST, c.folderResample());
    assertEquals("RGB", c.canonical().get("input.folder.mode"));
    assertEquals("nearest", c.canonical().get("input.folder.resample"));
  }

  @Test
  void epochsValidation() {
    for (String bad : new String[] {"0", "next:0", "abc", "-1", "1.5", "next:", "next:-2", "",
        "0020", "1234567890", "next:1234567890", "NEXT:3", "next: 3"}) {
      assertRejected("--set epochs: epochs = '" + bad + "': must be a count >= 1 (e.g. 20) or"
          + " next:K (e.g. next:3)", "epochs=" + bad);
    }
    assertEquals("20", resolve(List.of(cli("epochs=20"))).epochs());
    assertEquals("next:3", resolve(List.of(cli("epochs=next:3"))).epochs());
    assertEquals("999999999", resolve(List.of(cli("epochs=999999999"))).epochs());
  }

  @Test
  void integerValidation() {
    assertRejected("--set first_epoch: first_epoch = '-1': must be an integer in [0, 9999999]",
        "first_epoch=-1");
    assertRejected("--set input.partitions: input.partitions = '-1': must be an integer in"
        + " [0, 1000000]", "input.partitions=-1");
    assertRejected("--set seed: seed = 'abc': must be an integer", "seed=abc");
    assertRejected("--set seed: seed = '9223372036854775808': must be an integer",
        "seed=9223372036854775808");
    assertRejected("--set copies.original: copies.original = '1001': must be an integer in"
        + " [0, 1000]", "copies.original=1001");
    assertRejected("--set copies.augmented: copies.augmented = '-1': must be an integer in"
        + " [0, 1000]", "copies.augmented=-1");
    assertEquals(Long.MIN_VALUE, resolve(List.of(cli("seed=-9223372036854775808"))).seed());
    assertEquals(9_999_999, resolve(List.of(cli("first_epoch=9999999"))).firstEpoch());
    assertEquals(1_000_000, resolve(List.of(cli("input.partitions=1000000")))
        .inputPartitions());
  }

  @Test
  void copiesValidation() {
    assertRejected("--set copies.augmented: copies.augmented = '0': copies.original +"
        + " copies.augmented must be at least 1", "copies.original=0", "copies.augmented=0");
    PreaugConfig onlyAug = resolve(List.of(cli("copies.original=0", "copies.augmented=3")));
    assertEquals(3, onlyAug.copies());
    PreaugConfig onlyOrig = resolve(List.of(cli("copies.augmented=0")));
    assertEquals(1, onlyOrig.copies());
  }

  @Test
  void nameValidation() {
    for (String bad : new String[] {"a-b", "", "_x", "a/b", "a..b"}) {
      assertRejected("--set output.name: output.name = '" + bad + "': must be letters, digits,"
          + " '_' and '.', starting with a letter or digit", "output.name=" + bad);
    }
    assertEquals("etl9b.v2", resolve(List.of(cli("output.name=etl9b.v2"))).name());
  }

  @Test
  void errorsFromAFileNameTheLine() throws IOException {
    assertEquals("my.conf line 3: output.shards = '0': must be an integer in [1, 99999]",
        error(file("# c\nseed = 1\noutput.shards = 0\n")));
  }

  // ---------------------------------------------------------------- configHash

  @Test
  void configHashIsStableAndWellFormed() throws IOException {
    String h = PreaugConfig.resolve().configHash();
    assertTrue(h.matches("sha256:[0-9a-f]{64}"), h);
    assertEquals(h, PreaugConfig.resolve().configHash());
    // The same values from other layers and origins hash the same.
    assertEquals(h, resolve(List.of(file("seed = 0\noutput.shards = 64\n"))).configHash());
    assertEquals(h, resolve(List.of(cli("seed=0"), cli("output.format=both"))).configHash());
  }

  @Test
  void configHashIgnoresRecipeSpelling() throws IOException {
    String h = PreaugConfig.resolve().configHash();
    // Spaces, explicit defaults and number spelling do not change the canonical recipe.
    assertEquals(h, resolve(List.of(file(
        "recipe.geometry.rotate = rotate( angle = uniform( -15.0 , 15 ) )\n"
            + "recipe.geometry.probability = 1.0\n"
            + "recipe.filter.blur.weight = 1\n"
            + "recipe.geometry.scale = resize_paste(w=randrange(0.390625*W,63/64*W),"
            + "h=randrange(50/128*H,63/64*H))\n")))
        .configHash());
    // The seed's absolute spelling draws the same at 64x64 but is another recipe elsewhere.
    assertNotEquals(h, resolve(List.of(cli(
        "recipe.geometry.scale=resize_paste(w=randrange(25,63),h=randrange(25,63))")))
        .configHash());
  }

  @Test
  void configHashIgnoresValueSpelling() {
    // Values that parse to the same setting write the same bytes, so they hash the same.
    String h = PreaugConfig.resolve().configHash();
    assertEquals(h, resolve(List.of(cli("output.format=BOTH"))).configHash());
    assertEquals(h, resolve(List.of(cli("output.tfrecord.compression=NONE",
        "output.tfrecord.image_encoding=Raw", "output.npy.dtype=UINT8"))).configHash());
    assertEquals(h, resolve(List.of(cli("input.folder.mode=l",
        "input.folder.resample=Bicubic"))).configHash());
    assertEquals(h, resolve(List.of(cli("seed=+0", "output.shards=064",
        "copies.original=01"))).configHash());
    assertEquals(resolve(List.of(cli("seed=7"))).configHash(),
        resolve(List.of(cli("seed=007"))).configHash());
  }

  @Test
  void configHashChangesWithWhatChangesTheBytes() {
    String base = PreaugConfig.resolve().configHash();
    String[][] changes = {{"recipe.geometry.rotate=rotate(angle=uniform(-10, 10))"},
        {"recipe.filter.probability=0.5"}, {"recipe.filter.sharpen.weight=2"},
        {"recipe.steps=geometry", "recipe.geometry.choices=rotate",
            "recipe.geometry.rotate=rotate(angle=uniform(-15, 15))"},
        {"seed=1"}, {"output.shards=63"}, {"output.format=tfrecord"}, {"output.format=npy"},
        {"output.name=other"}, {"output.tfrecord.compression=gzip"},
        {"output.tfrecord.image_encoding=png"}, {"output.npy.dtype=float16"},
        {"copies.original=2"}, {"copies.augmented=0"}, {"input.folder.mode=RGB"},
        {"input.folder.resample=bilinear"}, {"input.folder.resample=nearest"}};
    Set<String> seen = new HashSet<>();
    seen.add(base);
    for (String[] change : changes) {
      String h = resolve(List.of(cli(change))).configHash();
      assertTrue(seen.add(h), "hash unchanged or repeated for " + String.join(" ", change));
    }
  }

  @Test
  void configHashIgnoresPathsPartitionsAndEpochs() {
    String base = PreaugConfig.resolve().configHash();
    String[][] same = {{"output.dir=/tmp/out"}, {"input.images=/data/x.npy"},
        {"input.labels=/data/y.npy"}, {"input=etl:/data/etl"}, {"input.partitions=17"},
        {"epochs=20"}, {"epochs=next:3"}, {"first_epoch=12"}};
    for (String[] s : same) {
      assertEquals(base, resolve(List.of(cli(s))).configHash(), String.join(" ", s));
    }
  }

  @Test
  void canonicalListsEveryKeySorted() {
    Map<String, String> c = PreaugConfig.resolve().canonical();
    for (ConfigKey k : ConfigKey.values()) {
      assertTrue(c.containsKey(k.key()), k.key());
    }
    assertEquals("geometry, filter", c.get("recipe.steps"));
    assertEquals("rotate(angle=uniform(-15,15))", c.get("recipe.geometry.rotate"));
    assertEquals("1", c.get("recipe.geometry.probability"));
    List<String> keys = new ArrayList<>(c.keySet());
    List<String> sorted = new ArrayList<>(keys);
    java.util.Collections.sort(sorted);
    assertEquals(sorted, keys);
  }

  // ---------------------------------------------------------------- requireRunnable

  private static String notRunnable(String... kv) {
    PreaugConfig c = resolve(List.of(cli(kv)));
    return assertThrows(BadInputException.class, c::requireRunnable).getMessage();
  }

  @Test
  void requireRunnable() {
    assertEquals("defaults: input.images = '': no input: set --images X.npy --labels Y.npy, or"
        + " --input etl:DIR / folder:DIR", notRunnable());
    assertEquals("defaults: input.labels = '': --images needs --labels",
        notRunnable("input.images=x.npy", "output.dir=/o"));
    assertEquals("--set input.images: input.images = '': no input: set --images X.npy --labels"
        + " Y.npy, or --input etl:DIR / folder:DIR", notRunnable("input.images=",
        "input.labels=y.npy"));
    assertEquals("--set input: input = 'etl:/d': give either input (KIND:PATH) or"
            + " input.images/input.labels, not both",
        notRunnable("input=etl:/d", "input.labels=y.npy"));
    assertEquals("--set input: input = 'zip:/d': must be etl:PATH or folder:PATH",
        notRunnable("input=zip:/d", "output.dir=/o"));
    assertEquals("--set input: input = 'etl:': must be etl:PATH or folder:PATH",
        notRunnable("input=etl:", "output.dir=/o"));
    assertEquals("defaults: output.dir = '': no output directory: set --output DIR",
        notRunnable("input.images=x.npy", "input.labels=y.npy"));
    resolve(List.of(cli("input.images=x.npy", "input.labels=y.npy", "output.dir=/o")))
        .requireRunnable();
    resolve(List.of(cli("input=etl:/data", "output.dir=hdfs:///o"))).requireRunnable();
    resolve(List.of(cli("input=folder:/data", "output.dir=/o"))).requireRunnable();
  }

  // ---------------------------------------------------------------- ConfigKey and Setting

  @Test
  void configKeys() throws IOException {
    assertEquals(34, ConfigKey.values().length);
    assertEquals(List.of(ConfigKey.values()), ConfigKey.all());
    Set<String> keys = new HashSet<>();
    Set<String> flags = new HashSet<>();
    for (ConfigKey k : ConfigKey.values()) {
      assertTrue(keys.add(k.key()), "duplicate key " + k.key());
      assertTrue(k.flag() == null || (k.flag().startsWith("--") && flags.add(k.flag())),
          "bad or duplicate flag " + k.flag());
      assertEquals(k, ConfigKey.of(k.key()));
      assertFalse(k.description().isBlank(), k.key());
      assertFalse(k.key().startsWith(Recipe.PREFIX));
      // Every key is writable in a config file.
      ConfigFileTest.parse(k.key() + " = " + k.defaultValue());
    }
    assertNull(ConfigKey.of("nope"));
    assertNull(ConfigKey.of("recipe.steps"));
    assertEquals("--images", ConfigKey.INPUT_IMAGES.flag());
    assertEquals("--labels", ConfigKey.INPUT_LABELS.flag());
    assertEquals("--output", ConfigKey.OUTPUT_DIR.flag());
    assertEquals("--epochs", ConfigKey.EPOCHS.flag());
    assertEquals("--first-epoch", ConfigKey.FIRST_EPOCH.flag());
    assertEquals("--shards", ConfigKey.OUTPUT_SHARDS.flag());
    assertEquals("--format", ConfigKey.OUTPUT_FORMAT.flag());
    assertEquals("--seed", ConfigKey.SEED.flag());
    assertEquals("--copies-original", ConfigKey.COPIES_ORIGINAL.flag());
    assertEquals("--copies-augmented", ConfigKey.COPIES_AUGMENTED.flag());
    assertNull(ConfigKey.TFRECORD_COMPRESSION.flag());
  }

  @Test
  void setting() {
    Setting s = new Setting("v", "my.conf line 3");
    assertEquals("v", s.value());
    assertEquals("my.conf line 3", s.origin());
    assertEquals("v (my.conf line 3)", s.toString());
  }
}
