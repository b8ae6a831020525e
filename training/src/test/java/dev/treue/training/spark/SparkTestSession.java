package dev.treue.training.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark for the tests in the JVM: starting Spark takes seconds. Tests never stop it
 * themselves; when a CLI command run by a test stopped it, the next caller gets a fresh one.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  /** The shared session, started on first use. */
  public static synchronized SparkSession get() {
    // Tests that run CLI commands end with the command stopping "its" session, which getOrCreate
    // handed it from here: start a new one then.
    if (spark == null || spark.sparkContext().isStopped()) {
      spark =
          SparkSession.builder()
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
