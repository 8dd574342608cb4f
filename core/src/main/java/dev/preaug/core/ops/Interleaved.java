package dev.preaug.core.ops;

/**
 * Marks a per-band op whose {@link Op#apply(dev.preaug.core.image.Image)} works on a colour
 * image's interleaved pixels directly, with the result of its gray kernel on every band: splitting
 * an image into bands and merging them back costs about as much as a cheap op itself
 * (docs/benchmarks.md, Colour), so {@link OpChain} does not split for these.
 */
interface Interleaved {}
