package dev.treue.store;

import dev.treue.core.offers.RankedReward;
import dev.treue.core.reason.Reason;
import dev.treue.core.reason.ReasonWords;
import java.util.ArrayList;
import java.util.List;

/**
 * The retention offer an at-risk row carries: the one batch scoring picks for an active member from
 * the retention threshold up (training's {@code RetentionOfferPicker}: the best live offer under the
 * greedy ranking policy), as the {@code retention_offer_*} columns of the member list give it.
 *
 * @param offerId the offer's id in the catalogue
 * @param probability the offers model's redemption probability
 * @param expectedValue the offer's expected value under the ranking policy
 * @param why the ranking's explanation in its stored form, possibly empty: each line a
 *     language-neutral {@link Reason#encode stored reason}, phrased when read ({@link
 *     #why(ReasonWords)}) in the reader's language; rows written before hold words, shown as they
 *     are
 */
public record RetentionOffer(
    String offerId, double probability, double expectedValue, List<String> why) {
  public RetentionOffer {
    if (offerId == null || offerId.isEmpty()) {
      throw new IllegalArgumentException("a retention offer needs an offer id");
    }
    why = List.copyOf(why);
  }

  /** The offer a ranking put first, as the row keeps it: its explanation language-neutral. */
  public static RetentionOffer of(RankedReward best) {
    List<String> why = new ArrayList<>(best.why().size());
    for (Reason r : best.why()) {
      why.add(r.encode());
    }
    return new RetentionOffer(
        best.offer().offerId(), best.probability(), best.expectedValue(), why);
  }

  /** The explanation in {@code words}' language; words stored by older rows as they are. */
  public List<String> why(ReasonWords words) {
    List<String> out = new ArrayList<>(why.size());
    for (String stored : why) {
      out.add(words.render(Reason.decode(stored)));
    }
    return out;
  }
}
