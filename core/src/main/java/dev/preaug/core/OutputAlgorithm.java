package dev.preaug.core;

/**
 * The version of everything that decides the bytes of an epoch's shards, apart from the input,
 * the config and the seed: the op kernels (and their trigonometry), the RNG and how records draw
 * from it, recipe sampling, the shuffle permutation and shard cuts, and the raw TFRecord and NPY
 * encodings. It belongs in the config hash, so that an output written by an older algorithm is
 * never mistaken for what this build would write.
 *
 * <p>Bump {@link #VERSION} in the same commit as any change that alters the bytes of an
 * uncompressed shard for some input, config, seed and epoch — and only then: a refactoring that
 * keeps every byte keeps the version. {@code PinnedEpochBytesSparkTest} pins the SHA-256 of every
 * shard of a small reference epoch; when it fails, either the change was not meant to alter bytes
 * (fix it) or it was (bump this, then update the pinned hashes). Gzip and PNG bytes are outside
 * the contract: they depend on the zlib the JVM links (docs/formats.md).
 */
public final class OutputAlgorithm {
  /** 1: the first pinned algorithm (correctly rounded sine for {@code sine}, StrictMath rotate). */
  public static final int VERSION = 1;

  private OutputAlgorithm() {}
}
