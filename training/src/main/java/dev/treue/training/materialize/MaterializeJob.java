package dev.treue.training.materialize;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.training.snapshot.MemberHistories;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/** The Spark side of a load: group histories per member, then every partition writes its members. */
public final class MaterializeJob {
  private MaterializeJob() {}

  /**
   * @param scorer the churn model for the at-risk list, or null for states only
   */
  public static MaterializeResult run(SparkSession spark, Dataset<Row> members, Dataset<Row> events,
      MaterializeSettings settings, ChurnScorer scorer) {
    LongAccumulator states = spark.sparkContext().longAccumulator("states");
    LongAccumulator optedOut = spark.sparkContext().longAccumulator("opted-out");
    LongAccumulator listed = spark.sparkContext().longAccumulator("listed");
    LongAccumulator writeNanos = spark.sparkContext().longAccumulator("write-nanos");
    Broadcast<ChurnScorer> model = scorer == null ? null
        : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    long start = System.nanoTime();
    MemberHistories.join(members, events)
        .foreachPartition(new PartitionLoader(settings, model, states, optedOut, listed, writeNanos));
    return new MaterializeResult(states.value(), listed.value(), optedOut.value(),
        (System.nanoTime() - start) / 1e9, writeNanos.value() / 1e9);
  }
}
