package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.snapshot.SnapshotJob;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

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
    return atRiskList(spark, members, events, scorer, asOf, reasonsFrom, null);
  }

  /**
   * The at-risk list with, for members at or above {@code retention.from()}, the recommended
   * retention offer.
   *
   * @param retention the offers model, catalogue and policy, or null for no retention offers
   */
  public static Dataset<Row> atRiskList(SparkSession spark, Dataset<Row> members, Dataset<Row> events,
      ChurnScorer scorer, LocalDate asOf, double reasonsFrom, RetentionSettings retention) {
    Dataset<Row> upToAsOf = events.filter(col("ts_millis").lt((asOf.toEpochDay() + 1) * DAY_MILLIS));
    Dataset<Row> snapshots = SnapshotJob.snapshots(members, upToAsOf, List.of(asOf), 1, asOf);
    Broadcast<ChurnScorer> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    Dataset<Row> scored = snapshots
        .mapPartitions(new PartitionScorer(model, reasonsFrom), Encoders.row(AtRiskSchema.SCORED));
    Dataset<Row> list;
    if (retention == null) {
      list = scored;
      for (int i = 1; i < AtRiskSchema.RETENTION.fields().length; i++) {
        StructField f = AtRiskSchema.RETENTION.fields()[i];
        list = list.withColumn(f.name(), lit(null).cast(f.dataType()));
      }
    } else {
      scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> offers = RetentionOffers.pick(spark, members.filter(ProfilingConsent.given()), upToAsOf,
          scored.select("customer_id", "churn_probability"), retention, asOf);
      list = scored.join(offers.withColumnRenamed("customer_id", "offer_customer_id"),
          scored.col("customer_id").equalTo(col("offer_customer_id")), "left").drop("offer_customer_id");
    }
    return list.select(java.util.Arrays.stream(AtRiskSchema.SCHEMA.fieldNames()).map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new))
        .orderBy(col("value_at_risk").desc(), col("churn_probability").desc(), col("customer_id"));
  }
}
