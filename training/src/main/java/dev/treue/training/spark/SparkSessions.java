package dev.treue.training.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session for a Treue job. Under {@code spark-submit} the master and resources
 * come from the submit command; run from {@code ./treue} or a test it is local mode on loopback.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session for {@code appName}: the submitted master, or {@code local[*]} when none is set. */
  public static SparkSession forJob(String appName) {
    SparkConf conf = new SparkConf().setAppName("treue " + appName);
    if (!conf.contains("spark.master")) {
      int cores = Runtime.getRuntime().availableProcessors();
      conf.setMaster("local[" + cores + "]")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.ui.enabled", "false")
          // Local mode has few cores; Spark's default of 200 shuffle partitions is all overhead.
          .set("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, cores * 4)))
          .set("spark.sql.adaptive.enabled", "true")
          // Validated tables are cached once per job; on 2 cores compressing the cache cost more
          // than reading it back saved (about half the caching time at 30M events).
          .set("spark.sql.inMemoryColumnarStorage.compressed", "false");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel(System.getenv().getOrDefault("TREUE_SPARK_LOG", "WARN"));
    return spark;
  }
}
