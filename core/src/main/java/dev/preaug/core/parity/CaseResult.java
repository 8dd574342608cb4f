package dev.preaug.core.parity;

import dev.preaug.core.image.Image;
import java.util.Locale;
import java.util.Objects;

/**
 * How one case's output compares with the expected one, scored as
 * {@code compare_golden.py} scores it: exact, within 1 (max |diff| is 1), or worse (max |diff|
 * above 1, or a different shape). A case without an expected file is not compared.
 */
public final class CaseResult {
  /** The verdict of one case. */
  public enum Status {
    EXACT("exact"),
    WITHIN_1("within 1"),
    WORSE("worse"),
    NOT_COMPARED("not compared");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final ParityCase parityCase;
  private final Status status;
  private final int maxDiff;
  private final int differing;
  private final int pixels;
  private final int firstX;
  private final int firstY;
  private final int expectedValue;
  private final int actualValue;
  private final String shapeMismatch;

  private CaseResult(ParityCase parityCase, Status status, int maxDiff, int differing, int pixels,
      int firstX, int firstY, int expectedValue, int actualValue, String shapeMismatch) {
    this.parityCase = Objects.requireNonNull(parityCase);
    this.status = status;
    this.maxDiff = maxDiff;
    this.differing = differing;
    this.pixels = pixels;
    this.firstX = firstX;
    this.firstY = firstY;
    this.expectedValue = expectedValue;
    this.actualValue = actualValue;
    this.shapeMismatch = shapeMismatch;
  }

  /** A case whose expected output does not exist. */
  public static CaseResult notCompared(ParityCase c) {
    return new CaseResult(c, Status.NOT_COMPARED, -1, 0, 0, -1, -1, -1, -1, null);
  }

  /**
   * Compares value by value (every band of every pixel); the first difference is the first in
   * row-major order.
   */
  public static CaseResult compare(ParityCase c, Image expected, Image actual) {
    if (expected.width() != actual.width() || expected.height() != actual.height()
        || expected.channels() != actual.channels()) {
      String why = "shape " + shape(actual) + " differs from the expected " + shape(expected);
      return new CaseResult(c, Status.WORSE, -1, 0, 0, -1, -1, -1, -1, why);
    }
    byte[] e = expected.array();
    byte[] a = actual.array();
    int max = 0;
    int count = 0;
    int first = -1;
    for (int i = 0; i < e.length; i++) {
      int d = Math.abs((e[i] & 0xFF) - (a[i] & 0xFF));
      if (d != 0) {
        count++;
        max = Math.max(max, d);
        if (first < 0) {
          first = i;
        }
      }
    }
    Status s = max == 0 ? Status.EXACT : max == 1 ? Status.WITHIN_1 : Status.WORSE;
    int w = expected.width();
    int px = first < 0 ? -1 : first / expected.channels();
    return new CaseResult(c, s, max, count, e.length, first < 0 ? -1 : px % w,
        first < 0 ? -1 : px / w, first < 0 ? -1 : e[first] & 0xFF,
        first < 0 ? -1 : a[first] & 0xFF, null);
  }

  /** The numpy shape of an image: {@code (H, W)} for mode L, {@code (H, W, 3)} for RGB. */
  private static String shape(Image img) {
    return img.channels() == 1 ? String.format(Locale.ROOT, "(%d, %d)", img.height(), img.width())
        : String.format(Locale.ROOT, "(%d, %d, %d)", img.height(), img.width(), img.channels());
  }

  public ParityCase parityCase() {
    return parityCase;
  }

  public Status status() {
    return status;
  }

  /** Largest |expected - actual| over the pixels, or -1 if not compared or the shapes differ. */
  public int maxDiff() {
    return maxDiff;
  }

  /** Number of differing values (pixels of mode L, pixel bands of RGB). */
  public int differing() {
    return differing;
  }

  /** Column of the first differing pixel (row-major order), or -1. */
  public int firstX() {
    return firstX;
  }

  /** Row of the first differing pixel, or -1. */
  public int firstY() {
    return firstY;
  }

  /** One line for a case that is not exact: what differs and where it starts. */
  public String describe() {
    String head = parityCase.id() + ": " + status + ": ";
    String tail = "  [" + parityCase.op().spec() + " on " + parityCase.input() + "]";
    if (status == Status.NOT_COMPARED) {
      return head + "no expected output " + parityCase.output() + tail;
    }
    if (shapeMismatch != null) {
      return head + shapeMismatch + tail;
    }
    if (status == Status.EXACT) {
      return head + "all " + pixels + " pixels equal" + tail;
    }
    return String.format(Locale.ROOT,
        "%s%d of %d pixels differ, max |diff| %d; first at x=%d, y=%d: expected %d, got %d%s",
        head, differing, pixels, maxDiff, firstX, firstY, expectedValue, actualValue, tail);
  }

  @Override
  public String toString() {
    return describe();
  }
}
