package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import dev.treue.training.score.AtRiskLists;
import dev.treue.training.score.RetentionSettings;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * The Spark side of a load, in two stages so each can be measured: replay (group histories per
 * member, fold and encode, score) into a persisted dataset, then every partition writes its members
 * to Redis.
 */
public final class MaterializeJob {
  private MaterializeJob() {}

  /**
   * @param scorer the churn model for the at-risk list, or null for states only
   */
  public static MaterializeResult run(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      MaterializeSettings settings,
      ChurnScorer scorer) {
    return run(spark, members, events, settings, scorer, null);
  }

  /**
   * @param scorer the churn model for the at-risk list, or null for states only
   * @param retention the offers model, catalogue and policy that pick the rows' retention offers,
   *     or null for rows without one (used only with a churn model)
   */
  public static MaterializeResult run(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      MaterializeSettings settings,
      ChurnScorer scorer,
      RetentionSettings retention) {
    return run(spark, members, events, settings, scorer, retention, null);
  }

  /**
   * As {@link #run(SparkSession, Dataset, Dataset, MaterializeSettings, ChurnScorer,
   * RetentionSettings)}, then, with {@code lists}, the member lists as files from the same rows
   * (no second replay).
   *
   * @param lists where and how to write the lists, or null for none (needs a churn model)
   */
  public static MaterializeResult run(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      MaterializeSettings settings,
      ChurnScorer scorer,
      RetentionSettings retention,
      LoadedLists lists) {
    if (lists != null && scorer == null) {
      throw new IllegalArgumentException("the member lists need a churn model to score them");
    }
    LongAccumulator states = spark.sparkContext().longAccumulator("states");
    LongAccumulator listed = spark.sparkContext().longAccumulator("listed");
    LongAccumulator optedOut = spark.sparkContext().longAccumulator("opted-out");
    long start = System.nanoTime();
    Dataset<Row> encoded = replay(spark, members, events, settings, scorer, retention);
    long rows = encoded.count();
    long replayed = System.nanoTime();
    encoded.foreachPartition(new PartitionWriter(settings, states, listed, optedOut));
    long written = System.nanoTime();
    AtRiskLists.Written files = lists == null ? null : lists.write(spark, encoded);
    long filed = System.nanoTime();
    encoded.unpersist();
    if (states.value() + optedOut.value() != rows) {
      throw new IllegalStateException(
          "load wrote "
              + states.value()
              + " states and "
              + optedOut.value()
              + " opt-outs for "
              + rows
              + " members");
    }
    return new MaterializeResult(
        states.value(),
        listed.value(),
        optedOut.value(),
        (replayed - start) / 1e9,
        (written - replayed) / 1e9,
        files,
        lists == null ? 0 : (filed - written) / 1e9);
  }

  /**
   * The replay stage alone: every member's encoded state and at-risk row ({@link LoadRows}), persisted
   * (not yet computed) so the write stage and {@code bench materialize} read it without replaying.
   */
  static Dataset<Row> replay(
      SparkSession spark,
      Dataset<Row> members,
      Dataset<Row> events,
      MaterializeSettings settings,
      ChurnScorer scorer,
      RetentionSettings retention) {
    Broadcast<ChurnScorer> model =
        scorer == null
            ? null
            : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    Broadcast<RetentionSettings> offers =
        scorer == null || retention == null
            ? null
            : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(retention);
    return spark
        .createDataFrame(
            // The load writes settled states, no window of events: the ids are not needed.
            StreamedHistories.histories(members, events, EventIds.NOT_NEEDED)
                .mapPartitions(new StateEncoder(settings, model, offers)),
            LoadRows.SCHEMA)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }
}
