package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import dev.treue.training.snapshot.SnapshotSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

  /**
   * @param snapshots rows of {@link SnapshotSchema#SCHEMA}
   * @param share fraction of members to keep, in (0, 1]
   */
  static LabelledSnapshots collect(Dataset<Row> snapshots, double share) {
    Dataset<Row> labelled = snapshots.filter(col(SnapshotSchema.LABEL).isNotNull());
    if (share < 1) {
      long keep = Math.max(1, Math.round(share * HASH_BUCKETS));
      labelled = labelled.filter(
          pmod(hash(col(SnapshotSchema.CUSTOMER_ID)), lit(HASH_BUCKETS)).lt(keep));
    }
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
