package dev.treue.training.score;

import static org.apache.spark.sql.functions.col;

import dev.treue.training.snapshot.MemberHistories;
import java.time.LocalDate;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The retention offer of every listed member at or above the churn threshold, one row each. */
final class RetentionOffers {
  private RetentionOffers() {}

  /**
   * @param members validated, consenting members
   * @param events their events up to the end of the as-of day
   * @param scored the at-risk list's {@code customer_id} and {@code churn_probability}
   * @return rows of {@link AtRiskSchema#RETENTION}
   */
  static Dataset<Row> pick(SparkSession spark, Dataset<Row> members, Dataset<Row> events, Dataset<Row> scored,
      RetentionSettings settings, LocalDate asOf) {
    Dataset<Row> histories = MemberHistories.join(members, events);
    Dataset<Row> atRisk = scored.filter(col("churn_probability").geq(settings.from()))
        .select(col("customer_id").as("at_risk_id"), col("churn_probability"));
    Dataset<Row> rows = histories.join(atRisk, histories.col("customer_id").equalTo(atRisk.col("at_risk_id")))
        .drop("at_risk_id");
    int churnColumn = rows.schema().fieldIndex("churn_probability");
    Broadcast<RetentionSettings> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(settings);
    return rows.mapPartitions(new RetentionOfferPicker(shared, Math.toIntExact(asOf.toEpochDay()), churnColumn),
        Encoders.row(AtRiskSchema.RETENTION));
  }
}
