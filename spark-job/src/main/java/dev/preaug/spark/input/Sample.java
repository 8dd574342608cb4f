package dev.preaug.spark.input;

/** One input sample as the job sees it: uint8 pixels (H*W, row-major), its label and index. */
public final class Sample {
  private final long index;
  private final int label;
  private final byte[] pixels;

  public Sample(long index, int label, byte[] pixels) {
    this.index = index;
    this.label = label;
    this.pixels = pixels;
  }

  public long index() {
    return index;
  }

  public int label() {
    return label;
  }

  public byte[] pixels() {
    return pixels;
  }
}
