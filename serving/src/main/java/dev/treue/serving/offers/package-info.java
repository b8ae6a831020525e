/**
 * Offers in the service: the tenant's catalogue (a per-instance copy refreshed by the version
 * counter, {@link dev.treue.serving.offers.OfferCatalogCache}), the admin operations that add,
 * change and retire offers ({@link dev.treue.serving.offers.OfferRoutes}), and issuing an offer to a
 * member under eligibility, budget and cap ({@link dev.treue.serving.offers.OfferIssuer},
 * {@link dev.treue.serving.offers.IssueRoutes}).
 */
package dev.treue.serving.offers;
