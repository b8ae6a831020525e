package dev.treue.training.snapshot;

import dev.treue.core.customer.MemberStatus;
import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.StreamedHistories;
import dev.treue.training.replay.StreamedHistories.EventIds;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Builds point-in-time feature snapshots: every consenting member at every cutoff they had joined
 * by, with the churn label of the following horizon. Members' histories are streamed to their
 * partition once, sorted, and replayed one member at a time through the core feature code
 * ({@link StreamedHistories}, {@link MemberSnapshots}). Each row carries the member's
 * {@link MemberStatus} at its cutoff, so training can keep the active members only.
 *
 * <p>Spark plans the histories ({@link StreamedHistories#histories}) when {@link #snapshots} is
 * called, so with adaptive execution on, a shuffle of members and events (for a source without
 * member buckets) runs then; the replay itself runs when the returned rows are used.
 */
public final class SnapshotJob {
  private SnapshotJob() {}

  /** Snapshots with statuses for the default activity window, {@link MemberStatus#DEFAULT_ACTIVE_DAYS}. */
  public static Dataset<Row> snapshots(
      Dataset<Row> members,
      Dataset<Row> events,
      List<LocalDate> cutoffs,
      int horizonDays,
      LocalDate dataEnd) {
    return snapshots(
        members, events, cutoffs, horizonDays, dataEnd, MemberStatus.DEFAULT_ACTIVE_DAYS);
  }

  /**
   * @param members validated {@code customers} rows (customer_id, signup_day, tier, birth_day,
   *     segment, channel, profiling_consent)
   * @param events validated, de-duplicated {@code events} rows (event_id, customer_id, ts_millis,
   *     type, amount, points, category, offer_id, channel)
   * @param cutoffs the snapshot days
   * @param horizonDays label window after each cutoff
   * @param dataEnd last day the data covers; labels whose window passes it are null
   * @param activeDays the activity window of each row's {@link SnapshotSchema#STATUS}
   * @return rows in {@link SnapshotSchema#SCHEMA}
   */
  public static Dataset<Row> snapshots(
      Dataset<Row> members,
      Dataset<Row> events,
      List<LocalDate> cutoffs,
      int horizonDays,
      LocalDate dataEnd,
      int activeDays) {
    if (activeDays < 1) {
      throw new IllegalArgumentException("--active-days must be at least 1, got " + activeDays);
    }
    Dataset<Row> consenting = members.filter(ProfilingConsent.given());
    int[] days = cutoffs.stream().mapToInt(d -> Math.toIntExact(d.toEpochDay())).toArray();
    JavaRDD<InternalRow> rows =
        StreamedHistories.histories(consenting, events, EventIds.NOT_NEEDED)
            .mapPartitions(
                new MemberSnapshots(
                    days, horizonDays, Math.toIntExact(dataEnd.toEpochDay()), activeDays));
    // Rows as Spark holds them: no Row to encode field by field (Spark's own, internal, entry).
    return ((org.apache.spark.sql.classic.SparkSession) events.sparkSession())
        .internalCreateDataFrame(rows.rdd(), SnapshotSchema.SCHEMA, false);
  }
}
