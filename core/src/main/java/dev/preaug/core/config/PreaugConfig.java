package dev.preaug.core.config;

import dev.preaug.core.BadInputException;
import dev.preaug.core.OutputAlgorithm;
import dev.preaug.core.folder.FolderImages;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.image.Image;
import dev.preaug.core.ops.Resample;
import dev.preaug.core.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one typed configuration of a run, resolved once at the boundary from three layers:
 * built-in defaults, then a config file, then the command line (flags and {@code --set}), each
 * overriding the one before. Every value is validated here; an error names the key, the layer
 * it came from and the rule.
 *
 * <p>Recipe keys merge key by key, except that a layer setting {@code recipe.steps} or {@code
 * recipe.pipeline} replaces the whole recipe of the layers below it (so a file can drop a step or
 * a choice, and a pipeline replaces the default steps).
 */
public final class PreaugConfig {
  /** Formats of the shards. */
  public enum Format {
    TFRECORD, NPY
  }

  /** Compression of TFRecord shards. */
  public enum Compression {
    NONE, GZIP
  }

  /** Pixel type of the images NPY shards. */
  public enum NpyImageDtype {
    UINT8, FLOAT16
  }

  /** How records reach their shards ({@code job.exchange}); every choice writes the same bytes. */
  public enum Exchange {
    /** Direct when the input offers cheap random access (the run decides), shuffle otherwise. */
    AUTO,
    /** Spark shuffle: read tasks take contiguous input ranges; any input. */
    SHUFFLE,
    /** Tasks write runs of whole shards, reading samples by positioned reads; NPY only. */
    DIRECT
  }

  /**
   * The values of an I/O shortcut that never changes bytes ({@code output.direct_io},
   * {@code input.mmap}): taken where it applies, or off.
   */
  private enum Shortcut {
    AUTO, OFF
  }

  /** How much of the input the fingerprint reads ({@code input.fingerprint}). */
  public enum FingerprintMode {
    /** Every byte, in a parallel Spark job per run. */
    FULL,
    /** Headers, names, lengths and the first and last 64 KiB of each file. */
    METADATA
  }

  private static final String DEFAULTS = "defaults";

  private final Map<String, Setting> settings;
  private final Recipe recipe;
  private final String input;
  private final String inputImages;
  private final String inputLabels;
  private final int inputPartitions;
  private final String outputDir;
  private final String name;
  private final Set<Format> formats;
  private final int shards;
  private final Compression compression;
  private final ImageEncoding imageEncoding;
  private final NpyImageDtype npyDtype;
  private final String epochs;
  private final long firstEpoch;
  private final long seed;
  private final int copiesOriginal;
  private final int copiesAugmented;
  private final int sizeW;
  private final int sizeH;
  private final int folderChannels;
  private final Resample folderResample;
  private final boolean rebuildVocabulary;
  private final Exchange exchange;
  private final boolean directIo;
  private final boolean inputMmap;
  private final FingerprintMode fingerprintMode;
  private final int keep;
  private final int ahead;
  private final int pollSeconds;

