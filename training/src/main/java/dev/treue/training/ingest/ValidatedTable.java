package dev.treue.training.ingest;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The valid rows of one table and what validation found. The rows are lazy: the first action on
 * them parses the source again (the same rules, dropping rejects and repeated ids) and caches the
 * result (memory, spilling to disk), so later actions do not parse again; call {@link #release()}
 * when done. A table from a folder {@code validate --out} wrote is read from its Parquet on every
 * use instead ({@link ValidatedParquet}), and {@link #release()} has nothing to free.
 */
public final class ValidatedTable {
  private final Dataset<Row> rows;
  private final TableSummary summary;
  private final List<Dataset<Row>> caches;

  ValidatedTable(Dataset<Row> rows, TableSummary summary, List<Dataset<Row>> caches) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.caches = List.copyOf(caches);
  }

  /** Valid rows with the schema of {@link LoyaltySchemas}, one row per id. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** Counts of rows read, rejected and duplicated. */
  public TableSummary summary() {
    return summary;
  }

  /** Frees the cached rows; {@link #rows()} then reads the source again if used. */
  public void release() {
    for (Dataset<Row> c : caches) {
      c.unpersist(false);
    }
  }
}
