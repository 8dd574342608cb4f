package dev.preaug.core.format;

/** How the {@code image} feature of a TFRecord example holds the pixels. */
public enum ImageEncoding {
  /** Raw uint8 bytes, H*W*C row-major: decode with {@code tf.io.decode_raw}. */
  RAW,
  /** An 8-bit grayscale PNG: decode with {@code tf.io.decode_png}. */
  PNG;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
