package dev.preaug.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/** The job's Spark settings; everything here is a default a --conf can override. */
final class SparkSupport {
  private SparkSupport() {}

  static SparkConf conf(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    // Plain `java` (submit.sh's embedded mode, tests) has no master; spark-submit always sets one.
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // The serialized sort shuffle beats the per-shard-file bypass path for preaug's records.
    conf.setIfMissing("spark.shuffle.sort.bypassMergeThreshold", "0");
    if (local(conf)) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  /** Whether the tasks run in this JVM (a local master). */
  static boolean local(SparkConf conf) {
    return conf.get("spark.master").startsWith("local");
  }

  /**
   * Whether to warm the kernels up while Spark starts: with a local master, unless
   * {@code -Dpreaug.warmup=false} (for measuring what it saves).
   */
  static boolean warmUp(SparkConf conf) {
    return local(conf) && !"false".equalsIgnoreCase(System.getProperty("preaug.warmup", "true"));
  }

  /**
   * The Hadoop configuration Spark would give the job (its defaults plus every
   * {@code spark.hadoop.*} setting), built without starting Spark so the driver can check
   * inputs and outputs first.
   */
  static Configuration hadoop(SparkConf conf) {
    Configuration h = new Configuration();
    for (Tuple2<String, String> kv : conf.getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        h.set(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return h;
  }

  /**
   * The Hadoop configuration {@code run} would use, for the commands that read files without
   * starting Spark ({@code verify}, {@code preview}): every {@code spark.hadoop.*} setting
   * given as {@code --conf}, in conf/spark-defaults.conf or a properties file (submit.sh passes
   * them all as system properties), over Hadoop's own defaults.
   */
  static Configuration hadoop() {
    return hadoop(conf("preaug"));
  }

  static JavaSparkContext start(SparkConf conf) {
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel(System.getProperty("preaug.spark.log.level", "WARN"));
    return sc;
  }

}
