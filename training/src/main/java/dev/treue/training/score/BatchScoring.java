package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.MemberHistories;
import java.time.LocalDate;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores every consenting member at an as-of day: each member's history grouped and replayed once
 * ({@link PartitionScorer}), features from the core code, the models broadcast once to every
 * executor, the list sorted by value at risk.
 */
public final class BatchScoring {
  private BatchScoring() {}

  /**
   * The at-risk list in {@link AtRiskSchema#SCHEMA}, highest value at risk first.
   *
   * @param reasonsFrom members below this churn probability get no reasons (they cost a prediction
   *     per reason group)
   */
  public static Dataset<Row> atRiskList(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      ChurnScorer scorer,
      LocalDate asOf,
      double reasonsFrom) {
    return atRiskList(spark, members, events, scorer, asOf, reasonsFrom, null);
  }

  /**
   * The at-risk list with, for members at or above {@code retention.from()}, the recommended
   * retention offer.
   *
   * @param retention the offers model, catalogue and policy, or null for no retention offers
   */
  public static Dataset<Row> atRiskList(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      ChurnScorer scorer,
      LocalDate asOf,
      double reasonsFrom,
      RetentionSettings retention) {
    Dataset<Row> upToAsOf =
        events.filter(col("ts_millis").lt((asOf.toEpochDay() + 1) * DAY_MILLIS));
    // Each member's history is grouped and replayed once: scoring and the retention offer share the
    // pass.
    Dataset<Row> histories =
        MemberHistories.join(members.filter(ProfilingConsent.given()), upToAsOf);
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ChurnScorer> model = context.broadcast(scorer);
    Broadcast<RetentionSettings> offers = retention == null ? null : context.broadcast(retention);
    Dataset<Row> list =
        histories.mapPartitions(
            new PartitionScorer(model, offers, Math.toIntExact(asOf.toEpochDay()), reasonsFrom),
            Encoders.row(AtRiskSchema.SCHEMA));
    return list.select(
            java.util.Arrays.stream(AtRiskSchema.SCHEMA.fieldNames())
                .map(c -> col(c))
                .toArray(org.apache.spark.sql.Column[]::new))
        .orderBy(col("value_at_risk").desc(), col("churn_probability").desc(), col("customer_id"));
  }
}
