/**
 * {@code ./treue train offers}: the offer response model. Past offer exposures (every
 * {@code offer_sent}, with the member's state just before it, replayed as churn snapshots are)
 * labelled by a redemption within the offer's validity window and weighted by the logging policy's
 * inverse propensity; candidates chosen out of time, evaluated on the last days' exposures beside
 * the popular, last-kind, random and oracle rankings, estimated off-policy, and published to the
 * model registry as kind {@code offers}.
 */
package dev.treue.training.offers;
