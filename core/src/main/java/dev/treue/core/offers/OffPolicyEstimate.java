package dev.treue.core.offers;

/**
 * What a new ranking or targeting policy would have earned on logged decisions it did not make:
 * inverse propensity scoring (IPS) and its self-normalised form (SNIPS), from logged
 * (reward, logging propensity, new-policy probability) triples. Each decision is weighted by
 * new / logging probability; SNIPS divides by the sum of weights instead of the count, which trades
 * a little bias for much less variance. The effective sample size says how many decisions the
 * estimate really rests on. Accumulate with {@link #add}, then read; not thread safe.
 */
public final class OffPolicyEstimate {
  private final double maxWeight;
  private long n;
  private double sumW;
  private double sumW2;
  private double sumWr;
  private double sumWr2;
  private double sumR;
  private long clipped;

  /**
   * An empty estimate.
   *
   * @param maxWeight weights above this are clipped (and counted), bounding the variance that a few
   *     rarely logged decisions would otherwise add; {@code Double.POSITIVE_INFINITY} for none
   */
  public OffPolicyEstimate(double maxWeight) {
    if (!(maxWeight > 0)) {
      throw new IllegalArgumentException("max weight must be positive, got " + maxWeight);
    }
    this.maxWeight = maxWeight;
  }

  /**
   * Adds one logged decision.
   *
   * @param reward what the logged decision earned (e.g. 1 for a redemption)
   * @param loggingPropensity the probability the logging policy took that decision, in (0, 1]
   * @param newPolicyProbability the probability the new policy takes the same decision, in [0, 1]
   * @throws IllegalArgumentException for a propensity outside its range
   */
  public void add(double reward, double loggingPropensity, double newPolicyProbability) {
    if (!(loggingPropensity > 0 && loggingPropensity <= 1)) {
      throw new IllegalArgumentException(
          "logging propensity must be in (0, 1], got " + loggingPropensity);
    }
    if (!(newPolicyProbability >= 0 && newPolicyProbability <= 1)) {
      throw new IllegalArgumentException(
          "new policy probability must be in [0, 1], got " + newPolicyProbability);
    }
    double w = newPolicyProbability / loggingPropensity;
    if (w > maxWeight) {
      w = maxWeight;
      clipped++;
    }
    n++;
    sumW += w;
    sumW2 += w * w;
    sumWr += w * reward;
    sumWr2 += (w * reward) * (w * reward);
    sumR += reward;
  }

  /** Logged decisions added. */
  public long count() {
    return n;
  }

  /** Mean reward the logging policy actually earned per decision. */
  public double loggedValue() {
    return n == 0 ? Double.NaN : sumR / n;
  }

  /** IPS: mean of weight x reward over all logged decisions (unbiased without clipping). */
  public double ips() {
    return n == 0 ? Double.NaN : sumWr / n;
  }

  /** Standard error of {@link #ips}. */
  public double ipsStandardError() {
    if (n < 2) {
      return Double.NaN;
    }
    double mean = sumWr / n;
    double variance = (sumWr2 - n * mean * mean) / (n - 1);
    return Math.sqrt(Math.max(0, variance) / n);
  }

  /** SNIPS: weighted mean reward, sum(w r) / sum(w); NaN when the new policy overlaps no decision. */
  public double snips() {
    return sumW == 0 ? Double.NaN : sumWr / sumW;
  }

  /** (sum w)^2 / sum w^2: how many equally weighted decisions the estimate is worth. */
  public double effectiveSampleSize() {
    return sumW2 == 0 ? 0 : sumW * sumW / sumW2;
  }

  /** Decisions whose weight was clipped. */
  public long clipped() {
    return clipped;
  }
}
