package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;

/**
 * One image operation with fixed parameters: a small immutable value that turns an image into a
 * new one and never mutates its input. Its {@link #spec()} is canonical and parses back to an
 * equal op through {@link OpSpecs#parse(String)}; the random choice of parameters lives in
 * {@code dev.preaug.core.recipe}, apart from applying them.
 */
public interface Op {

  /** Applies the op, returning a new image; {@code in} is left untouched. */
  GrayImage apply(GrayImage in);

  /** The canonical spec, e.g. {@code rotate(-7.5)}; {@code OpSpecs.parse(spec())} equals this. */
  String spec();
}
