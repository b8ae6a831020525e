package dev.treue.training.ingest;

import dev.treue.training.files.Location;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the contract tables of a data folder into Spark, validating every row on every read. The
 * folder is a {@link Location}: local, or on any Hadoop file system ({@code hdfs://}, {@code s3a://}).
 *
 * <p>A data folder holds {@code customers} and {@code events}, and for offer training
 * {@code offers} and optionally {@code impressions}, each as {@code NAME.csv},
 * {@code NAME.csv.gz} (UTF-8, comma separated, header row, RFC 4180 quoting on one line) or
 * {@code NAME.parquet} (file or folder). Each bad row is written with its line number and reason to
 * {@code <rejectsDir>/NAME.rejects.csv}; the read fails with a {@link RejectThresholdException} when
 * the rejected share exceeds {@link IngestOptions#maxRejectShare()}. A repeated id keeps its first
 * row by line and is counted in {@link TableSummary#duplicates()}. Rules per column: see
 * {@code EventRowParser}, {@code MemberRowParser}, {@code OfferRowParser} and
 * {@code ImpressionRowParser} in {@code dev.treue.core.ingest}.
 *
 * <p>A {@code .csv.gz} file is read by a single task because gzip cannot be split; use plain CSV or
 * Parquet for large tables.
 */
public final class LoyaltyReader {
  private final SparkSession spark;
  private final IngestOptions options;

  public LoyaltyReader(SparkSession spark, IngestOptions options) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Valid events of {@code dataDir}, schema {@link LoyaltySchemas#EVENTS}.
   *
   * @throws IllegalArgumentException when the table is missing or its header lacks required columns
   * @throws RejectThresholdException when too many rows are bad
   */
  public ValidatedTable events(Location dataDir) {
    return table(dataDir, "events");
  }

  /**
   * Valid members of {@code dataDir}, schema {@link LoyaltySchemas#MEMBERS}.
   *
   * @throws IllegalArgumentException when the table is missing or its header lacks required columns
   * @throws RejectThresholdException when too many rows are bad
   */
  public ValidatedTable members(Location dataDir) {
    return table(dataDir, "customers");
  }

  /**
   * Valid offers of {@code dataDir}, schema {@link LoyaltySchemas#OFFERS}; see {@link OfferTable}.
   *
   * @throws IllegalArgumentException when the table is missing or its header lacks required columns
   * @throws RejectThresholdException when too many rows are bad
   */
  public ValidatedTable offers(Location dataDir) {
    return table(dataDir, "offers");
  }

  /**
   * Valid impressions of {@code dataDir} (schema {@link LoyaltySchemas#IMPRESSIONS}), or empty when
   * the folder has no impressions table: the table is optional.
   *
   * @throws IllegalArgumentException when its header lacks required columns
   * @throws RejectThresholdException when too many rows are bad
   */
  public Optional<ValidatedTable> impressions(Location dataDir) {
    if (!has(dataDir, "impressions")) {
      return Optional.empty();
    }
    return Optional.of(table(dataDir, "impressions"));
  }

  /** Valid rows of contract table {@code name} (one of {@link TableSpec#TABLES}). */
  ValidatedTable table(Location dataDir, String name) {
    return TableValidation.run(
        spark, TableSpec.named(name, options.now()), TableSource.find(dataDir, name), options);
  }

  /** Both tables; members first, since a bad customers file is the cheaper failure. */
  public LoyaltyData read(Location dataDir) {
    ValidatedTable members = members(dataDir);
    try {
      return new LoyaltyData(members, events(dataDir));
    } catch (RuntimeException e) {
      members.release();
      throw e;
    }
  }

  /** True when {@code dataDir} holds the table (as CSV or Parquet), for tables that are optional. */
  public boolean has(Location dataDir, String table) {
    return TableSource.exists(dataDir, table);
  }

  // ---- a local folder --------------------------------------------------------------------------

  /** {@link #events(Location)} of a local folder. */
  public ValidatedTable events(Path dataDir) {
    return events(Location.local(dataDir));
  }

  /** {@link #members(Location)} of a local folder. */
  public ValidatedTable members(Path dataDir) {
    return members(Location.local(dataDir));
  }

  /** {@link #offers(Location)} of a local folder. */
  public ValidatedTable offers(Path dataDir) {
    return offers(Location.local(dataDir));
  }

  /** {@link #impressions(Location)} of a local folder. */
  public Optional<ValidatedTable> impressions(Path dataDir) {
    return impressions(Location.local(dataDir));
  }

  /** {@link #read(Location)} of a local folder. */
  public LoyaltyData read(Path dataDir) {
    return read(Location.local(dataDir));
  }

  /** {@link #has(Location, String)} of a local folder. */
  public boolean has(Path dataDir, String table) {
    return has(Location.local(dataDir), table);
  }
}
