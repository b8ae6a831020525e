package dev.treue.core.churn;

import dev.treue.core.feature.ChurnFeature;

/**
 * What a member's churn would cost: the churn probability times their customer lifetime value (the
 * {@link ChurnFeature#CLV} feature: BG/NBD purchases times Gamma-Gamma spend over the CLV horizon,
 * discounted; never below zero). Batch lists and the service order members by it, so both use this
 * one formula.
 */
public final class ValueAtRisk {
  private ValueAtRisk() {}

  /**
   * @param probability calibrated churn probability
   * @param features the member's vector in {@link dev.treue.core.feature.ChurnFeatures#SPEC} order
   */
  public static double of(double probability, double[] features) {
    return probability * Math.max(0, features[ChurnFeature.CLV.ordinal()]);
  }
}
