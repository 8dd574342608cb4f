package dev.preaug.core.parity;

import dev.preaug.core.ops.Op;
import java.util.Objects;

/**
 * One case of a golden manifest: an op with fixed parameters, the input array it is applied to
 * and where its output goes, both as written in the manifest (relative to the manifest's
 * directory for the input and the expected output, to the output directory for the result).
 */
public final class ParityCase {
  private final int number;
  private final String id;
  private final String opName;
  private final Op op;
  private final String input;
  private final String output;

  public ParityCase(int number, String id, String opName, Op op, String input, String output) {
    this.number = number;
    this.id = Objects.requireNonNull(id, "id");
    this.opName = Objects.requireNonNull(opName, "opName");
    this.op = Objects.requireNonNull(op, "op");
    this.input = Objects.requireNonNull(input, "input");
    this.output = Objects.requireNonNull(output, "output");
  }

  /** Position in the manifest's {@code cases} array, from 0. */
  public int number() {
    return number;
  }

  public String id() {
    return id;
  }

  /** The manifest's {@code op} field ({@code rotate}, ..., {@code chain}), used to group results. */
  public String opName() {
    return opName;
  }

  /** The op built from {@code op} and {@code params}. */
  public Op op() {
    return op;
  }

  /** The input path as written in the manifest. */
  public String input() {
    return input;
  }

  /** The output path as written in the manifest. */
  public String output() {
    return output;
  }

  @Override
  public String toString() {
    return id + " " + op.spec();
  }
}
