package dev.treue.training.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.customer.MemberStatus;
import dev.treue.training.report.CutoffPopulation;
import dev.treue.training.snapshot.SnapshotSchema;
import dev.treue.training.spark.SparkTestSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The snapshots brought to the driver for training: a training-row budget far below the rows
 * keeps whole members (their rows at every cutoff, and only theirs) while the rows stream past
 * in batches and are compacted as the budget's cut falls, every labelled validation row, and
 * group sizes that count every row.
 */
class SnapshotCollectorIT {
  private static final int MEMBERS = 80_000;
  private static final int[] TRAINING_DAYS = {100, 130};
  private static final int VALIDATION_DAY = 160;
  private static final long BUDGET = 20_000;

  private final SparkSession spark = SparkTestSession.get();

  private static boolean lapsed(int member) {
    return member % 5 == 0;
  }

  /** Members whose first training cutoff has no label yet. */
  private static boolean unlabelledAtFirst(int member) {
    return member % 7 == 0;
  }

  @Test
  void aSmallBudgetKeepsWholeMembersAndEveryValidationRow() {
    List<Row> rows = new ArrayList<>();
    for (int day : new int[] {TRAINING_DAYS[0], TRAINING_DAYS[1], VALIDATION_DAY}) {
      for (int m = 0; m < MEMBERS; m++) {
        Integer label = day == TRAINING_DAYS[0] && unlabelledAtFirst(m) ? null : m % 2;
        MemberStatus status = lapsed(m) ? MemberStatus.LAPSED : MemberStatus.ACTIVE;
        rows.add(
            RowFactory.create(
                "m" + m, day, new double[] {m, day}, label, null, null, null, status.wireName()));
      }
    }
    Dataset<Row> snapshots = spark.createDataFrame(rows, SnapshotSchema.SCHEMA).repartition(6);
    Map<String, Integer> bucketOf = new HashMap<>();
    for (Row r :
        snapshots
            .where(col(SnapshotSchema.CUTOFF_DAY).equalTo(VALIDATION_DAY))
            .select(
                col(SnapshotSchema.CUSTOMER_ID),
                pmod(hash(col(SnapshotSchema.CUSTOMER_ID)), lit(10_000)))
            .collectAsList()) {
      bucketOf.put(r.getString(0), r.getInt(1));
    }

    SnapshotCollector.Split split =
        SnapshotCollector.collect(snapshots, VALIDATION_DAY, BUDGET, true, 1.0);

    assertEquals(MEMBERS, split.validation().size());
    assertEquals(MEMBERS, split.validationStatus().length);
    // the members kept for training: exactly those of the buckets below the budget's final cut
    int cut = 0;
    Map<String, Integer> rowsOf = new HashMap<>();
    LabelledSnapshots training = split.training();
    long activeRows = 0;
    for (int i = 0; i < training.size(); i++) {
      String id = training.customerIds()[i];
      int m = Integer.parseInt(id.substring(1));
      cut = Math.max(cut, bucketOf.get(id) + 1);
      rowsOf.merge(id, 1, Integer::sum);
      assertEquals(m, training.features()[i][0]);
      assertEquals(training.cutoffDays()[i], training.features()[i][1]);
      assertEquals(m % 2 == 1, training.churned()[i]);
      assertEquals(
          lapsed(m) ? MemberStatus.LAPSED : MemberStatus.ACTIVE, split.trainingStatus()[i]);
      activeRows += lapsed(m) ? 0 : 1;
    }
    for (Map.Entry<String, Integer> e : bucketOf.entrySet()) {
      int m = Integer.parseInt(e.getKey().substring(1));
      int expected = e.getValue() < cut ? (unlabelledAtFirst(m) ? 1 : 2) : 0;
      assertEquals(expected, rowsOf.getOrDefault(e.getKey(), 0), e.getKey());
    }
    assertTrue(activeRows <= BUDGET, activeRows + " active training rows");
    assertTrue(activeRows > BUDGET * 0.95, activeRows + " active training rows");

    assertEquals(3, split.populations().size());
    for (CutoffPopulation p : split.populations()) {
      assertEquals(MEMBERS / 5, p.lapsed(), p.toString());
      assertEquals(MEMBERS - MEMBERS / 5, p.active(), p.toString());
      assertEquals(0, p.neverPurchased(), p.toString());
    }
  }
}
