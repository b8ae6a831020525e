package dev.treue.core.churn;

import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.LifetimeFeatures;

/**
 * What a scored member is worth as the churn model's lifetime model (BG/NBD and Gamma-Gamma) sees
 * them: the one definition the service's answer, the at-risk rows it and batch loads write, and the
 * batch at-risk files share, so none of them can disagree.
 *
 * <p>The lifetime model extrapolates a purchase process, which starts at the first purchase. A
 * member who never purchased therefore has no P(alive) and no expected purchases: both are null
 * (not 0, which would claim they are certainly gone, although the churn vector holds 0 there so the
 * trees can read it). Their CLV is 0, the value every list books for them until a first purchase,
 * and so is their value at risk.
 *
 * @param clv customer lifetime value over the lifetime model's horizon, discounted; 0 without a purchase
 * @param probabilityAlive BG/NBD P(alive) at the as-of day; null without a purchase
 * @param expectedPurchases90 expected purchase days in the next 90 days; null without a purchase
 * @param valueAtRisk churn probability times CLV ({@link ValueAtRisk})
 */
public record MemberValueFigures(
    double clv, Double probabilityAlive, Double expectedPurchases90, double valueAtRisk) {

  /**
   * The figures of a member scored from {@code features}.
   *
   * @param probability the calibrated churn probability of the vector
   * @param features the full vector in {@link dev.treue.core.feature.ChurnFeatures#SPEC} order with
   *     the lifetime features filled from the model's lifetime model ({@link LifetimeFeatures#fill},
   *     as {@code ChurnScorer.features} does): with them left 0 every figure would be 0
   */
  public static MemberValueFigures of(double probability, double[] features) {
    boolean purchased = LifetimeFeatures.summaryInDays(features).isPresent();
    return new MemberValueFigures(
        features[ChurnFeature.CLV.ordinal()],
        purchased ? features[ChurnFeature.P_ALIVE.ordinal()] : null,
        purchased ? features[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()] : null,
        ValueAtRisk.of(probability, features));
  }
}
