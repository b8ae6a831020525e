package dev.treue.training.score;

import static dev.treue.core.time.Days.DAY_MILLIS;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.customer.OfferHistory;
import dev.treue.core.offer.Offer;
import dev.treue.core.offer.RankedReward;
import dev.treue.core.offer.RankingInput;
import dev.treue.core.offer.RewardRanker;
import dev.treue.core.offer.RewardRanking;
import dev.treue.training.snapshot.MemberReplay;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Replays each at-risk member to the as-of day and ranks the offers live that day with the core
 * {@link RewardRanker}, as the service would, keeping the best one. Batch scoring reserves nothing:
 * sends so far stand in for the member's grants against the per-member cap, and each offer's whole
 * budget counts as left, because only the issue call ({@code POST .../offers/{id}:issue}) spends it.
 */
final class RetentionOfferPicker implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<RetentionSettings> settings;
  private final int asOfDay;
  private final int churnColumn;

  /**
   * @param churnColumn position of the churn probability, appended after the history columns
   */
  RetentionOfferPicker(Broadcast<RetentionSettings> settings, int asOfDay, int churnColumn) {
    this.settings = settings;
    this.asOfDay = asOfDay;
    this.churnColumn = churnColumn;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    RetentionSettings s = settings.value();
    RewardRanker ranker = new RewardRanker(s.policy().greedy());
    List<Offer> live = s.catalog().offers().stream().filter(o -> o.validOn(asOfDay)).toList();
    long endMillis = (asOfDay + 1L) * DAY_MILLIS;
    // Greedy ranking draws nothing; the generator is only there to satisfy the signature.
    SplittableRandom unused = new SplittableRandom(0);
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      Member member = MemberReplay.member(row);
      CustomerState state = MemberReplay.stateBefore(member, MemberReplay.sortedEvents(row), endMillis);
      RankingInput in = new RankingInput(member.customerId(), state, asOfDay, null, row.getDouble(churnColumn), true,
          s.catalog(), live, id -> sentSoFar(state, id), id -> s.catalog().find(id).map(Offer::budget).orElse(0.0));
      RewardRanking ranking = ranker.rank(in, s.scorer(), 1, unused);
      if (ranking.rewards().isEmpty()) {
        continue;
      }
      RankedReward best = ranking.rewards().get(0);
      out.add(RowFactory.create(member.customerId(), best.offer().offerId(), best.probability(), best.expectedValue(),
          String.join(AtRiskSchema.REASON_SEPARATOR, best.explanation())));
    }
    return out.iterator();
  }

  private static int sentSoFar(CustomerState state, String offerId) {
    OfferHistory h = state.offerHistory().get(offerId);
    return h == null ? 0 : h.sent();
  }
}
