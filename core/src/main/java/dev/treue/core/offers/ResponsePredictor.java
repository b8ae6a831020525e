package dev.treue.core.offers;

import java.util.List;

/**
 * A response-propensity model: P(redeem within the validity window) for a batch of offer feature
 * vectors ({@link OfferFeatures}). Batched because one ranking scores every candidate offer at once.
 */
@FunctionalInterface
public interface ResponsePredictor {

  /** One probability per vector, in order. */
  double[] predict(List<double[]> vectors);

  /** The redemption rates by kind and category the model was trained with; they enter its features. */
  default OfferPriors priors() {
    return OfferPriors.NONE;
  }
}
