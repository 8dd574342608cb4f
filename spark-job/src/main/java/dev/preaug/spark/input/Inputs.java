package dev.preaug.spark.input;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.PreaugConfig;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;

/** Opens the dataset a config names. */
public final class Inputs {
  private Inputs() {}

  public static DatasetSource open(PreaugConfig c, Configuration conf, PrintStream log) {
    String in = c.input();
    if (in.isEmpty()) {
      return NpyDatasetSource.open(c.inputImages(), c.inputLabels(), conf,
          c.fingerprintMode()).withMmap(c.inputMmap());
    }
    if (in.startsWith("etl:")) {
      return EtlDatasetSource.open(in.substring(4), c, conf, log);
    }
    if (in.startsWith("folder:")) {
      return FolderDatasetSource.open(in.substring(7), c, conf, log);
    }
    throw new BadInputException(c.origin("input"), "", "input = " + in
        + ": must be etl:PATH or folder:PATH");
  }
}
