package dev.treue.training.score;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.feature.LifetimeFeatures;
import dev.treue.training.snapshot.SnapshotSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition of snapshot rows with the broadcast model, in batches so Tribuo predicts
 * many rows per native call, and turns each into an at-risk row.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 2_000;

  // Rows reaching mapPartitions carry no schema, so columns are read by position.
  private static final int ID = SnapshotSchema.SCHEMA.fieldIndex(SnapshotSchema.CUSTOMER_ID);
  private static final int TIER = SnapshotSchema.SCHEMA.fieldIndex(SnapshotSchema.TIER);
  private static final int SEGMENT = SnapshotSchema.SCHEMA.fieldIndex(SnapshotSchema.SEGMENT);
  private static final int LAST_PURCHASE = SnapshotSchema.SCHEMA.fieldIndex(SnapshotSchema.LAST_PURCHASE_DAY);

  private final Broadcast<ChurnScorer> scorer;
  private final double reasonsFrom;

  PartitionScorer(Broadcast<ChurnScorer> scorer, double reasonsFrom) {
    this.scorer = scorer;
    this.reasonsFrom = reasonsFrom;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ChurnScorer model = scorer.value();
    List<Row> out = new ArrayList<>();
    List<Row> batch = new ArrayList<>(BATCH);
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == BATCH || !rows.hasNext()) {
        score(model, batch, out, reasonsFrom);
        batch.clear();
      }
    }
    return out.iterator();
  }

  private static void score(ChurnScorer model, List<Row> batch, List<Row> out, double reasonsFrom) {
    List<double[]> vectors = new ArrayList<>(batch.size());
    for (Row r : batch) {
      double[] v = SnapshotSchema.features(r);
      LifetimeFeatures.fill(v, model.lifetime());
      vectors.add(v);
    }
    List<ChurnScore> scores = model.scoreAll(vectors, reasonsFrom);
    for (int i = 0; i < batch.size(); i++) {
      Row r = batch.get(i);
      ChurnScore s = scores.get(i);
      Integer last = r.isNullAt(LAST_PURCHASE) ? null : r.getInt(LAST_PURCHASE);
      MemberValueFigures value = MemberValueFigures.of(s.probability(), vectors.get(i));
      out.add(RowFactory.create(
          r.getString(ID),
          s.probability(),
          s.band().wireName(),
          String.join(AtRiskSchema.REASON_SEPARATOR, s.reasons()),
          r.getString(TIER),
          r.getString(SEGMENT),
          last == null ? null : LocalDate.ofEpochDay(last).toString(),
          value.valueAtRisk(),
          value.clv(),
          value.probabilityAlive()));
    }
  }
}
