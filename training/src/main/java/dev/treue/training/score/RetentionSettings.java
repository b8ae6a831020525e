package dev.treue.training.score;

import dev.treue.core.offers.OfferCatalog;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.core.offers.RankingPolicy;
import java.io.Serializable;

/**
 * What batch scoring needs to recommend a retention offer: the response model, the catalogue, the
 * ranking policy (applied greedily, without exploration) and the churn probability from which a
 * member gets one.
 *
 * @param scorer the offers model
 * @param catalog every offer, retired ones included (they explain past responses)
 * @param policy the ranking policy; its retention threshold is {@code from}
 * @param from members at or above this churn probability get a retention offer
 * @param modelVersion the offers model version, for the summary
 */
public record RetentionSettings(
    OfferResponseScorer scorer,
    OfferCatalog catalog,
    RankingPolicy policy,
    double from,
    String modelVersion)
    implements Serializable {}
