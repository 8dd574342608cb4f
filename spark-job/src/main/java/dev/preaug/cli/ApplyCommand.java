package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.core.npy.ImageArray;
import dev.preaug.core.ops.Op;
import dev.preaug.core.ops.OpSpecs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preaug apply --ops SPEC --in a.npy --out b.npy}: an op chain over every image of an
 * array, e.g. to replay the {@code ops} recorded with an augmented record, or to compare one op
 * with another implementation's output.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply an op chain to every image of an NPY array and write the results as"
        + " uint8 with the same shape.",
        "Input: uint8 (or float16 in [0,1], converted as the seed does) [H,W], [N,H,W] or"
            + " [N,H,W,1]."})
final class ApplyCommand implements Callable<Integer> {
  @Option(names = "--ops", required = true, paramLabel = "SPEC",
      description = "Op spec, e.g. 'rotate(12)|smooth' (grammar in docs/ops.md).")
  String ops;

  @Option(names = "--in", required = true, paramLabel = "IN.npy", description = "Input array.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "OUT.npy",
      description = "Output array (uint8, same shape); may be the input file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Op op;
    try {
      op = OpSpecs.parse(ops);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--ops '" + ops + "'", "", e.getMessage());
    }
    ImageArray images = ImageArray.read(in, true);
    ImageArray result = images.map(op);
    result.write(out);
    System.out.println("applied " + op.spec() + " to " + images.count() + " image(s) of "
        + images.width() + "x" + images.height() + ": " + in + " -> " + out + " (uint8 "
        + result.shapeString() + ")");
    return 0;
  }
}
