package dev.preaug.core.ops;

import java.util.Arrays;

/**
 * The colour torchvision's geometric ops put where the source falls outside the image (its
 * {@code fill} argument, Pillow's {@code fillcolor} / {@code ImageOps.expand(fill=...)}): one value
 * for every band, or one per band of an RGB image. torchvision's {@code _parse_fill} repeats a
 * number over the bands and truncates each value with {@code int()}; preaug takes the truncated
 * integers. Spec text: {@code 200} or {@code 250:120:10} (red:green:blue; a list of three equal
 * values is the single value, so it has one spec). Immutable.
 *
 * <p>Op kinds carry parameters as doubles ({@link OpKind#build}); a per-band fill travels as the
 * negative integer {@link #code()}, which {@link #decode} turns back. Recipes draw single values
 * only.
 */
public final class Fill {
  /** What spec text of a fill must be, for parse errors. */
  static final String RULE = "expected a value 0..255 or r:g:b with three of them";
  /** No fill: black in every band, torchvision's {@code fill=None}. */
  public static final Fill BLACK = new Fill(new int[] {0});

  private final int[] values;

  private Fill(int[] values) {
    this.values = values;
  }

  /**
   * One value for every band.
   *
   * @throws IllegalArgumentException outside 0..255
   */
  public static Fill of(int value) {
    return new Fill(new int[] {check(value)});
  }

  /**
   * One value per band ({@code [v]} for an L image, {@code [r, g, b]} for RGB); three equal values
   * are the single value.
   *
   * @throws IllegalArgumentException for a count other than 1 or 3, or a value outside 0..255
   */
  public static Fill perBand(int... values) {
    if (values.length != 1 && values.length != 3) {
      throw new IllegalArgumentException("fill must have 1 or 3 values (one per band), got "
          + values.length + ": " + Arrays.toString(values));
    }
    for (int v : values) {
      check(v);
    }
    if (values.length == 1 || (values[0] == values[1] && values[1] == values[2])) {
      return of(values[0]);
    }
    return new Fill(values.clone());
  }

  private static int check(int v) {
    if (v < 0 || v > 255) {
      throw new IllegalArgumentException("fill values must be integers in [0, 255], got " + v);
    }
    return v;
  }

  /** Whether every band gets the same value. */
  public boolean uniform() {
    return values.length == 1;
  }

  /** The value of band {@code c}. */
  public int band(int c) {
    return values.length == 1 ? values[0] : values[c];
  }

  /**
   * Checks that this fill fits an image of {@code channels} bands, as torchvision's
   * {@code _parse_fill} does ("the number of elements in 'fill' does not match ...").
   *
   * @throws IllegalArgumentException naming the op, the fill and the bands
   */
  void checkBands(String op, int channels) {
    if (values.length != 1 && values.length != channels) {
      throw new IllegalArgumentException(op + " fill " + spec() + " has " + values.length
          + " values, the image has " + channels + " band" + (channels == 1 ? "" : "s"));
    }
  }

  /** The spec text: {@code 200} or {@code 250:120:10}. */
  public String spec() {
    if (values.length == 1) {
      return Integer.toString(values[0]);
    }
    return values[0] + ":" + values[1] + ":" + values[2];
  }

  /**
   * The fill as one double for {@link OpKind#build}: the value itself, or for three bands
   * {@code -(1 + r*65536 + g*256 + b)}.
   */
  public double code() {
    if (values.length == 1) {
      return values[0];
    }
    return -(1.0 + (values[0] << 16 | values[1] << 8 | values[2]));
  }

  /**
   * The fill {@link #code()} gave; an integral value below 0 is a per-band fill.
   *
   * @throws IllegalArgumentException naming {@code op} for anything else
   */
  public static Fill decode(String op, double code) {
    if (code == Math.rint(code) && code >= -(1 << 24) && code <= 255) {
      if (code >= 0) {
        return of((int) code);
      }
      int rgb = (int) (-code - 1);
      return perBand(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }
    throw new IllegalArgumentException(op + " fill must be an integer in [0, 255] (or r:g:b),"
        + " got " + Params.show(code));
  }

  /**
   * Parses spec text: a number (integral; {@code 25.0} accepted) or three of them joined by
   * {@code :}.
   *
   * @throws IllegalArgumentException naming the text and the rule
   */
  public static Fill parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 1 && parts.length != 3) {
      throw new IllegalArgumentException("bad fill '" + text + "': " + RULE);
    }
    int[] v = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      double d;
      try {
        d = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        d = Double.NaN;
      }
      if (!(d >= 0 && d <= 255 && d == Math.rint(d)) || !parts[i].strip().matches("[0-9.eE+]+")) {
        throw new IllegalArgumentException("bad fill '" + text + "': " + RULE);
      }
      v[i] = (int) d;
    }
    return perBand(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fill && Arrays.equals(values, ((Fill) o).values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return spec();
  }
}
