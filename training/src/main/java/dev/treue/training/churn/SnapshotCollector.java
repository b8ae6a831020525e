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
import dev.treue.training.spark.PartitionStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Brings labelled snapshot rows from Spark to the driver for Tribuo, streaming partition by
 * partition so only compact {@code double[]} rows are held. Large programmes are sampled by member
 * (a hash of the id, so the sample is stable between runs and a member is in or out at every
 * cutoff alike). The same pass counts every cutoff's members by {@link MemberStatus}, over all
 * members, before sampling.
 */
final class SnapshotCollector {
  private static final int HASH_BUCKETS = 10_000;
  private static final String BUCKET = "sample_bucket";

  /** Kept rows are compacted when the budget's share has fallen below this part of its last. */
  private static final double COMPACT_AT = 0.9;

  private SnapshotCollector() {}

  /**
   * Training rows (every cutoff but the validation one), validation rows, and the group sizes.
   *
   * <p>Rows of every status are kept: the lifetime model is fitted on every buyer at a cutoff
   * (fitted on the active members only, BG/NBD runs to its bounds), training then keeps the active
   * rows, and the win-back evaluation the lapsed validation rows.
   *
   * @param trainingStatus per training row, the member's status at its cutoff
   * @param validationStatus per validation row, the member's status
   * @param populations group sizes per cutoff day, ascending
   */
  record Split(
      LabelledSnapshots training,
      LabelledSnapshots validation,
      MemberStatus[] trainingStatus,
      MemberStatus[] validationStatus,
      List<CutoffPopulation> populations) {

    /** Per training row, whether the member was active at its cutoff. */
    boolean[] trainingActive() {
      return flags(trainingStatus, MemberStatus.ACTIVE);
    }

    /** Per validation row, whether the member was active. */
    boolean[] validationActive() {
      return flags(validationStatus, MemberStatus.ACTIVE);
    }

    private static boolean[] flags(MemberStatus[] statuses, MemberStatus wanted) {
      boolean[] out = new boolean[statuses.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = statuses[i] == wanted;
      }
      return out;
    }
  }

