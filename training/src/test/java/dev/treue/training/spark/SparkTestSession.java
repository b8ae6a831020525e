package dev.treue.training.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark for all tests in the JVM: starting Spark takes seconds, and a test that stopped
 * a shared session would break the classes after it. Never stopped; the JVM's end does that.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .appName("treue-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN"); // INFO lines per task drown the test output
    }
    return spark;
  }
}
