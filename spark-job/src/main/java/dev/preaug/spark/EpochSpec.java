package dev.preaug.spark;

import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.format.ImageEncoding;
import dev.preaug.core.plan.RecordPlan;
import dev.preaug.core.recipe.Recipe;
import java.io.Serializable;

/**
 * Everything a task needs to produce its part of one epoch: small, serialisable, and the same
 * for every task, so what a task writes depends only on it and on the task's own range.
 */
public final class EpochSpec implements Serializable {
  private static final long serialVersionUID = 1L;
  final String name;
  final long epoch;
  final long seed;
  final long samples;
  final int copiesOriginal;
  final int copiesAugmented;
  final int shards;
  final int height;
  final int width;
  /** 1 (gray) or 3 (RGB): every record of the epoch has the input's channels. */
  final int channels;
  final boolean tfrecord;
  final boolean npy;
  final boolean gzip;
  final ImageEncoding imageEncoding;
  final boolean npyFloat16;
  /** {@code output.direct_io}: large local shard files may bypass the page cache. */
  final boolean directIo;
  /** Recipe as config lines; each task rebuilds it (ops are not Serializable by design). */
  final java.util.Map<String, String> recipe;
  /** Where task attempts write: {@code <epoch in-progress dir>/_attempts}. */
  final String attemptsDir;
  /** Test hooks at named points of a task; {@link TaskHooks#NONE} in production. */
  final TaskHooks hooks;
  private transient Recipe parsed;
  private transient RecordPlan plan;

  EpochSpec(PreaugConfig c, long epoch, long samples, int height, int width, int channels,
      String attemptsDir, TaskHooks hooks) {
    this.name = c.name();
    this.epoch = epoch;
    this.seed = c.seed();
    this.samples = samples;
    this.copiesOriginal = c.copiesOriginal();
    this.copiesAugmented = c.copiesAugmented();
    this.shards = c.shards();
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.tfrecord = c.writes(PreaugConfig.Format.TFRECORD);
    this.npy = c.writes(PreaugConfig.Format.NPY);
    this.gzip = c.compression() == PreaugConfig.Compression.GZIP;
    this.imageEncoding = c.imageEncoding();
    this.npyFloat16 = c.npyDtype() == PreaugConfig.NpyImageDtype.FLOAT16;
    this.directIo = c.directIo();
    this.recipe = new java.util.LinkedHashMap<>(c.recipe().toConfig());
    this.attemptsDir = attemptsDir;
    this.hooks = hooks;
  }

  int copies() {
    return copiesOriginal + copiesAugmented;
  }

  long records() {
    return samples * copies();
  }

  Recipe recipe() {
    if (parsed == null) {
      parsed = Recipe.fromConfig(recipe);
    }
    return parsed;
  }

  /** The epoch's record plan, built once per deserialized copy of the spec. */
  RecordPlan plan() {
    if (plan == null) {
      plan = new RecordPlan(recipe(), seed, epoch, samples, copiesOriginal, copiesAugmented, width,
          height);
    }
    return plan;
  }
}
