package dev.treue.training.score;

import static org.apache.spark.sql.functions.col;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.snapshot.SnapshotJob;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores every consenting member at an as-of day: features from the core code on each partition,
 * the model broadcast once to every executor, the list sorted by value at risk.
 */
public final class BatchScoring {
  private BatchScoring() {}

  /**
   * The at-risk list in {@link AtRiskSchema#SCHEMA}, highest value at risk first.
   *
   * @param reasonsFrom members below this churn probability get no reasons (they cost a prediction
   *     per reason group)
   */
  public static Dataset<Row> atRiskList(SparkSession spark, Dataset<Row> members, Dataset<Row> events,
      ChurnScorer scorer, LocalDate asOf, double reasonsFrom) {
    Dataset<Row> snapshots = SnapshotJob.snapshots(
        members, events.filter(col("ts_millis").lt((asOf.toEpochDay() + 1) * 86_400_000L)),
        List.of(asOf), 1, asOf);
    Broadcast<ChurnScorer> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    return snapshots
        .mapPartitions(new PartitionScorer(model, reasonsFrom), Encoders.row(AtRiskSchema.SCHEMA))
        .orderBy(col("value_at_risk").desc(), col("churn_probability").desc(), col("customer_id"));
  }
}
