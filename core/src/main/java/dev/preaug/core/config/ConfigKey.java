package dev.preaug.core.config;

import java.util.List;

/**
 * Every non-recipe config key: its CLI flag (if any), built-in default, whether it changes the
 * output's bytes (and so enters the config hash), and meaning. This list is the single source of
 * docs/configuration.md's table (a test checks the two agree). Every recipe key changes output.
 */
public enum ConfigKey {
  INPUT("input", "--input", "", Effect.RUN,
      "Input dataset as KIND:PATH (etl:DIR, folder:DIR); leave empty for NPY input via"
          + " input.images/input.labels"),
  INPUT_IMAGES("input.images", "--images", "", Effect.RUN,
      "NPY images: uint8 or float16 in [0,1], shape [N,H,W], [N,H,W,1] (gray) or [N,H,W,3] (RGB);"
          + " any Hadoop URI"),
  INPUT_LABELS("input.labels", "--labels", "", Effect.RUN,
      "NPY labels: int8/int16/int32/int64, shape [N], values in [0, 2^31)"),
  INPUT_SIZE("input.size", "--size", "64x64", Effect.OUTPUT,
      "ETL and folder inputs: the WxH every image is brought to (ETL: nearest, as the"
          + " reference reader; folders: Pillow's resize with input.folder.resample)"),
  INPUT_FOLDER_MODE("input.folder.mode", null, "L", Effect.OUTPUT,
      "Folder inputs: the Pillow mode every image is converted to, exactly as"
          + " Image.open(f).convert(mode): L (gray, 1 channel) or RGB (3 channels)"),
  INPUT_FOLDER_RESAMPLE("input.folder.resample", null, "bicubic", Effect.OUTPUT,
      "Folder inputs: the filter of the resize to input.size, exactly as Pillow's"
          + " img.resize((W, H), resample): bicubic (Pillow's default), bilinear or nearest"),
  INPUT_GROUPS("input.etl.groups", "--groups", "all", Effect.OUTPUT,
      "ETL: character groups to keep, comma-separated: kanji, hiragana, katakana, digits,"
          + " latin, symbols, all"),
  INPUT_ETL_DEDUP("input.etl.dedup", null, "off", Effect.OUTPUT,
      "ETL: off (read ETL9B and ETL9G, as the reference does), keep_9g or keep_9b"),
  INPUT_ETL_SKIP_MODEL("input.etl.skip_model_images", null, "false", Effect.OUTPUT,
      "ETL: drop the model/template images at the end of ETL8B2C3 and the extra set of"
          + " ETL9B_5"),
  INPUT_ETL_UNDECODABLE("input.etl.undecodable", null, "fail", Effect.OUTPUT,
      "ETL: fail or skip records whose label code maps to no character"),
  INPUT_ETL_NORMALIZE("input.etl.normalize", null, "reference", Effect.OUTPUT,
      "ETL: reference (the seed's v/(2^depth-1) as float16 then x*255) or full_range"),
  INPUT_ETL_FORMAT("input.etl.format", null, "", Effect.OUTPUT,
      "ETL: read every file as this record type (M, K, C, 8B, 8G, 9B, 9G) instead of"
          + " recognising official file names"),
  INPUT_ETL_NAMES("input.etl.names", null, "official", Effect.OUTPUT,
      "ETL: official file names only, or etldr (also accept the ETLn_m renamed layout)"),
  VOCABULARY("input.vocabulary", null, "keep", Effect.RUN,
      "String-labelled inputs: keep (fail if the class list differs from the newest published"
          + " epoch's labels.txt) or rebuild"),
  INPUT_FINGERPRINT("input.fingerprint", null, "full", Effect.RUN,
      "How a rerun tells that the input changed: full (SHA-256 of every input byte, read in"
          + " parallel by a Spark job each run) or metadata (headers, file names and lengths, the"
          + " first and last 64 KiB of each file: cheap, misses edits in the middle)"),
  INPUT_PARTITIONS("input.partitions", "--partitions", "0", Effect.RUN,
      "Read tasks per epoch; 0 picks 4 per default-parallelism slot, at most one per 64"
          + " samples, for the shuffle exchange, and one per slot for the direct exchange, whose"
          + " tasks each write a run of whole shards (never more tasks than shards). Output"
          + " bytes never depend on it"),
  INPUT_MMAP("input.mmap", null, "auto", Effect.RUN,
      "NPY input on a file: path read by the direct exchange: auto (from read-only memory"
          + " mappings shared by an executor's tasks: no system call per sample) or off"
          + " (positioned reads). Mapped pages count towards a process's resident memory, which"
          + " YARN's default container memory check includes. Output bytes never depend on it"),
  EXCHANGE("job.exchange", "--exchange", "auto", Effect.RUN,
      "How records reach their shards: shuffle (Spark shuffle; tasks read contiguous input"
          + " ranges; any input), direct (each shard task reads its samples by random access;"
          + " NPY input; no shuffle) or auto (direct for NPY input on a file: path, where"
          + " positioned reads hit the page cache; shuffle for HDFS, object stores and other"
          + " inputs; the run logs its choice). Output bytes are the same"),
  OUTPUT_DIR("output.dir", "--output", "", Effect.RUN,
      "Directory (Hadoop URI) holding the epoch-NNNNN directories"),
  OUTPUT_NAME("output.name", "--name", "preaug", Effect.OUTPUT,
      "Dataset name: the {name} in shard file names"),
  OUTPUT_FORMAT("output.format", "--format", "both", Effect.OUTPUT, "tfrecord, npy or both"),
  OUTPUT_SHARDS("output.shards", "--shards", "64", Effect.OUTPUT,
      "Shards per epoch and format; sizes differ by at most one record"),
  TFRECORD_COMPRESSION("output.tfrecord.compression", null, "none", Effect.OUTPUT,
      "none or gzip (gzip shards keep the same names; read them with compression_type='GZIP')"),
  TFRECORD_IMAGE_ENCODING("output.tfrecord.image_encoding", null, "raw", Effect.OUTPUT,
      "raw (uint8 bytes, H*W*C row-major) or png for the 'image' feature"),
  NPY_DTYPE("output.npy.dtype", null, "uint8", Effect.OUTPUT,
      "uint8 (0..255) or float16 (value/255, in [0,1]) for the images NPY shards"),
  DIRECT_IO("output.direct_io", null, "auto", Effect.RUN,
      "Shard files on a file: path: auto (a file past its first 1 MiB is written with direct"
          + " I/O, O_DIRECT, bypassing the page cache, from a writer thread while the task goes"
          + " on; where the file system refuses O_DIRECT, and for smaller files, through the"
          + " page cache) or off (always through the page cache). Output bytes never depend on"
          + " it"),
  EPOCHS("epochs", "--epochs", "1", Effect.RUN,
      "Epochs to write: a count N, or next:K for the K epochs after the newest published one"),
  FIRST_EPOCH("first_epoch", "--first-epoch", "0", Effect.RUN, "Number of the first epoch written"),
  SEED("seed", "--seed", "0", Effect.OUTPUT,
      "Run seed: with the epoch, fixes every random choice and the order"),
  COPIES_ORIGINAL("copies.original", "--copies-original", "1", Effect.OUTPUT,
      "Unaugmented copies of each sample per epoch"),
  COPIES_AUGMENTED("copies.augmented", "--copies-augmented", "1", Effect.OUTPUT,
      "Augmented copies of each sample per epoch, each with its own random ops"),
  KEEP("retention.keep", "--keep", "0", Effect.RUN,
      "Keep at most K published epochs, removing the oldest (only preaug's own; with --ahead,"
          + " only ones the trainer finished); 0 keeps all"),
  AHEAD("rolling.ahead", "--ahead", "0", Effect.RUN,
      "Rolling mode: build epoch e only once e <= (highest epoch the trainer marked consumed) + K,"
          + " sleeping meanwhile; 0 is off"),
  POLL_SECONDS("rolling.poll_seconds", null, "30", Effect.RUN,
      "Rolling mode: seconds between checks for epochs the trainer marked consumed");

  /** Whether a key's value can change the bytes of an epoch's shards. */
  public enum Effect {
    /**
     * Changes what is written (or which samples are read): part of the config hash, so an epoch
     * published with another value is never taken for this run's.
     */
    OUTPUT,
    /** Changes only how or where the run works (paths, parallelism, retention): not hashed. */
    RUN
  }

  private final String key;
  private final String flag;
  private final String defaultValue;
  private final Effect effect;
  private final String description;

  ConfigKey(String key, String flag, String defaultValue, Effect effect, String description) {
    this.key = key;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.effect = effect;
    this.description = description;
  }

  /** True when the key enters the config hash (see {@link Effect}). */
  public boolean changesOutput() {
    return effect == Effect.OUTPUT;
  }

  public String key() {
    return key;
  }

  /** The CLI flag that sets it, or null when only a config file or --set can. */
  public String flag() {
    return flag;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public static ConfigKey of(String key) {
    for (ConfigKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }

  public static List<ConfigKey> all() {
    return List.of(values());
  }
}
