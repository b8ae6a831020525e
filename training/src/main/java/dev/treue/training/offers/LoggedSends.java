package dev.treue.training.offers;

import dev.treue.training.report.OffPolicyResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation window's logged sends (those an impression gave a logging propensity) with the
 * score every ranking gave them: the model's ({@link #MODEL}) and each baseline's. This is what
 * estimating another targeting policy off-policy needs, e.g. the model's targeting with part of
 * each campaign left to random exploration, or another ranking's targeting ({@link #estimate}).
 *
 * @param offerIds the offer (campaign) of each send
 * @param propensities the logging policy's probability of each send, in (0, 1]
 * @param redeemed whether the send was redeemed
 * @param scores each ranking's score of every send (higher = more likely redeemed), in report order
 */
public record LoggedSends(
    String[] offerIds, double[] propensities, boolean[] redeemed, Map<String, double[]> scores) {
  /** The name of the model's scores. */
  public static final String MODEL = "model";

  /** Keeps the rankings' order; every ranking scores every send. */
  public LoggedSends {
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    for (Map.Entry<String, double[]> s : scores.entrySet()) {
      if (s.getValue().length != offerIds.length) {
        throw new IllegalArgumentException(
            s.getKey() + " scores " + s.getValue().length + " sends, not " + offerIds.length);
      }
    }
  }

  /** The sends of {@code eval} with a logging propensity, with each ranking's scores over {@code eval}. */
  static LoggedSends of(Exposures eval, Map<String, double[]> scoresOfEval) {
    Exposures logged = eval.where(i -> !Double.isNaN(eval.propensities()[i]));
    Map<String, double[]> scores = new LinkedHashMap<>();
    scoresOfEval.forEach(
        (name, all) -> {
          double[] s = new double[logged.size()];
          for (int i = 0, k = 0; i < all.length; i++) {
            if (!Double.isNaN(eval.propensities()[i])) {
              s[k++] = all[i];
            }
          }
          scores.put(name, s);
        });
    return new LoggedSends(logged.offerIds(), logged.propensities(), logged.redeemed(), scores);
  }

  /** Logged sends. */
  public int size() {
    return offerIds.length;
  }

  /**
   * The probability with which a targeting policy would have made each logged send: each campaign
   * to the same share of its eligible members as logged, a share {@code exploration} of it at
   * random (as the logging policy did) and the rest to the ranking's highest scores.
   *
   * @param ranking a key of {@link #scores}
   * @param exploration share of each campaign's sends left to random, in [0, 1]
   */
  public double[] targeting(String ranking, double exploration) {
    return OffPolicyTargeting.probabilities(this, scoresOf(ranking), exploration);
  }

  /**
   * The off-policy estimate of {@link #targeting}'s redemptions per send, beside the logged rate.
   *
   * @param ranking a key of {@link #scores}
   * @param exploration share of each campaign's sends left to random, in [0, 1]
   */
  public OffPolicyResult estimate(String ranking, double exploration) {
    return OffPolicyTargeting.estimate(this, scoresOf(ranking), exploration, ranking);
  }

  private double[] scoresOf(String ranking) {
    double[] s = scores.get(ranking);
    if (s == null) {
      throw new IllegalArgumentException(
          "no ranking " + ranking + "; the rankings are " + scores.keySet());
    }
    return s;
  }
}
