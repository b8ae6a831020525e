/**
 * Rewards: the catalogue ({@link dev.treue.core.offer.Offer}, {@link dev.treue.core.offer.OfferCatalog}) as
 * the {@code offers} table describes it; the one definition of the offer features
 * ({@link dev.treue.core.offer.OfferFeatures}) that training and ranking share; the eligibility rules; and the
 * ranking itself ({@link dev.treue.core.offer.RewardRanker}: expected value under a
 * {@link dev.treue.core.offer.RankingPolicy}, churn-aware, with logged exploration) and the off-policy
 * estimate that judges a new policy on decisions an old one logged.
 */
package dev.treue.core.offer;
