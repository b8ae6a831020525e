package dev.treue.training.ingest;

import org.apache.spark.sql.SparkSession;

/** One local Spark for all ingest tests in the JVM; starting Spark takes seconds. */
final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .appName("treue-ingest-tests")
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
