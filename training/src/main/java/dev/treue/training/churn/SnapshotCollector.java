package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import dev.treue.core.customer.MemberStatus;
import dev.treue.training.report.CutoffPopulation;
import dev.treue.training.snapshot.SnapshotSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Brings labelled snapshot rows from Spark to the driver for Tribuo, streaming partition by
 * partition so only compact {@code double[]} rows are held. Large programmes are sampled by member
 * (a hash of the id, so the sample is stable between runs and a member is in or out at every
 * cutoff alike). The same pass counts every cutoff's members by {@link MemberStatus}, over all
 * members, before sampling.
 */
final class SnapshotCollector {
  private static final int HASH_BUCKETS = 10_000;

  private SnapshotCollector() {}

  /**
   * Training rows (every cutoff but the validation one), validation rows, and the group sizes.
   *
   * <p>Rows of every status are kept: the lifetime model is fitted on every buyer at a cutoff
   * (fitted on the active members only, BG/NBD runs to its bounds), and training then keeps the
   * active rows.
   *
   * @param trainingActive per training row, whether the member was active at its cutoff
   * @param validationActive per validation row, whether the member was active
   * @param populations group sizes per cutoff day, ascending
   */
  record Split(
      LabelledSnapshots training,
      LabelledSnapshots validation,
      boolean[] trainingActive,
      boolean[] validationActive,
      List<CutoffPopulation> populations) {}

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
    Column status = col(SnapshotSchema.STATUS);
    keep = keep.and(col(SnapshotSchema.LABEL).isNotNull());
    // Every row comes back for the counts; only kept rows bring their features and label.
    Dataset<Row> slim =
        snapshots.select(
            col(SnapshotSchema.CUSTOMER_ID),
            col(SnapshotSchema.CUTOFF_DAY),
            // Features at their SCHEMA position: SnapshotSchema.features reads them by index.
            when(keep, col(SnapshotSchema.FEATURES)).as(SnapshotSchema.FEATURES),
            when(keep, col(SnapshotSchema.LABEL)).as(SnapshotSchema.LABEL),
            status);
    Map<Integer, long[]> counts = new TreeMap<>();
    List<Boolean> keptActive = new ArrayList<>();
    LabelledSnapshots all = collect(slim, counts, keptActive);
    List<Boolean> trainingActive = new ArrayList<>();
    List<Boolean> validationActive = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (all.cutoffDays()[i] == validationDay ? validationActive : trainingActive)
          .add(keptActive.get(i));
    }
    List<CutoffPopulation> populations = new ArrayList<>();
    counts.forEach(
        (day, c) ->
            populations.add(new CutoffPopulation(LocalDate.ofEpochDay(day), c[0], c[1], c[2])));
    return new Split(
        all.where(i -> all.cutoffDays()[i] != validationDay),
        all.where(i -> all.cutoffDays()[i] == validationDay),
        toArray(trainingActive),
        toArray(validationActive),
        populations);
  }

  private static boolean[] toArray(List<Boolean> flags) {
    boolean[] out = new boolean[flags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = flags.get(i);
    }
    return out;
  }

  private static long keepBelow(double share) {
    return share >= 1 ? HASH_BUCKETS : Math.max(1, Math.round(share * HASH_BUCKETS));
  }

  private static LabelledSnapshots collect(
      Dataset<Row> rows, Map<Integer, long[]> counts, List<Boolean> keptActive) {
    List<Row> batch = new ArrayList<>();
    List<LabelledSnapshots> parts = new ArrayList<>();
    Iterator<Row> it = rows.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      MemberStatus status = MemberStatus.fromWireName(r.getAs(SnapshotSchema.STATUS));
      counts
          .computeIfAbsent(r.<Integer>getAs(SnapshotSchema.CUTOFF_DAY), d -> new long[3])[
          status.ordinal()]++;
      if (r.isNullAt(r.fieldIndex(SnapshotSchema.LABEL))) {
        continue;
      }
      keptActive.add(status == MemberStatus.ACTIVE);
      batch.add(r);
      if (batch.size() == 50_000) {
        parts.add(LabelledSnapshots.fromRows(batch));
        batch.clear();
      }
    }
    parts.add(LabelledSnapshots.fromRows(batch));
    return LabelledSnapshots.concat(parts);
  }
}
