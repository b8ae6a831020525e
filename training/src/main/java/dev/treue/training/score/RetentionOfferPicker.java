package dev.treue.training.score;

import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.OfferHistory;
import dev.treue.core.i18n.Language;
import dev.treue.core.offers.Offer;
import dev.treue.core.offers.RankedReward;
import dev.treue.core.offers.RankingInput;
import dev.treue.core.offers.RetentionSignal;
import dev.treue.core.offers.RewardRanker;
import dev.treue.core.offers.RewardRanking;
import dev.treue.core.reason.ReasonWords;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * THE retention offer of a member at risk, for every batch list ({@code score}'s files, {@code
 * materialize}'s rows in Redis): ranks the offers live on the as-of day with the core {@link
 * RewardRanker} as the service would, keeping the best one. Batch scoring reserves nothing: sends so far stand in
 * for the member's grants against the per-member cap, and each offer's whole budget counts as left,
 * because only the issue call ({@code POST .../offers/{id}:issue}) spends it. One picker serves a
 * partition; it takes the state the partition's scorer replayed, so no member is replayed twice.
 */
public final class RetentionOfferPicker {
  private final Language language;
  private final RetentionSettings settings;
  private final int asOfDay;
  private final RewardRanker ranker;
  private final List<Offer> live;
  // Greedy ranking draws nothing; the generator is only there to satisfy the signature.
  private final SplittableRandom unused = new SplittableRandom(0);

  RetentionOfferPicker(RetentionSettings settings, int asOfDay) {
    this(settings, asOfDay, ReasonWords.ENGLISH_EUR);
  }

  /** A picker whose offer explanations are in the language and currency of {@code words}. */
  public RetentionOfferPicker(RetentionSettings settings, int asOfDay, ReasonWords words) {
    this.language = words.language();
    this.settings = settings;
    this.asOfDay = asOfDay;
    this.ranker = new RewardRanker(settings.policy().greedy(), words.currency());
    this.live = settings.catalog().offers().stream().filter(o -> o.validOn(asOfDay)).toList();
  }

  /**
   * The member's best retention offer, or empty below the retention threshold or when no live offer
   * ranks.
   *
   * @param state the member's state at the end of the as-of day
   * @param churn the member's churn probability
   */
  public Optional<RankedReward> pick(CustomerState state, double churn) {
    if (churn < settings.from()) {
      return Optional.empty();
    }
    return best(state, RetentionSignal.churnRisk(churn));
  }

  /**
   * The top of the member's ranking whatever their churn risk, as the service's rewards ranking
   * would give it (greedy, any channel): what a batch trigger firing carries as its {@code
   * best_reward}.
   *
   * @param state the member's state at the end of the as-of day
   * @param standing the member's standing for the retention bonus
   */
  public Optional<RankedReward> best(CustomerState state, RetentionSignal standing) {
    RankingInput in =
        new RankingInput(
            state.customerId(),
            state,
            asOfDay,
            null,
            standing,
            true,
            settings.catalog(),
            live,
            id -> sentSoFar(state, id),
            id -> settings.catalog().find(id).map(Offer::budget).orElse(0.0));
    RewardRanking ranking = ranker.rank(in, settings.scorer(), 1, unused, language);
    return ranking.rewards().stream().findFirst();
  }

  private static int sentSoFar(CustomerState state, String offerId) {
    OfferHistory h = state.offers().get(offerId);
    return h == null ? 0 : h.sent();
  }
}
