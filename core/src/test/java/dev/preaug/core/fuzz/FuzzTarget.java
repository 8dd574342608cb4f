package dev.preaug.core.fuzz;

import java.util.List;

/**
 * One parser under fuzzing: valid seed inputs, hints for the mutator, the parse itself, and the
 * contract it must keep on any input: return normally or throw a documented exception, within
 * an allocation bound.
 */
interface FuzzTarget {
  String name();

  /** Valid inputs the mutants start from. */
  List<byte[]> seeds();

  /** Tokens worth inserting (keywords, magic numbers, delimiters). */
  default List<byte[]> dictionary() {
    return List.of();
  }

  /** Length or count fields of {@code seed} worth tweaking. */
  default List<Mutator.LengthField> lengthFields(byte[] seed) {
    return List.of();
  }

  /** True for fixed-record formats: favour length-preserving mutations. */
  default boolean inPlace() {
    return false;
  }

  /**
   * Optionally repairs a mutant so it gets past integrity checks (e.g. recomputes checksums),
   * so the fuzzer reaches the code behind them; {@code m} decides randomly whether to.
   */
  default byte[] fixup(byte[] mutant, Mutator m) {
    return mutant;
  }

  /**
   * Parses {@code input} (derived from seed {@code seedIndex}) the way the product does.
   * Returning normally means the input was accepted; the target may throw {@link AssertionError}
   * when an accepted input breaks an invariant (an accepted input must be consistent).
   */
  void parse(int seedIndex, byte[] input) throws Exception;

  /** Whether {@code t}, thrown by {@link #parse}, is one of the documented rejections. */
  boolean documented(Throwable t);

  /** The most bytes {@link #parse} may allocate for {@code input}. */
  long allocationBound(byte[] input);
}
