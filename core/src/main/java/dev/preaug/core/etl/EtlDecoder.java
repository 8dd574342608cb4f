package dev.preaug.core.etl;

import dev.preaug.core.image.GrayImage;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns record bytes into labels and pixels under one set of {@link EtlOptions}. Immutable and
 * serializable (the CO-59 table travels with it), so one instance built on a driver can be shipped
 * to every worker.
 */
public final class EtlDecoder implements Serializable {
  private static final long serialVersionUID = 1L;

  private final EtlOptions options;
  private final Co59Table co59;

  /**
   * @param co59 the CO-59 table, needed only to read ETL2 (K) files; may be null otherwise
   */
  public EtlDecoder(EtlOptions options, Co59Table co59) {
    this.options = Objects.requireNonNull(options, "options");
    this.co59 = co59;
  }

  public EtlOptions options() {
    return options;
  }

  /** The CO-59 table, or null. */
  public Co59Table co59() {
    return co59;
  }

  /**
   * The final label of the record at {@code base}: decoded, width-folded, as the reference
   * produces it; or null when the code maps to no character and {@link
   * EtlOptions.Undecodable#SKIP} is set.
   *
   * @throws EtlFormatException when the code maps to no character and the policy is FAIL
   */
  public String label(EtlFormat f, byte[] buf, int base, String file, long record) {
    int code = f.rawLabelCode(buf, base);
    String label;
    switch (f.labelEncoding()) {
      case JIS_X_0201:
        label = EtlLabels.mLabel(code);
        break;
      case JIS_X_0201_T56:
        label = EtlLabels.cLabel(
            code, EtlLabels.t56((int) Bits.read(buf, base, EtlFormat.C_T56_BIT_OFFSET, 6)));
        break;
      case CO59:
        if (co59 == null) {
          throw EtlFormatException.file(
              file,
              "ETL2 (K-type) labels need the CO-59 table " + Co59Table.FILE_NAME
                  + " from the official unpack tools at the dataset root; none was loaded");
        }
        label = co59.label(code);
        break;
      case JIS_X_0208:
        label = EtlLabels.jisX0208Label(code);
        break;
      default:
        throw new AssertionError(f.labelEncoding());
    }
    if (label == null && options.undecodable() == EtlOptions.Undecodable.FAIL) {
      throw EtlFormatException.record(
          file, record, record * f.recordLength(),
          undecodable(f, code) + " (set undecodable=skip to drop such records)");
    }
    return label;
  }

  private String undecodable(EtlFormat f, int code) {
    switch (f.labelEncoding()) {
      case JIS_X_0201:
        return hex("JIS X 0201 code 0x%02X", code) + " is not a JIS X 0201 character";
      case JIS_X_0201_T56:
        return hex("JIS X 0201 code 0x%02X", code) + " is not a printable JIS X 0201 character";
      case CO59:
        return "CO-59 code (" + (code >>> 6) + "," + (code & 0x3F) + ") is not in the table "
            + co59.source();
      default:
        return hex("JIS X 0208 code 0x%04X", code) + " is not a valid character";
    }
  }

  private static String hex(String pattern, int code) {
    return String.format(Locale.ROOT, pattern, code);
  }

  /** Whether a (folded) label passes the group filter. */
  public boolean accepts(String label) {
    return EtlGroup.anyContains(options.groups(), label);
  }

  /** Precomputed sampling for one format: reuse it for every record of that format. */
  public PixelPlan plan(EtlFormat f) {
    return new PixelPlan(f, options);
  }

  /** Sampling positions and level table for one format at the options' output size. */
  public static final class PixelPlan {
    private final EtlPixels.Sampler sampler;

    private PixelPlan(EtlFormat format, EtlOptions options) {
      this.sampler = new EtlPixels.Sampler(format, options.width(), options.height(),
          EtlPixels.levelTable(format.depth(), options.normalization()));
    }

    /** The output pixels of the record at {@code base}. */
    public GrayImage pixels(byte[] buf, int base) {
      return sampler.sample(buf, base);
    }
  }
}
