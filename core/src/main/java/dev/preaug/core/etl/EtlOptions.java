package dev.preaug.core.etl;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How ETL records become samples. {@link #defaults()} reproduces the reference pipeline (the
 * etldr reader followed by the seed's {@code np.uint8(x * 255)}): 64x64 nearest resize, reference
 * normalisation, every group, both ETL9B and ETL9G, model images kept. The options that fix what
 * the reference gets wrong are off by default so that a default run and the seed see the same
 * samples; turn them on deliberately.
 */
public final class EtlOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How raw levels become uint8. */
  public enum Normalization {
    /**
     * What the seed fed its model: levels divided by {@code 2^depth-1}, stored as float16, then
     * {@code np.uint8(x * 255)} in float16. 4-bit levels give {@code v*17}; 6-bit levels give the
     * table in {@link EtlPixels}; 1-bit levels are not divided in the reference (a quirk) and
     * {@code x*255} turns them into 0 or 255.
     */
    REFERENCE,
    /** {@code round(v * 255 / (2^depth-1))}, half up. Differs from REFERENCE only for 6-bit (ETL2). */
    FULL_RANGE
  }

  /** What to do when both copies of ETL9 (ETL9B binarized, ETL9G gray) are present. */
  public enum Dedup {
    /** Read both, like the reference (every ETL9 sample appears twice). */
    OFF,
    /** Read ETL9G only; ETL9B files are listed as skipped. */
    KEEP_9G,
    /** Read ETL9B only; ETL9G files are listed as skipped. */
    KEEP_9B
  }

  /** What to do with a record whose label code maps to no character. */
  public enum Undecodable {
    /** Stop with an {@link EtlFormatException} naming the file, record and code. */
    FAIL,
    /**
     * Drop the record and count it in {@link EtlReadStats#undecodable()}. The reference drops
     * M-type records whose JIS X 0201 byte is unmapped and crashes on the others.
     */
    SKIP
  }

  private final int width;
  private final int height;
  private final Set<EtlGroup> groups;
  private final Normalization normalization;
  private final Dedup dedup;
  private final boolean skipModelImages;
  private final Undecodable undecodable;
  private final EtlFormat formatOverride;
  private final boolean etldrNames;

  private EtlOptions(Builder b) {
    if (b.width <= 0 || b.height <= 0) {
      throw new IllegalArgumentException(
          "ETL target size " + b.width + "x" + b.height + ": width and height must be positive");
    }
    if (b.groups.isEmpty()) {
      throw new IllegalArgumentException("ETL character groups: at least one group is needed");
    }
    this.width = b.width;
    this.height = b.height;
    this.groups = Collections.unmodifiableSet(EnumSet.copyOf(b.groups));
    this.normalization = Objects.requireNonNull(b.normalization, "normalization");
    this.dedup = Objects.requireNonNull(b.dedup, "dedup");
    this.skipModelImages = b.skipModelImages;
    this.undecodable = Objects.requireNonNull(b.undecodable, "undecodable");
    this.formatOverride = b.formatOverride;
    this.etldrNames = b.etldrNames;
  }

  /** The reference pipeline's settings (see the class comment). */
  public static EtlOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.width = width;
    b.height = height;
    b.groups = EnumSet.copyOf(groups);
    b.normalization = normalization;
    b.dedup = dedup;
    b.skipModelImages = skipModelImages;
    b.undecodable = undecodable;
    b.formatOverride = formatOverride;
    b.etldrNames = etldrNames;
    return b;
  }

  /** Output width in pixels (default 64). */
  public int width() {
    return width;
  }

  /** Output height in pixels (default 64). */
  public int height() {
    return height;
  }

  /** The groups a record's label must belong to (default {@code all}). */
  public Set<EtlGroup> groups() {
    return groups;
  }

  public Normalization normalization() {
    return normalization;
  }

  public Dedup dedup() {
    return dedup;
  }

  /**
   * Whether to drop the trailing non-sample records of ETL8B2C3 (956 model images) and ETL9B_5
   * (one extra data set of 3,036), see {@link EtlPart.TrailingSet}.
   */
  public boolean skipModelImages() {
    return skipModelImages;
  }

  public Undecodable undecodable() {
    return undecodable;
  }

  /** The record type forced onto every data file, or null to detect it from file names. */
  public EtlFormat formatOverride() {
    return formatOverride;
  }

  /** Whether the etldr renamed layout (ETL1_1 … ETL11_50) is accepted. */
  public boolean etldrNames() {
    return etldrNames;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EtlOptions)) {
      return false;
    }
    EtlOptions x = (EtlOptions) o;
    return width == x.width
        && height == x.height
        && groups.equals(x.groups)
        && normalization == x.normalization
        && dedup == x.dedup
        && skipModelImages == x.skipModelImages
        && undecodable == x.undecodable
        && formatOverride == x.formatOverride
        && etldrNames == x.etldrNames;
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height, groups, normalization, dedup, skipModelImages, undecodable,
        formatOverride, etldrNames);
  }

  /** A canonical one-line spelling, suitable for a config hash. */
  @Override
  public String toString() {
    return "etl(size=" + width + "x" + height
        + ", groups=" + groups.stream().map(EtlGroup::id).collect(Collectors.joining(","))
        + ", normalize=" + normalization.name().toLowerCase(Locale.ROOT)
        + ", dedup=" + dedup.name().toLowerCase(Locale.ROOT)
        + ", skipModelImages=" + skipModelImages
        + ", undecodable=" + undecodable.name().toLowerCase(Locale.ROOT)
        + ", format=" + (formatOverride == null ? "auto" : formatOverride.code())
        + ", etldrNames=" + etldrNames + ")";
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int width = 64;
    private int height = 64;
    private Set<EtlGroup> groups = EnumSet.of(EtlGroup.ALL);
    private Normalization normalization = Normalization.REFERENCE;
    private Dedup dedup = Dedup.OFF;
    private boolean skipModelImages;
    private Undecodable undecodable = Undecodable.FAIL;
    private EtlFormat formatOverride;
    private boolean etldrNames;

    private Builder() {}

    public Builder size(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder groups(Set<EtlGroup> groups) {
      this.groups = EnumSet.noneOf(EtlGroup.class);
      this.groups.addAll(groups);
      return this;
    }

    /** Groups as a comma-separated list, e.g. {@code kanji,hiragana}. */
    public Builder groups(String list) {
      return groups(EtlGroup.parseList(list));
    }

    public Builder normalization(Normalization normalization) {
      this.normalization = normalization;
      return this;
    }

    public Builder dedup(Dedup dedup) {
      this.dedup = dedup;
      return this;
    }

    public Builder skipModelImages(boolean skip) {
      this.skipModelImages = skip;
      return this;
    }

    public Builder undecodable(Undecodable undecodable) {
      this.undecodable = undecodable;
      return this;
    }

    public Builder formatOverride(EtlFormat format) {
      this.formatOverride = format;
      return this;
    }

    public Builder etldrNames(boolean accept) {
      this.etldrNames = accept;
      return this;
    }

    public EtlOptions build() {
      return new EtlOptions(this);
    }
  }
}
