package dev.preaug.spark.input;

import dev.preaug.core.config.PreaugConfig;
import org.apache.hadoop.conf.Configuration;

/** Opens the dataset a config names. */
public final class Inputs {
  private Inputs() {}

  public static DatasetSource open(PreaugConfig c, Configuration conf) {
    if (c.input().isEmpty()) {
      return NpyDatasetSource.open(c.inputImages(), c.inputLabels(), conf);
    }
    throw new dev.preaug.core.BadInputException(c.origin("input"), "", "input = " + c.input()
        + ": this input kind is not available yet");
  }
}
