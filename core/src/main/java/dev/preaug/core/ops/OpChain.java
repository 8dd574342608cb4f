package dev.preaug.core.ops;

import dev.preaug.core.image.GrayImage;
import dev.preaug.core.image.Image;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Ops applied one after another, as the seed applies a geometric op and then a filter. Its spec
 * joins the steps' specs with {@code |}, e.g. {@code rotate(-7.5)|gaussian_blur(0.84)}; the empty
 * chain is the identity, spec {@code identity}, and its {@code apply} returns a copy of the input
 * (every op returns a new image, so callers never need to care which op ran).
 *
 * <p>Nested chains are flattened on construction, so a chain's spec always parses back to an equal
 * chain. The one exception is a chain of exactly one op: its spec is that op's spec, which parses
 * to the bare op. {@link #of} builds that normal form directly.
 */
public final class OpChain implements Op {
  /** The empty chain. */
  public static final OpChain IDENTITY = new OpChain(List.of());

  private final List<Op> ops;

  /** @throws NullPointerException if {@code ops} or one of its elements is null */
  public OpChain(List<? extends Op> ops) {
    Objects.requireNonNull(ops, "ops");
    List<Op> flat = new ArrayList<>(ops.size());
    for (Op op : ops) {
      Objects.requireNonNull(op, "op in chain");
      if (op instanceof OpChain) {
        flat.addAll(((OpChain) op).ops);
      } else {
        flat.add(op);
      }
    }
    this.ops = Collections.unmodifiableList(flat);
  }

  /**
   * The normal form of these steps, the one {@link OpSpecs#parse} returns: the op itself if there
   * is exactly one (after flattening), {@link #IDENTITY} if there is none, otherwise a chain.
   */
  public static Op of(List<? extends Op> ops) {
    OpChain chain = new OpChain(ops);
    if (chain.ops.isEmpty()) {
      return IDENTITY;
    }
    return chain.ops.size() == 1 ? chain.ops.get(0) : chain;
  }

  /** Varargs form of {@link #of(List)}. */
  public static Op of(Op... ops) {
    return of(List.of(ops));
  }

  /** The steps, in order; unmodifiable, never containing a chain. */
  public List<Op> ops() {
    return ops;
  }

  @Override
  public GrayImage apply(GrayImage in) {
    if (ops.isEmpty()) {
      return GrayImage.of(in.width(), in.height(), in.array());
    }
    GrayImage img = in;
    for (Op op : ops) {
      img = op.apply(img);
    }
    return img;
  }

  @Override
  public boolean perBand() {
    for (Op op : ops) {
      if (!op.perBand()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A colour image goes through the steps that have a colour path of their own ({@link
   * Interleaved}: no split) and those that mix bands as whole images; each run of other per-band
   * steps is split into bands once and merged once, rather than once per step.
   */
  @Override
  public Image apply(Image in) {
    if (in.channels() == 1 || ops.isEmpty()) {
      return Op.super.apply(in);
    }
    Image img = in;
    int k = 0;
    while (k < ops.size()) {
      int end = k;
      while (end < ops.size() && splitsBands(ops.get(end))) {
        end++;
      }
      if (end - k < 2) {
        img = ops.get(k).apply(img);
        k++;
        continue;
      }
      GrayImage[] bands = img.bands();
      for (int c = 0; c < bands.length; c++) {
        for (int s = k; s < end; s++) {
          bands[c] = ops.get(s).apply(bands[c]);
        }
      }
      img = Image.merge(bands);
      k = end;
    }
    return img;
  }

  /** Whether {@code op} on a colour image is its gray kernel on each band, split and merged. */
  private static boolean splitsBands(Op op) {
    return op.perBand() && !(op instanceof Interleaved);
  }

  @Override
  public String spec() {
    if (ops.isEmpty()) {
      return OpSpecs.IDENTITY;
    }
    StringBuilder sb = new StringBuilder();
    for (Op op : ops) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      sb.append(op.spec());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpChain && ops.equals(((OpChain) o).ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
