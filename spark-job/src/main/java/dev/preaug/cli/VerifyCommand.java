package dev.preaug.cli;

import dev.preaug.spark.EpochVerifier;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code preaug verify DIR}: check published epochs, one verdict line each. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a published epoch directory, or every epoch under an output directory.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "epoch-NNNNN directory or output directory")
  String dir;

  @Override
  public Integer call() throws Exception {
    EpochVerifier v = new EpochVerifier(new Configuration());
    int bad = 0;
    for (Path p : v.epochs(new Path(dir))) {
      EpochVerifier.Verdict verdict = v.verify(p);
      System.out.println(verdict);
      if (!verdict.ok) {
        bad++;
      }
    }
    return bad == 0 ? 0 : Main.EXIT_FAILURE;
  }
}
