package dev.preaug.cli;

import dev.preaug.core.epoch.EpochVerifier;
import dev.preaug.spark.HadoopEpochStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code preaug verify DIR}: check published epochs, one verdict line each. Files are reached
 * with the Hadoop configuration {@code run} uses ({@code spark.hadoop.*} settings), so S3A
 * credentials and HDFS client settings given to a run work here too.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify a published epoch directory, or every epoch under an output directory.")
final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "epoch-NNNNN directory or output directory")
  String dir;

  @Override
  public Integer call() throws Exception {
    EpochVerifier v = new EpochVerifier(new HadoopEpochStore(SparkSupport.hadoop()));
    int bad = 0;
    for (String p : v.epochs(dir)) {
      EpochVerifier.Verdict verdict = v.verify(p);
      System.out.println(verdict);
      if (!verdict.ok) {
        bad++;
      }
    }
    return bad == 0 ? 0 : Main.EXIT_FAILURE;
  }
}
