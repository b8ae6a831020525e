package dev.treue.training.replay;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every member beside their whole event history, one row each, to look at in a notebook or to check
 * a job against in a test ({@link MemberReplay#member} and {@link MemberReplay#sortedEvents} read
 * the rows). Members without events get a null history. The jobs do not build these lists: they
 * stream the same histories from one shuffle ({@link StreamedHistories}), which costs a third less.
 */
public final class MemberHistories {
  private MemberHistories() {}

  /**
   * @param members validated {@code customers} rows
   * @param events validated, de-duplicated {@code events} rows
   * @return the member columns plus {@link MemberRows#EVENTS}, a list of event structs
   */
  public static Dataset<Row> join(Dataset<Row> members, Dataset<Row> events) {
    Dataset<Row> histories =
        events
            .groupBy(col("customer_id"))
            .agg(
                collect_list(
                        struct(
                            col("event_id"),
                            col("ts_millis"),
                            col("type"),
                            col("amount"),
                            col("points"),
                            col("category"),
                            col("offer_id")))
                    .as(MemberRows.EVENTS));
    return members
        .join(histories, members.col("customer_id").equalTo(histories.col("customer_id")), "left")
        .drop(histories.col("customer_id"));
  }
}
