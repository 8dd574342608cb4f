package dev.preaug.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** Creates the job's Spark context; everything here is a default a --conf can override. */
final class SparkSupport {
  private SparkSupport() {}

  static JavaSparkContext context(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    // Plain `java` (submit.sh's embedded mode, tests) has no master; spark-submit always sets one.
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel(System.getProperty("preaug.spark.log.level", "WARN"));
    return sc;
  }
}