  private PreaugConfig(Map<String, Setting> s) {
    this.settings = s;
    this.input = str(s, ConfigKey.INPUT);
    this.inputImages = str(s, ConfigKey.INPUT_IMAGES);
    this.inputLabels = str(s, ConfigKey.INPUT_LABELS);
    this.inputPartitions = (int) integer(s, ConfigKey.INPUT_PARTITIONS, 0, 1_000_000);
    this.outputDir = str(s, ConfigKey.OUTPUT_DIR);
    this.name = str(s, ConfigKey.OUTPUT_NAME);
    if (!dev.preaug.core.format.ShardNames.validName(name)) {
      throw bad(s, ConfigKey.OUTPUT_NAME,
          "must be letters, digits, '_' and '.', starting with a letter or digit");
    }
    String fmt = str(s, ConfigKey.OUTPUT_FORMAT).toLowerCase(Locale.ROOT);
    switch (fmt) {
      case "both":
        formats = EnumSet.allOf(Format.class);
        break;
      case "tfrecord":
        formats = EnumSet.of(Format.TFRECORD);
        break;
      case "npy":
        formats = EnumSet.of(Format.NPY);
        break;
      default:
        throw bad(s, ConfigKey.OUTPUT_FORMAT, "must be tfrecord, npy or both");
    }
    this.shards = (int) integer(s, ConfigKey.OUTPUT_SHARDS, 1, 99_999);
    this.compression = choice(s, ConfigKey.TFRECORD_COMPRESSION, Compression.class);
    this.imageEncoding = choice(s, ConfigKey.TFRECORD_IMAGE_ENCODING, ImageEncoding.class);
    this.npyDtype = choice(s, ConfigKey.NPY_DTYPE, NpyImageDtype.class);
    this.epochs = str(s, ConfigKey.EPOCHS);
    if (!epochs.matches("[1-9][0-9]{0,8}|next:[1-9][0-9]{0,8}")) {
      throw bad(s, ConfigKey.EPOCHS, "must be a count >= 1 (e.g. 20) or next:K (e.g. next:3)");
    }
    this.firstEpoch = integer(s, ConfigKey.FIRST_EPOCH, 0, 9_999_999);
    this.seed = integer(s, ConfigKey.SEED, Long.MIN_VALUE, Long.MAX_VALUE);
    this.copiesOriginal = (int) integer(s, ConfigKey.COPIES_ORIGINAL, 0, 1000);
    this.copiesAugmented = (int) integer(s, ConfigKey.COPIES_AUGMENTED, 0, 1000);
    String size = str(s, ConfigKey.INPUT_SIZE);
    java.util.regex.Matcher sm = java.util.regex.Pattern.compile("([1-9][0-9]{0,3})x([1-9][0-9]{0,3})")
        .matcher(size);
    if (!sm.matches()) {
      throw bad(s, ConfigKey.INPUT_SIZE, "must be WxH with 1..9999 pixels per side, e.g. 64x64");
    }
    this.sizeW = Integer.parseInt(sm.group(1));
    this.sizeH = Integer.parseInt(sm.group(2));
    try {
      this.folderChannels = FolderImages.channelsOf(str(s, ConfigKey.INPUT_FOLDER_MODE));
    } catch (IllegalArgumentException e) {
      throw bad(s, ConfigKey.INPUT_FOLDER_MODE, "must be L or RGB");
    }
    try {
      this.folderResample = Resample.parse(str(s, ConfigKey.INPUT_FOLDER_RESAMPLE));
    } catch (IllegalArgumentException e) {
      throw bad(s, ConfigKey.INPUT_FOLDER_RESAMPLE, "must be bicubic, bilinear or nearest");
    }
    this.exchange = choice(s, ConfigKey.EXCHANGE, Exchange.class);
    this.directIo = choice(s, ConfigKey.DIRECT_IO, Shortcut.class) == Shortcut.AUTO;
    this.inputMmap = choice(s, ConfigKey.INPUT_MMAP, Shortcut.class) == Shortcut.AUTO;
    this.fingerprintMode = choice(s, ConfigKey.INPUT_FINGERPRINT, FingerprintMode.class);
    String vocab = str(s, ConfigKey.VOCABULARY);
    if (!vocab.equals("keep") && !vocab.equals("rebuild")) {
      throw bad(s, ConfigKey.VOCABULARY, "must be keep or rebuild");
    }
    this.rebuildVocabulary = vocab.equals("rebuild");
    this.keep = (int) integer(s, ConfigKey.KEEP, 0, 1_000_000);
    this.ahead = (int) integer(s, ConfigKey.AHEAD, 0, 1_000_000);
    this.pollSeconds = (int) integer(s, ConfigKey.POLL_SECONDS, 1, 86_400);
    if (keep > 0 && ahead > 0 && keep < ahead) {
      throw bad(s, ConfigKey.KEEP, "must be 0 or >= rolling.ahead (" + ahead
          + "): the epochs kept ahead of the trainer must fit");
    }
    if (copiesOriginal + copiesAugmented == 0) {
      throw bad(s, ConfigKey.COPIES_AUGMENTED,
          "copies.original + copies.augmented must be at least 1");
    }
    Map<String, String> recipeKeys = new LinkedHashMap<>();
    for (Map.Entry<String, Setting> e : s.entrySet()) {
      if (e.getKey().startsWith(Recipe.PREFIX)) {
        recipeKeys.put(e.getKey(), e.getValue().value());
      }
    }
    try {
      this.recipe = Recipe.fromConfig(recipeKeys);
    } catch (IllegalArgumentException e) {
      String key = e.getMessage().split("[ :=]", 2)[0];
      Setting origin = s.get(key);
      throw new BadInputException(BadInputException.Kind.CONFIG,
          origin != null ? origin.origin() : "recipe", "", e.getMessage(), e);
    }
  }

