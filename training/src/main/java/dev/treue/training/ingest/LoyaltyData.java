package dev.treue.training.ingest;

import dev.treue.training.files.Location;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The validated contents of a data folder: members and events with their summaries.
 *
 * @param members valid members, schema {@link LoyaltySchemas#MEMBERS}
 * @param events valid events, schema {@link LoyaltySchemas#EVENTS}
 */
public record LoyaltyData(ValidatedTable members, ValidatedTable events) {

  /**
   * Reads and validates {@code dataDir}; shorthand for {@code new LoyaltyReader(spark, options).read(dataDir)}.
   *
   * @throws RejectThresholdException when a table has too many bad rows
   */
  public static LoyaltyData read(SparkSession spark, Location dataDir, IngestOptions options) {
    return new LoyaltyReader(spark, options).read(dataDir);
  }

  /** {@link #read(SparkSession, Location, IngestOptions)} of a local folder. */
  public static LoyaltyData read(SparkSession spark, Path dataDir, IngestOptions options) {
    return read(spark, Location.local(dataDir), options);
  }

  /** Valid events. */
  public Dataset<Row> eventRows() {
    return events.rows();
  }

  /** Valid members. */
  public Dataset<Row> memberRows() {
    return members.rows();
  }

  /** Frees both cached tables. */
  public void release() {
    members.release();
    events.release();
  }
}
