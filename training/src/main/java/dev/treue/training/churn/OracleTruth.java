package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The generator's true churn probabilities ({@code truth.csv}: customer_id, cutoff,
 * churn_probability, horizon_days), the best any model could do. Real data has none.
 */
final class OracleTruth {
  static final String FILE = "truth.csv";

  private OracleTruth() {}

  /** member -> true churn probability at {@code cutoff} for the horizon, or null when unknown. */
  static Map<String, Double> read(
      SparkSession spark, Path dataDir, LocalDate cutoff, int horizonDays) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Map<String, Double> truth = new HashMap<>();
    for (Row r :
        spark
            .read()
            .option("header", "true")
            .csv(file.toString())
            .filter(
                col("cutoff")
                    .equalTo(cutoff.toString())
                    .and(col("horizon_days").cast("int").equalTo(horizonDays)))
            .select(col("customer_id"), col("churn_probability").cast("double"))
            .collectAsList()) {
      truth.put(r.getString(0), r.getDouble(1));
    }
    return truth.isEmpty() ? null : truth;
  }
}
