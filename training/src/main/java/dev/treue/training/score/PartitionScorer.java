package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.churn.MemberValueFigures;
import dev.treue.core.churn.WinBack;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.customer.TierLadder;
import dev.treue.core.offers.RankedReward;
import dev.treue.training.replay.MemberReplay;
import dev.treue.training.replay.StreamedHistories;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition of member histories ({@link StreamedHistories#histories}) in one pass: each member is replayed once to the end of the as-of day, their features
 * computed with the model's lifetime model, scored in batches (so the model predicts many rows per
 * call), and, from the retention threshold up, given their retention offer from the same state.
 * Only members active under the model's activity window ({@link MemberStatus}) are scored for churn;
 * lapsed members get their win-back figures ({@link WinBack}), members who never purchased "not
 * activated yet". Members who joined after the as-of day are not listed.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<StreamedHistories.History>, Row> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 2_000;

  private final Broadcast<ChurnScorer> scorer;
  private final Broadcast<RetentionSettings> retention;
  private final int asOfDay;
  private final double reasonsFrom;
  private final int activeDays;
  private final String scoredAt;
  private final LongAccumulator replays;

  /**
   * @param retention the offers model and its settings, or null for no retention offers
   * @param reasonsFrom members below this churn probability get no reasons
   * @param activeDays the model's activity window ({@code active_days} of its bundle)
   * @param scoredAtMillis when the list is scored: every row's {@code scored_at}
   * @param replays counts the members replayed, or null
   */
  PartitionScorer(
      Broadcast<ChurnScorer> scorer,
      Broadcast<RetentionSettings> retention,
      int asOfDay,
      double reasonsFrom,
      int activeDays,
      long scoredAtMillis,
      LongAccumulator replays) {
    this.scorer = scorer;
    this.retention = retention;
    this.asOfDay = asOfDay;
    this.reasonsFrom = reasonsFrom;
    this.activeDays = activeDays;
    this.scoredAt = Instant.ofEpochMilli(scoredAtMillis).toString();
    this.replays = replays;
  }

  @Override
  public Iterator<Row> call(Iterator<StreamedHistories.History> members) {
    ChurnScorer model = scorer.value();
    RetentionOfferPicker picker =
        retention == null
            ? null
            : new RetentionOfferPicker(retention.value(), asOfDay, model.words());
    long endMillis = (asOfDay + 1L) * DAY_MILLIS;
    List<Row> out = new ArrayList<>();
    List<Replayed> batch = new ArrayList<>(BATCH);
    while (members.hasNext()) {
      StreamedHistories.History history = members.next();
      Member member = history.member();
      if (member.signupEpochDay() <= asOfDay) {
        CustomerState state = MemberReplay.stateBefore(member, history.events(), endMillis);
        if (replays != null) {
          replays.add(1);
        }
        batch.add(
            new Replayed(
                member,
                state,
                model.features(state, asOfDay),
                MemberStatus.of(state, asOfDay, activeDays)));
      }
      if (batch.size() == BATCH || !members.hasNext() && !batch.isEmpty()) {
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
      if (r.status == MemberStatus.ACTIVE) {
        vectors.add(r.features);
      }
    }
    List<ChurnScore> scores = vectors.isEmpty() ? List.of() : model.scoreAll(vectors, reasonsFrom);
    int next = 0;
    for (Replayed r : batch) {
      out.add(
          r.status == MemberStatus.ACTIVE ? active(r, scores.get(next++), picker) : inactive(r));
    }
  }

  private Row active(Replayed r, ChurnScore s, RetentionOfferPicker picker) {
    MemberValueFigures value = MemberValueFigures.of(s.probability(), r.features);
    RankedReward offer = picker == null ? null : picker.pick(r.state, s.probability()).orElse(null);
    return RowFactory.create(
        r.member.customerId(),
        s.probability(),
        s.band().wireName(),
        String.join(AtRiskSchema.REASON_SEPARATOR, s.reasons()),
        TierLadder.name(r.state.tierRank()),
        r.member.segment(),
        lastPurchase(r.state),
        value.valueAtRisk(),
        value.clv(),
        value.probabilityAlive(),
        offer == null ? null : offer.offer().offerId(),
        offer == null ? null : offer.probability(),
        offer == null ? null : offer.expectedValue(),
        offer == null ? null : String.join(AtRiskSchema.REASON_SEPARATOR, offer.explanation()),
        r.status.wireName(),
        value.expectedPurchases90(),
        null,
        scoredAt,
        asOf());
  }

  /** A lapsed member's win-back figures, or "not activated yet"; no churn figures, no offer. */
  private Row inactive(Replayed r) {
    MemberValueFigures value = MemberValueFigures.of(0, r.features);
    WinBack winBack =
        r.status == MemberStatus.LAPSED
            ? WinBack.of(r.state, r.features, asOfDay, scorer.value().words())
            : null;
    List<String> reasons =
        winBack == null
            ? List.of(WinBack.notActivated(r.state, asOfDay, scorer.value().words()))
            : winBack.reasons();
    return RowFactory.create(
        r.member.customerId(),
        null,
        null,
        String.join(AtRiskSchema.REASON_SEPARATOR, reasons),
        TierLadder.name(r.state.tierRank()),
        r.member.segment(),
        lastPurchase(r.state),
        winBack == null ? 0.0 : null,
        value.clv(),
        value.probabilityAlive(),
        null,
        null,
        null,
        null,
        r.status.wireName(),
        value.expectedPurchases90(),
        winBack == null ? null : winBack.value(),
        scoredAt,
        asOf());
  }

  private String asOf() {
    return LocalDate.ofEpochDay(asOfDay).toString();
  }

  private static String lastPurchase(CustomerState state) {
    int last = state.lastPurchaseDay();
    return last == CustomerState.NONE ? null : LocalDate.ofEpochDay(last).toString();
  }

  /** A member replayed to the as-of day, waiting for the batch's prediction. */
  private record Replayed(
      Member member, CustomerState state, double[] features, MemberStatus status) {}
}
