package dev.treue.training.generate;

import java.util.SplittableRandom;

/**
 * One member's profile (public) and hidden behaviour parameters (the "latent truth"). Drawn from the
 * member's own random stream, so a member is the same whatever else is generated.
 *
 * <p>Heterogeneity follows the BG/NBD family: a Gamma-distributed purchase rate with strong spread,
 * a Gamma-distributed dropout hazard, plus engagement and preferences that drive the event mix.
 */
final class LatentTraits {
  static final String[] SEGMENTS = {"value", "regular", "premium", "student"};
  private static final double[] SEGMENT_SHARE = {0.30, 0.42, 0.13, 0.15};

  /** Mean purchase rate per day by segment: one purchase every 24 to 38 days. */
  private static final double[] SEGMENT_RATE = {1 / 34.0, 1 / 30.0, 1 / 24.0, 1 / 38.0};

  /** Median basket value by segment, currency units. */
  private static final double[] SEGMENT_BASKET = {22, 35, 80, 18};

  /** Dropout hazard multiplier by segment: premium members are more loyal, students less. */
  private static final double[] SEGMENT_HAZARD = {1.1, 1.0, 0.7, 1.4};

  static final String[] CHANNELS = {"store", "web", "app"};

  /** Mean app sessions per alive day by acquisition channel. */
  private static final double[] CHANNEL_ENGAGEMENT = {0.005, 0.012, 0.03};

  /** Purchase rate shape: below 1.5 gives the long tail of occasional shoppers. */
  static final double RATE_SHAPE = 1.5;

  /** Mean dropout hazard per day: a mean lifetime of about 1.5 years. */
  static final double MEAN_HAZARD = 1 / 1300.0;

  static final double HAZARD_SHAPE = 2.0;

  int signupDay;
  int birthDay;
  boolean birthKnown;
  int segment;
  int channel;
  boolean consent;

  /** Purchases per alive day before seasonality and offers. */
  double lambda;

  /** Dropout hazard per day before programme multipliers. */
  double mu;

  /** App sessions per alive day. */
  double eta;

  /** Probability an alive member opens an email or views an offer. */
  double openProbability;

  /** How much offer value (generosity) matters, in [0, 1]. */
  double valueSensitivity;

  /** Probability of cashing in points at a purchase once the balance allows. */
  double redeemPropensity;

  double basketLogMedian;
  double basketSigma;
  double[] categoryShare;
  double[] categoryCumulative;
  double[] kindShare;

  /** Draws a member; {@code signup} is drawn by the caller so the population mix is controlled. */
  static LatentTraits draw(SplittableRandom r, int signupDay, int endDay) {
    LatentTraits t = new LatentTraits();
    t.signupDay = signupDay;
    t.segment = Draws.pick(r, Draws.cumulative(SEGMENT_SHARE));
    double[] channelShare =
        t.segment == 3 ? new double[] {0.25, 0.20, 0.55} : new double[] {0.47, 0.22, 0.31};
    t.channel = Draws.pick(r, Draws.cumulative(channelShare));
    int age = t.segment == 3 ? 18 + r.nextInt(9) : 18 + (int) (62 * Draws.beta(r, 2, 2.5));
    t.birthDay = endDay - age * 365 - r.nextInt(365);
    t.birthKnown = r.nextDouble() >= 0.12;
    t.consent = r.nextDouble() >= 0.03;

    t.lambda = Draws.gammaMean(r, RATE_SHAPE, SEGMENT_RATE[t.segment]);
    t.mu = Draws.gammaMean(r, HAZARD_SHAPE, MEAN_HAZARD * SEGMENT_HAZARD[t.segment]);
    t.eta = Draws.gammaMean(r, 0.9, CHANNEL_ENGAGEMENT[t.channel]);
    t.openProbability = Draws.beta(r, 1.5, 3.5);
    t.valueSensitivity = Draws.beta(r, 2, 2);
    t.redeemPropensity = Draws.beta(r, 2, 2);
    t.basketLogMedian = Math.log(SEGMENT_BASKET[t.segment]) + 0.35 * r.nextGaussian();
    t.basketSigma = 0.45 + 0.2 * r.nextDouble();
    double[] alpha = new double[Categories.COUNT];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = 3 * Categories.SHARE[i];
    }
    t.categoryShare = Draws.dirichlet(r, alpha);
    t.categoryCumulative = Draws.cumulative(t.categoryShare);
    t.kindShare = Draws.dirichlet(r, new double[] {1, 1, 1, 1, 1});
    return t;
  }

  /**
   * How much the member likes an offer: about 1 on average, higher for a preferred kind and
   * category and, for value-sensitive members, for generous offers.
   */
  double affinity(Campaign o) {
    double a = kindShare[o.kind().ordinal()] * 5;
    if (o.category() >= 0) {
      a *= Math.sqrt(categoryShare[o.category()] * Categories.COUNT);
    }
    a *= 0.4 + 1.2 * valueSensitivity * o.generosity();
    return Math.min(a, 3);
  }
}
