package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;
import static org.apache.spark.sql.functions.col;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.MemberStatus;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import java.time.LocalDate;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores every consenting member at an as-of day: each member's history grouped and replayed once
 * ({@link PartitionScorer}), features from the core code, the models broadcast once to every
 * executor, the list sorted by value at risk. Each row says the member's group ({@code status}):
 * {@link #defaultList}, {@link #winBackList} and {@link #notActivated} are the three lists the
 * files hold.
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
    return atRiskList(
        spark,
        members,
        events,
        scorer,
        asOf,
        reasonsFrom,
        retention,
        MemberStatus.DEFAULT_ACTIVE_DAYS);
  }

  /**
   * The list of every member with their group under the model's activity window.
   *
   * @param activeDays the activity window of the model's bundle ({@code active_days})
   */
  public static Dataset<Row> atRiskList(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      ChurnScorer scorer,
      LocalDate asOf,
      double reasonsFrom,
      RetentionSettings retention,
      int activeDays) {
    return atRiskList(
        spark,
        members,
        events,
        scorer,
        asOf,
        reasonsFrom,
        retention,
        activeDays,
        System.currentTimeMillis());
  }

  /**
   * The list scored at {@code scoredAtMillis} (every row's {@code scored_at}), as materialize's
   * rows carry the time of their load.
   *
   * <p>The sort samples its input before it shuffles, and the sampling runs the replay too: a
   * caller that reads the list more than once, or wants each member replayed once, persists
   * {@link #scoredMembers} and sorts that ({@link #byValueAtRisk}), as {@code score} does.
   */
  public static Dataset<Row> atRiskList(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      ChurnScorer scorer,
      LocalDate asOf,
      double reasonsFrom,
      RetentionSettings retention,
      int activeDays,
      long scoredAtMillis) {
    return byValueAtRisk(
        scoredMembers(
            spark,
            members,
            events,
            scorer,
            asOf,
            reasonsFrom,
            retention,
            activeDays,
            scoredAtMillis,
            null));
  }

  /**
   * Every consenting member who had joined by {@code asOf}, scored, in no particular order: one row
   * each in {@link AtRiskSchema#SCHEMA}, from one replay of their history.
   *
   * @param replays counts the members replayed (one per row when each is replayed once), or null
   */
  public static Dataset<Row> scoredMembers(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      ChurnScorer scorer,
      LocalDate asOf,
      double reasonsFrom,
      RetentionSettings retention,
      int activeDays,
      long scoredAtMillis,
      LongAccumulator replays) {
    Dataset<Row> upToAsOf =
        MemberReplay.eventsForReplayBefore(events, (asOf.toEpochDay() + 1) * DAY_MILLIS);
    // Each member's history is grouped and replayed once: scoring and the retention offer share the
    // pass.
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ChurnScorer> model = context.broadcast(scorer);
    Broadcast<RetentionSettings> offers = retention == null ? null : context.broadcast(retention);
    JavaRDD<Row> scored =
        StreamedHistories.histories(
                members.filter(ProfilingConsent.given()), upToAsOf, EventIds.NOT_NEEDED)
            .mapPartitions(
                new PartitionScorer(
                    model,
                    offers,
                    Math.toIntExact(asOf.toEpochDay()),
                    reasonsFrom,
                    activeDays,
                    scoredAtMillis,
                    replays));
    Dataset<Row> list = spark.createDataFrame(scored, AtRiskSchema.SCHEMA);
    return list.select(
        java.util.Arrays.stream(AtRiskSchema.SCHEMA.fieldNames())
            .map(c -> col(c))
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Scored members, highest value at risk first (then churn probability, win-back value, id). */
  public static Dataset<Row> byValueAtRisk(Dataset<Row> scored) {
    return scored.orderBy(
        col("value_at_risk").desc_nulls_last(),
        col("churn_probability").desc_nulls_last(),
        col("win_back_value").desc_nulls_last(),
        col("customer_id"));
  }

  /**
   * The at-risk list a marketer opens by default: active members in {@code bands} (medium and high
   * unless asked otherwise), highest value at risk first.
   */
  public static Dataset<Row> defaultList(Dataset<Row> list, Set<RiskBand> bands) {
    return list.filter(
            col("status")
                .equalTo(MemberStatus.ACTIVE.wireName())
                .and(
                    col("risk_band")
                        .isin(bands.stream().map(b -> (Object) b.wireName()).toArray())))
        .orderBy(col("value_at_risk").desc(), col("churn_probability").desc(), col("customer_id"));
  }

  /** The win-back list: lapsed members, highest win-back value (expected purchases in 90 days) first. */
  public static Dataset<Row> winBackList(Dataset<Row> list) {
    return list.filter(col("status").equalTo(MemberStatus.LAPSED.wireName()))
        .orderBy(col("win_back_value").desc(), col("customer_id"));
  }

  /** The members not activated yet (never purchased), in id order. */
  public static Dataset<Row> notActivated(Dataset<Row> list) {
    return list.filter(col("status").equalTo(MemberStatus.NEVER_PURCHASED.wireName()))
        .orderBy(col("customer_id"));
  }
}
