package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;

/**
 * One image operation with fixed parameters: a small immutable value that turns an image into a
 * new one and never mutates its input. Its {@link #spec()} is canonical and parses back to an
 * equal op through {@link OpSpecs#parse(String)}; the random choice of parameters lives in
 * {@code dev.preaug.core.recipe}, apart from applying them.
 */
public interface Op {

  /**
   * Applies the op to a mode L image (or one band of a colour image), returning a new image;
   * {@code in} is left untouched.
   */
  GrayImage apply(GrayImage in);

  /**
   * Whether {@link #apply(Image)} is {@link #apply(GrayImage)} on every band with the same
   * parameters, as Pillow computes every op of the seed's recipe. Ops whose colour result mixes
   * bands (an enhancer's mean taken over {@code convert("L")}) say false and override
   * {@link #apply(Image)}.
   */
  default boolean perBand() {
    return true;
  }

  /**
   * Applies the op to an image of any mode; by default band by band (see {@link #perBand()}).
   * A mode L image goes through {@link #apply(GrayImage)} without a copy.
   */
  default Image apply(Image in) {
    if (in.channels() == 1) {
      return Image.of(apply(in.band(0)));
    }
    GrayImage[] bands = in.bands();
    for (int c = 0; c < bands.length; c++) {
      bands[c] = apply(bands[c]);
    }
    return Image.merge(bands);
  }

  /** The canonical spec, e.g. {@code rotate(-7.5)}; {@code OpSpecs.parse(spec())} equals this. */
  String spec();
}
