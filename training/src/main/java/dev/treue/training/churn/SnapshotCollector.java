package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;

import dev.treue.training.snapshot.SnapshotSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings labelled snapshot rows from Spark to the driver for Tribuo, streaming partition by
 * partition so only compact {@code double[]} rows are held. Large programmes are sampled by member
 * (a hash of the id, so the sample is stable between runs and a member is in or out at every
 * cutoff alike).
 */
final class SnapshotCollector {
  private static final int HASH_BUCKETS = 10_000;

  private SnapshotCollector() {}

  /** Training rows (every cutoff but the validation one) and validation rows. */
  record Split(LabelledSnapshots training, LabelledSnapshots validation) {}

  /**
   * Collects both sets in one pass over the snapshots, so the snapshot job runs once.
   *
   * @param snapshots rows of {@link SnapshotSchema#SCHEMA}
   * @param validationDay the validation cutoff
   * @param trainShare fraction of members kept for training rows, in (0, 1]
   * @param validShare fraction of members kept for validation rows, in (0, 1]
   */
  static Split collect(
      Dataset<Row> snapshots, int validationDay, double trainShare, double validShare) {
    Column bucket = pmod(hash(col(SnapshotSchema.CUSTOMER_ID)), lit(HASH_BUCKETS));
    Column isValidation = col(SnapshotSchema.CUTOFF_DAY).equalTo(validationDay);
    Column keep =
        isValidation
            .and(bucket.lt(keepBelow(validShare)))
            .or(not(isValidation).and(bucket.lt(keepBelow(trainShare))));
    LabelledSnapshots all =
        collect(snapshots.filter(col(SnapshotSchema.LABEL).isNotNull()).filter(keep));
    return new Split(
        all.where(i -> all.cutoffDays()[i] != validationDay),
        all.where(i -> all.cutoffDays()[i] == validationDay));
  }

  private static long keepBelow(double share) {
    return share >= 1 ? HASH_BUCKETS : Math.max(1, Math.round(share * HASH_BUCKETS));
  }

  private static LabelledSnapshots collect(Dataset<Row> labelled) {
    List<Row> batch = new ArrayList<>();
    List<LabelledSnapshots> parts = new ArrayList<>();
    Iterator<Row> it = labelled.toLocalIterator();
    while (it.hasNext()) {
      batch.add(it.next());
      if (batch.size() == 50_000) {
        parts.add(LabelledSnapshots.fromRows(batch));
        batch.clear();
      }
    }
    parts.add(LabelledSnapshots.fromRows(batch));
    return LabelledSnapshots.concat(parts);
  }
}
