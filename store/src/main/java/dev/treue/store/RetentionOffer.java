package dev.treue.store;

import dev.treue.core.offers.RankedReward;
import java.util.List;

/**
 * The retention offer an at-risk row carries: the one batch scoring picks for an active member from
 * the retention threshold up (training's {@code RetentionOfferPicker}: the best live offer under the
 * greedy ranking policy), as the {@code retention_offer_*} columns of the member list give it.
 *
 * @param offerId the offer's id in the catalogue
 * @param probability the offers model's redemption probability
 * @param expectedValue the offer's expected value under the ranking policy
 * @param why the ranking's explanation, possibly empty
 */
public record RetentionOffer(
    String offerId, double probability, double expectedValue, List<String> why) {
  public RetentionOffer {
    if (offerId == null || offerId.isEmpty()) {
      throw new IllegalArgumentException("a retention offer needs an offer id");
    }
    why = List.copyOf(why);
  }

  /** The offer a ranking put first, as the row keeps it. */
  public static RetentionOffer of(RankedReward best) {
    return new RetentionOffer(
        best.offer().offerId(), best.probability(), best.expectedValue(), best.explanation());
  }
}