  /**
   * Collects both sets in one pass over the snapshots, so the snapshot job runs once.
   *
   * @param snapshots rows of {@link SnapshotSchema#SCHEMA}
   * @param validationDay the validation cutoff
   * @param trainBudget training rows of the trained-on members ({@code activeOnly}: the active
   *     ones) kept at most
   * @param activeOnly whether training fits on active rows only
   * @param validShare fraction of members kept for validation rows, in (0, 1]
   */
  static Split collect(
      Dataset<Row> snapshots,
      int validationDay,
      long trainBudget,
      boolean activeOnly,
      double validShare) {
    Column bucket = pmod(hash(col(SnapshotSchema.CUSTOMER_ID)), lit(HASH_BUCKETS));
    Column isValidation = col(SnapshotSchema.CUTOFF_DAY).equalTo(validationDay);
    // Training rows are sampled on the driver (TrainingRowBudget), where their status is known.
    Column keep = not(isValidation).or(bucket.lt(keepBelow(validShare)));
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
            status,
            bucket.as(BUCKET));
    Map<Integer, long[]> counts = new TreeMap<>();
    TrainingRowBudget budget = new TrainingRowBudget(trainBudget, HASH_BUCKETS);
    Kept all = collect(slim, validationDay, counts, budget, activeOnly);
    if (budget.share() < 1) {
      System.out.printf(
          "Training rows sampled by member to --max-train-rows: %.1f%% of members, %,d %s rows%n",
          100 * budget.share(), budget.trainedOnRows(), activeOnly ? "active" : "trained-on");
    }
    List<CutoffPopulation> populations = new ArrayList<>();
    counts.forEach(
        (day, c) ->
            populations.add(new CutoffPopulation(LocalDate.ofEpochDay(day), c[0], c[1], c[2])));
    IntPredicate isValidationRow = i -> all.rows.cutoffDays()[i] == validationDay;
    Kept training = all.where(isValidationRow.negate());
    Kept validation = all.where(isValidationRow);
    return new Split(
        training.rows, validation.rows, training.status, validation.status, populations);
  }

  private static long keepBelow(double share) {
    return share >= 1 ? HASH_BUCKETS : Math.max(1, Math.round(share * HASH_BUCKETS));
  }

  /** Collected rows with each row's status and hash bucket, in the same order. */
  private record Kept(LabelledSnapshots rows, MemberStatus[] status, int[] buckets) {
    /** The labelled rows of a batch (every one of them has its features). */
    static Kept of(List<InternalRow> batch, Columns c) {
      int n = batch.size();
      String[] ids = new String[n];
      int[] days = new int[n];
      double[][] x = new double[n][];
      boolean[] y = new boolean[n];
      MemberStatus[] status = new MemberStatus[n];
      int[] buckets = new int[n];
      for (int i = 0; i < n; i++) {
        InternalRow r = batch.get(i);
        ids[i] = r.getUTF8String(c.id()).toString();
        days[i] = r.getInt(c.day());
        x[i] = r.getArray(c.features()).toDoubleArray();
        y[i] = r.getInt(c.label()) == 1;
        status[i] = c.status(r);
        buckets[i] = r.getInt(c.bucket());
      }
      return new Kept(new LabelledSnapshots(ids, days, x, y), status, buckets);
    }

    static Kept concat(List<Kept> parts) {
      return new Kept(
          LabelledSnapshots.concat(parts.stream().map(Kept::rows).toList()),
          parts.stream().flatMap(p -> Arrays.stream(p.status)).toArray(MemberStatus[]::new),
          parts.stream().flatMapToInt(p -> Arrays.stream(p.buckets)).toArray());
    }

    /** The rows passing {@code keep}, statuses and buckets alike. */
    Kept where(IntPredicate keep) {
      int[] at = IntStream.range(0, rows.size()).filter(keep).toArray();
      MemberStatus[] s = new MemberStatus[at.length];
      int[] b = new int[at.length];
      for (int k = 0; k < at.length; k++) {
        s[k] = status[at[k]];
        b[k] = buckets[at[k]];
      }
      return new Kept(rows.at(at), s, b);
    }
  }

  private static Kept collect(
      Dataset<Row> rows,
      int validationDay,
      Map<Integer, long[]> counts,
      TrainingRowBudget budget,
      boolean activeOnly) {
    Columns c = Columns.of(rows.schema());
    List<InternalRow> batch = new ArrayList<>();
    List<Kept> parts = new ArrayList<>();
    double compactedAt = budget.share();
    // Several member buckets are replayed at once while the driver reads the oldest (the replay
    // is the stage these rows come out of; toLocalIterator ran one bucket at a time).
    try (PartitionStream it = PartitionStream.of(rows)) {
      while (it.hasNext()) {
        InternalRow r = it.next();
        MemberStatus status = c.status(r);
        int day = r.getInt(c.day());
        counts.computeIfAbsent(day, d -> new long[3])[status.ordinal()]++;
        if (r.isNullAt(c.label())) {
          continue;
        }
        if (day != validationDay
            && !budget.offer(r.getInt(c.bucket()), status == MemberStatus.ACTIVE || !activeOnly)) {
          continue;
        }
        batch.add(r);
        if (batch.size() == 50_000) {
          parts.add(Kept.of(batch, c));
          batch.clear();
          if (budget.share() < compactedAt * COMPACT_AT) {
            // Rows of buckets the budget has since given up are dropped as we go, to bound memory;
            // not each time the share falls (by one bucket in 10,000), which refiltered every
            // kept row at nearly every batch.
            parts.replaceAll(p -> p.where(i -> sampled(p, i, validationDay, budget)));
            compactedAt = budget.share();
          }
        }
      }
    }
    parts.add(Kept.of(batch, c));
    Kept all = Kept.concat(parts);
    return all.where(i -> sampled(all, i, validationDay, budget));
  }

  /** Where the collected columns sit in a row, and the status a row's text stands for. */
  private record Columns(int id, int day, int features, int label, int status, int bucket) {
    private static final MemberStatus[] STATUSES = MemberStatus.values();
    private static final UTF8String[] WIRE_NAMES =
        Arrays.stream(STATUSES)
            .map(s -> UTF8String.fromString(s.wireName()))
            .toArray(UTF8String[]::new);

    static Columns of(StructType schema) {
      return new Columns(
          schema.fieldIndex(SnapshotSchema.CUSTOMER_ID),
          schema.fieldIndex(SnapshotSchema.CUTOFF_DAY),
          schema.fieldIndex(SnapshotSchema.FEATURES),
          schema.fieldIndex(SnapshotSchema.LABEL),
          schema.fieldIndex(SnapshotSchema.STATUS),
          schema.fieldIndex(BUCKET));
    }

    MemberStatus status(InternalRow r) {
      UTF8String text = r.getUTF8String(status);
      for (int i = 0; i < STATUSES.length; i++) {
        if (WIRE_NAMES[i].binaryEquals(text)) {
          return STATUSES[i];
        }
      }
      return MemberStatus.fromWireName(text.toString());
    }
  }

  private static boolean sampled(Kept part, int i, int validationDay, TrainingRowBudget budget) {
    return part.rows.cutoffDays()[i] == validationDay || budget.keeps(part.buckets[i]);
  }
}
