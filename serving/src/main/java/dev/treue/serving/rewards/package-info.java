/**
 * Personalised rewards: the offer response model from the registry
 * ({@link dev.treue.serving.rewards.OfferModelLoader}, kind {@code offers}, swapped like the churn
 * model), the ranking of a member's eligible rewards with core's
 * {@link dev.treue.core.offers.RewardRanker} ({@link dev.treue.serving.rewards.RewardsService}), and
 * the log of every ranking served, with the propensity of each shown offer
 * ({@link dev.treue.store.RankingLog}).
 */
package dev.treue.serving.rewards;
