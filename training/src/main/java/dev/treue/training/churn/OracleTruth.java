package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;

import dev.treue.training.files.Location;
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
      SparkSession spark, String data, LocalDate cutoff, int horizonDays) {
    Location file = Location.of(data, spark).resolve(FILE);
    if (!file.isFile()) {
      return null;
    }
    Map<String, Double> truth = new HashMap<>();
    for (Row r :
        spark
            .read()
            .option("header", "true")
            .csv(file.uri())
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
