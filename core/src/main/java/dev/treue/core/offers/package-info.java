/**
 * Offers, and the rewards ranked from them (every module names this domain {@code offers}; a
 * member's ranked offers are called rewards where the API answers them): the catalogue ({@link dev.treue.core.offers.Offer}, {@link dev.treue.core.offers.OfferCatalog}) as
 * the {@code offers} table describes it; the one definition of the offer features
 * ({@link dev.treue.core.offers.OfferFeatures}) that training and ranking share; the eligibility rules; and the
 * ranking itself ({@link dev.treue.core.offers.RewardRanker}: expected value under a
 * {@link dev.treue.core.offers.RankingPolicy}, churn-aware, with logged exploration) and the off-policy
 * estimate that judges a new policy on decisions an old one logged.
 */
package dev.treue.core.offers;
