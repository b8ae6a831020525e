package dev.treue.serving.triggers;

import dev.treue.core.customer.CustomerState;
import dev.treue.serving.models.ServingModel;
import dev.treue.serving.rewards.OfferModel;
import dev.treue.serving.rewards.RewardsService;
import dev.treue.store.FiringPayload;
import dev.treue.store.RedisKeys;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A firing's {@code best_reward}: the top of the rewards ranking the service would give the member
 * now ({@link RewardsService#best}, the code of {@code GET /v1/customers/{id}/rewards}, without
 * exploration and without logging an impression), as store {@link FiringPayload#bestReward}. Asked
 * only when something fires.
 */
@FunctionalInterface
public interface BestReward {
  /** No ranking: every payload's {@code best_reward} is null. */
  BestReward NONE = (keys, state, churnModel) -> null;

  /**
   * @param state the member's state the firing is about
   * @param churnModel the served churn model, or null
   * @return the payload's {@code best_reward}, or null when no offer is eligible (or no offer or
   *     churn model is loaded, when the rewards endpoint answers 503)
   */
  Map<String, Object> of(RedisKeys keys, CustomerState state, ServingModel churnModel);

  /** The ranking of {@code rewards} with the offer model served at the time. */
  static BestReward ranking(RewardsService rewards, Supplier<OfferModel> offerModel) {
    return (keys, state, churnModel) -> {
      OfferModel offers = offerModel.get();
      if (offers == null || churnModel == null) {
        return null;
      }
      return FiringPayload.bestReward(rewards.best(keys, state, offers, churnModel));
    };
  }
}
