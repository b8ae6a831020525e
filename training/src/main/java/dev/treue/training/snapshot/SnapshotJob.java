package dev.treue.training.snapshot;

import dev.treue.training.ingest.ProfilingConsent;
import dev.treue.training.replay.MemberHistories;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Builds point-in-time feature snapshots: every consenting member at every cutoff they had joined
 * by, with the churn label of the following horizon. Members' histories are grouped once and
 * replayed through the core feature code ({@link MemberSnapshots}).
 */
public final class SnapshotJob {
  private SnapshotJob() {}

  /**
   * @param members validated {@code customers} rows (customer_id, signup_day, tier, birth_day,
   *     segment, channel, profiling_consent)
   * @param events validated, de-duplicated {@code events} rows (event_id, customer_id, ts_millis,
   *     type, amount, points, category, offer_id, channel)
   * @param cutoffs the snapshot days
   * @param horizonDays label window after each cutoff
   * @param dataEnd last day the data covers; labels whose window passes it are null
   * @return rows in {@link SnapshotSchema#SCHEMA}
   */
  public static Dataset<Row> snapshots(
      Dataset<Row> members,
      Dataset<Row> events,
      List<LocalDate> cutoffs,
      int horizonDays,
      LocalDate dataEnd) {
    Dataset<Row> consenting = members.filter(ProfilingConsent.given());
    Dataset<Row> joined = MemberHistories.join(consenting, events);
    int[] days = cutoffs.stream().mapToInt(d -> Math.toIntExact(d.toEpochDay())).toArray();
    return joined.flatMap(
        new MemberSnapshots(days, horizonDays, Math.toIntExact(dataEnd.toEpochDay())),
        Encoders.row(SnapshotSchema.SCHEMA));
  }
}
