package dev.preaug.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The shared local Spark context of the *SparkTest classes. A JVM holds one SparkContext at a
 * time, so a test that needs another master asks for it here and the shared one is replaced.
 */
public final class SparkTests {
  private static JavaSparkContext current;
  private static String currentMaster;

  private SparkTests() {}

  /** The shared {@code local[2]} context. */
  public static synchronized JavaSparkContext shared() {
    return context("local[2]");
  }

  /** A context on {@code master}, replacing the current one if its master differs. */
  public static synchronized JavaSparkContext context(String master) {
    if (current != null && master.equals(currentMaster)) {
      return current;
    }
    stop();
    SparkConf conf = new SparkConf().setAppName("preaug-test").setMaster(master)
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.default.parallelism", master.equals("local[1]") ? "1" : "2");
    current = new JavaSparkContext(conf);
    current.setLogLevel("WARN");
    currentMaster = master;
    return current;
  }

  public static synchronized void stop() {
    if (current != null) {
      current.stop();
      current = null;
      currentMaster = null;
    }
  }

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SparkTests::stop));
  }
}