  /** The built-in defaults, including the seed's recipe. */
  public static Map<String, Setting> defaults() {
    Map<String, Setting> d = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      d.put(k.key(), new Setting(k.defaultValue(), DEFAULTS));
    }
    try (InputStream in = PreaugConfig.class.getResourceAsStream("recipe-defaults.conf")) {
      for (Map.Entry<String, Setting> e : ConfigFile.read(in, "recipe-defaults.conf").entrySet()) {
        d.put(e.getKey(), new Setting(e.getValue().value(), DEFAULTS));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /** Defaults only. */
  public static PreaugConfig resolve() {
    return resolve(List.of());
  }

  /**
   * Resolves layers over the defaults, lowest precedence first (typically the config file, then
   * the command line).
   */
  public static PreaugConfig resolve(List<Map<String, Setting>> layers) {
    Map<String, Setting> merged = defaults();
    for (Map<String, Setting> layer : layers) {
      if (layer.containsKey(Recipe.PREFIX + "steps") || layer.containsKey(Recipe.PIPELINE)) {
        merged.keySet().removeIf(k -> k.startsWith(Recipe.PREFIX));
      }
      for (Map.Entry<String, Setting> e : layer.entrySet()) {
        dropUnlistedChoices(merged, e.getKey(), e.getValue().value());
      }
      for (Map.Entry<String, Setting> e : layer.entrySet()) {
        String k = e.getKey();
        if (!k.startsWith(Recipe.PREFIX) && ConfigKey.of(k) == null) {
          throw new BadInputException(BadInputException.Kind.CONFIG, e.getValue().origin(), "",
              "unknown key '" + k + "'" + suggestion(k));
        }
        merged.put(k, e.getValue());
      }
    }
    return new PreaugConfig(merged);
  }

  /**
   * A layer that sets {@code recipe.<step>.choices} narrows or changes that step: the templates
   * and weights lower layers gave for choices it no longer lists are dropped, so
   * {@code --set recipe.geometry.choices=rotate} alone works.
   */
  private static void dropUnlistedChoices(Map<String, Setting> merged, String key, String value) {
    if (!key.startsWith(Recipe.PREFIX) || !key.endsWith(".choices")) {
      return;
    }
    String base = key.substring(0, key.length() - "choices".length());
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (String c : value.split(",")) {
      listed.add(c.strip());
    }
    merged.keySet().removeIf(k -> {
      if (!k.startsWith(base) || k.equals(key) || k.equals(base + "probability")) {
        return false;
      }
      String rest = k.substring(base.length());
      String choice = rest.endsWith(".weight") ? rest.substring(0, rest.length() - 7) : rest;
      return !choice.contains(".") && !listed.contains(choice);
    });
  }

  private static String suggestion(String k) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (ConfigKey c : ConfigKey.values()) {
      int d = distance(k, c.key());
      if (d < bestD) {
        bestD = d;
        best = c.key();
      }
    }
    return bestD <= 3 ? " (did you mean '" + best + "'?)" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String str(Map<String, Setting> s, ConfigKey k) {
    Setting v = s.get(k.key());
    return v == null ? k.defaultValue() : v.value().strip();
  }

  private static BadInputException bad(Map<String, Setting> s, ConfigKey k, String rule) {
    Setting v = s.get(k.key());
    String origin = v == null ? DEFAULTS : v.origin();
    String value = v == null ? k.defaultValue() : v.value();
    return new BadInputException(BadInputException.Kind.CONFIG, origin, "", k.key() + " = '"
        + value + "': " + rule);
  }

  private static long integer(Map<String, Setting> s, ConfigKey k, long min, long max) {
    String v = str(s, k);
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw bad(s, k, "must be an integer" + range(min, max));
    }
    if (n < min || n > max) {
      throw bad(s, k, "must be an integer" + range(min, max));
    }
    return n;
  }

  private static String range(long min, long max) {
    if (min == Long.MIN_VALUE) {
      return "";
    }
    return " in [" + min + ", " + max + "]";
  }

  private static <E extends Enum<E>> E choice(Map<String, Setting> s, ConfigKey k, Class<E> type) {
    String v = str(s, k);
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String n = e.name().toLowerCase(Locale.ROOT);
      names.add(n);
      if (n.equals(v.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw bad(s, k, "must be one of " + String.join(", ", names));
  }

  /** Where a key's value came from. */
  public String origin(String key) {
    Setting v = settings.get(key);
    return v == null ? DEFAULTS : v.origin();
  }

  /** Raw value of any key, or null. */
  public String raw(String key) {
    Setting v = settings.get(key);
    return v == null ? null : v.value();
  }

  /**
   * All settings as canonical key = value text, sorted: what {@code --print-config} shows.
   * {@link #hashedSettings()} is the part of it the config hash covers.
   */
  public Map<String, String> canonical() {
    Map<String, String> out = new TreeMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      out.put(k.key(), canonicalValue(k));
    }
    out.putAll(recipe.toConfig());
    return out;
  }

  /**
   * The settings that change the bytes of an epoch's shards, canonical and sorted: every key
   * declared {@link ConfigKey.Effect#OUTPUT} and the whole recipe. Manifests record them, so a
   * rerun can name what changed.
   */
  public java.util.SortedMap<String, String> hashedSettings() {
    java.util.SortedMap<String, String> out = new TreeMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      if (k.changesOutput()) {
        out.put(k.key(), canonicalValue(k));
      }
    }
    out.putAll(recipe.toConfig());
    return out;
  }

  /**
   * The parsed value in one spelling, so that values meaning the same setting ({@code BOTH} and
   * {@code both}, {@code 064} and {@code 64}) give the same canonical text and config hash.
   */
  private String canonicalValue(ConfigKey k) {
    switch (k) {
      case INPUT_PARTITIONS:
        return Integer.toString(inputPartitions);
      case OUTPUT_FORMAT:
        return formats.size() == Format.values().length ? "both"
            : formats.iterator().next().name().toLowerCase(Locale.ROOT);
      case OUTPUT_SHARDS:
        return Integer.toString(shards);
      case TFRECORD_COMPRESSION:
        return compression.name().toLowerCase(Locale.ROOT);
      case TFRECORD_IMAGE_ENCODING:
        return imageEncoding.configName();
      case NPY_DTYPE:
        return npyDtype.name().toLowerCase(Locale.ROOT);
      case INPUT_FINGERPRINT:
        return fingerprintMode.name().toLowerCase(Locale.ROOT);
      case INPUT_FOLDER_MODE:
        return Image.modeOf(folderChannels);
      case INPUT_FOLDER_RESAMPLE:
        return folderResample.configName();
      case FIRST_EPOCH:
        return Long.toString(firstEpoch);
      case SEED:
        return Long.toString(seed);
      case COPIES_ORIGINAL:
        return Integer.toString(copiesOriginal);
      case COPIES_AUGMENTED:
        return Integer.toString(copiesAugmented);
      default:
        return str(settings, k);
    }
  }

  /**
   * A hash of everything that decides the bytes of an epoch's shards besides the input and the
   * epoch number: {@link #hashedSettings()} and {@link OutputAlgorithm#VERSION} (kernels, RNG,
   * shuffle and formats of this build). Paths, partitioning, the epoch range and the other
   * {@link ConfigKey.Effect#RUN} keys are left out, so moving the output or splitting the input
   * differently keeps the hash.
   */
  public String configHash() {
    StringBuilder sb = new StringBuilder();
    sb.append("output_algorithm=").append(OutputAlgorithm.VERSION).append('\n');
    for (Map.Entry<String, String> e : hashedSettings().entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return "sha256:" + HexFormat.of().formatHex(
          md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code output.direct_io}: whether local shard files may bypass the page cache. */
  public boolean directIo() {
    return directIo;
  }

  /** {@code input.mmap}: whether the direct exchange may read local NPY files mapped. */
  public boolean inputMmap() {
    return inputMmap;
  }

  /** How much of the input the fingerprint reads. */
  public FingerprintMode fingerprintMode() {
    return fingerprintMode;
  }

  public Recipe recipe() {
    return recipe;
  }

  /**
   * Refuses a recipe that cannot serve the input's {@code width} x {@code height} images (see
   * {@link Recipe#unfit}): a config error naming where the key was set, the key, its value and
   * the size, raised on the driver before any task runs.
   */
  public void requireRecipeFits(int width, int height) {
    requireRecipeFits(width, height, 0);
  }

  /**
   * As {@link #requireRecipeFits(int, int)} for images of {@code channels} bands (1 or 3; 0 when
   * not known): a pipeline's per-band fill on mode L images is refused here too.
   */
  public void requireRecipeFits(int width, int height, int channels) {
    String why = recipe.unfit(width, height, channels);
    if (why != null) {
      String key = why.substring(0, why.indexOf(':'));
      throw new BadInputException(BadInputException.Kind.CONFIG, origin(key), "", why);
    }
  }

  public String input() {
    return input;
  }

  public String inputImages() {
    return inputImages;
  }

  public String inputLabels() {
    return inputLabels;
  }

  public int inputPartitions() {
    return inputPartitions;
  }

  public String outputDir() {
    return outputDir;
  }

  public String name() {
    return name;
  }

  public Set<Format> formats() {
    return EnumSet.copyOf(formats);
  }

  public boolean writes(Format f) {
    return formats.contains(f);
  }

  public int shards() {
    return shards;
  }

  public Compression compression() {
    return compression;
  }

  public ImageEncoding imageEncoding() {
    return imageEncoding;
  }

  public NpyImageDtype npyDtype() {
    return npyDtype;
  }

  /** The epoch spec as written: a count, or {@code next:K}. */
  public String epochs() {
    return epochs;
  }

  public long firstEpoch() {
    return firstEpoch;
  }

  public long seed() {
    return seed;
  }

  public int copiesOriginal() {
    return copiesOriginal;
  }

  public int copiesAugmented() {
    return copiesAugmented;
  }

  /** Width of images from ETL and folder inputs. */
  public int sizeWidth() {
    return sizeW;
  }

  public int sizeHeight() {
    return sizeH;
  }

  /** Folder inputs: 1 ({@code input.folder.mode = L}) or 3 ({@code RGB}) channels. */
  public int folderChannels() {
    return folderChannels;
  }

  /** Folder inputs: the filter that brings images to {@code input.size}. */
  public Resample folderResample() {
    return folderResample;
  }

  /** {@code job.exchange} as written; the run resolves {@link Exchange#AUTO} from its input. */
  public Exchange exchange() {
    return exchange;
  }

  public boolean rebuildVocabulary() {
    return rebuildVocabulary;
  }

  /** Published epochs to keep (0 = all). */
  public int keep() {
    return keep;
  }

  /** Rolling mode: unconsumed epochs to keep ready (0 = off). */
  public int ahead() {
    return ahead;
  }

  public int pollSeconds() {
    return pollSeconds;
  }

  /** Copies per sample per epoch. */
  public int copies() {
    return copiesOriginal + copiesAugmented;
  }

  /**
   * Checks the keys a job run needs (input and output present and consistent); the CLI calls
   * this once, after resolving.
   */
  public void requireRunnable() {
    boolean npy = !inputImages.isEmpty() || !inputLabels.isEmpty();
    if (!input.isEmpty() && npy) {
      throw bad(settings, ConfigKey.INPUT,
          "give either input (KIND:PATH) or input.images/input.labels, not both");
    }
    if (input.isEmpty()) {
      if (inputImages.isEmpty()) {
        throw bad(settings, ConfigKey.INPUT_IMAGES,
            "no input: set --images X.npy --labels Y.npy, or --input etl:DIR / folder:DIR");
      }
      if (inputLabels.isEmpty()) {
        throw bad(settings, ConfigKey.INPUT_LABELS, "--images needs --labels");
      }
    } else if (!input.matches("(etl|folder):.+")) {
      throw bad(settings, ConfigKey.INPUT, "must be etl:PATH or folder:PATH");
    }
    if (outputDir.isEmpty()) {
      throw bad(settings, ConfigKey.OUTPUT_DIR, "no output directory: set --output DIR");
    }
  }
}
