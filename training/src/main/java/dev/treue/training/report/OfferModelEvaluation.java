package dev.treue.training.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An offer model beside its baselines on the same out-of-time evaluation exposures, with the
 * off-policy estimate of its targeting.
 *
 * @param model the calibrated model's metrics
 * @param uncalibratedLogLoss log loss of the model's raw probabilities; null when not finite
 * @param redemptionRate redemption rate of the evaluation exposures
 * @param baselines each baseline's metrics, in display order
 * @param offPolicy the off-policy estimate, or why there is none
 */
public record OfferModelEvaluation(
    OfferMetrics model,
    Double uncalibratedLogLoss,
    double redemptionRate,
    Map<String, OfferMetrics> baselines,
    OffPolicyResult offPolicy) {
  /** The name of the baseline that ranks by the generator's true P(redeem), when the data has it. */
  public static final String ORACLE = "oracle";

  /** Requires the model and the off-policy result; keeps the baselines' order. */
  public OfferModelEvaluation {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(offPolicy, "offPolicy");
    baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
  }

  /** The model's nDCG@3 as a share of the oracle's, when there is an oracle with a positive one. */
  public OptionalDouble ndcgVsOracle() {
    OfferMetrics oracle = baselines.get(ORACLE);
    if (oracle == null) {
      return OptionalDouble.empty();
    }
    Double o = oracle.ranking().ndcgAt3();
    Double m = model.ranking().ndcgAt3();
    return o != null && m != null && o > 0 ? OptionalDouble.of(m / o) : OptionalDouble.empty();
  }
}
