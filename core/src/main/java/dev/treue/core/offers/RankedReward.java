package dev.treue.core.offers;

import dev.treue.core.reason.Reason;
import java.util.List;

/**
 * One reward in a ranking.
 *
 * @param offer the offer
 * @param position 1-based slot
 * @param probability P(redeem within the validity window), from the response model
 * @param expectedValue the policy's objective for this offer, retention bonus included
 * @param propensity the probability the policy put this offer in this slot, given the slots before
 *     it; logged so later training and off-policy evaluation can correct for how offers were chosen
 * @param explored true when the slot was filled by exploration rather than by expected value
 * @param explanation short reasons a member or marketer understands, best first, in the ranking's
 *     language
 * @param why the same reasons language-neutral ({@link Reason}): what an at-risk row stores, so each
 *     reader gets them in its own language
 */
public record RankedReward(
    Offer offer,
    int position,
    double probability,
    double expectedValue,
    double propensity,
    boolean explored,
    List<String> explanation,
    List<Reason> why) {

  public RankedReward {
    explanation = List.copyOf(explanation);
    why = List.copyOf(why);
  }
}
