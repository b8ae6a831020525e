package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.RankedReward;
import dev.treue.training.replay.MemberReplay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition of member histories ({@link dev.treue.training.replay.MemberHistories}
 * rows) in one pass: each member is replayed once to the end of the as-of day, their features
 * computed with the model's lifetime model, scored in batches (so the model predicts many rows per
 * call), and, from the retention threshold up, given their retention offer from the same state.
 * Members who joined after the as-of day are not listed.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 2_000;

  private final Broadcast<ChurnScorer> scorer;
  private final Broadcast<RetentionSettings> retention;
  private final int asOfDay;
  private final double reasonsFrom;

  /**
   * @param retention the offers model and its settings, or null for no retention offers
   * @param reasonsFrom members below this churn probability get no reasons
   */
  PartitionScorer(
      Broadcast<ChurnScorer> scorer,
      Broadcast<RetentionSettings> retention,
      int asOfDay,
      double reasonsFrom) {
    this.scorer = scorer;
    this.retention = retention;
    this.asOfDay = asOfDay;
    this.reasonsFrom = reasonsFrom;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ChurnScorer model = scorer.value();
    RetentionOfferPicker picker =
        retention == null ? null : new RetentionOfferPicker(retention.value(), asOfDay);
    long endMillis = (asOfDay + 1L) * DAY_MILLIS;
    List<Row> out = new ArrayList<>();
    List<Replayed> batch = new ArrayList<>(BATCH);
    while (rows.hasNext()) {
      Row row = rows.next();
      Member member = MemberReplay.member(row);
      if (member.signupEpochDay() <= asOfDay) {
        CustomerState state =
            MemberReplay.stateBefore(member, MemberReplay.sortedEvents(row), endMillis);
        batch.add(new Replayed(member, state, model.features(state, asOfDay)));
      }
      if (batch.size() == BATCH || !rows.hasNext() && !batch.isEmpty()) {
        score(model, picker, batch, out);
        batch.clear();
      }
    }
    return out.iterator();
  }

  private void score(
      ChurnScorer model, RetentionOfferPicker picker, List<Replayed> batch, List<Row> out) {
    List<double[]> vectors = new ArrayList<>(batch.size());
    for (Replayed r : batch) {
      vectors.add(r.features);
    }
    List<ChurnScore> scores = model.scoreAll(vectors, reasonsFrom);
    for (int i = 0; i < batch.size(); i++) {
      Replayed r = batch.get(i);
      ChurnScore s = scores.get(i);
      int last = r.state.lastPurchaseDay();
      MemberValueFigures value = MemberValueFigures.of(s.probability(), r.features);
      RankedReward offer =
          picker == null ? null : picker.pick(r.state, s.probability()).orElse(null);
      out.add(
          RowFactory.create(
              r.member.customerId(),
              s.probability(),
              s.band().wireName(),
              String.join(AtRiskSchema.REASON_SEPARATOR, s.reasons()),
              TierLadder.name(r.state.tierRank()),
              r.member.segment(),
              last == CustomerState.NONE ? null : LocalDate.ofEpochDay(last).toString(),
              value.valueAtRisk(),
              value.clv(),
              value.probabilityAlive(),
              offer == null ? null : offer.offer().offerId(),
              offer == null ? null : offer.probability(),
              offer == null ? null : offer.expectedValue(),
              offer == null
                  ? null
                  : String.join(AtRiskSchema.REASON_SEPARATOR, offer.explanation())));
    }
  }

  /** A member replayed to the as-of day, waiting for the batch's prediction. */
  private record Replayed(Member member, CustomerState state, double[] features) {}
}
