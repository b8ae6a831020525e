package dev.treue.training.generate;

/**
 * The oracle's belief whether the current member is still alive: the two-state hidden Markov filter
 * (alive, dead) that {@link ChurnOracle} and {@link OfferTruth} start from. It sees what the data
 * shows (purchases, app sessions, email opens and offer views) and the member's traits, never the
 * hidden {@link Dropout} itself.
 *
 * <p>The belief is kept as odds P(dead) / P(alive). The transition alive -> dead at the end of a
 * day has probability {@code 1 - exp(-mu * m(d))}; each day's observations multiply the odds by
 * their likelihood ratio P(seen | dead) / P(seen | alive): no purchase 1 / {@code exp(-rate)}, app
 * sessions Poisson(eta * 5%) / Poisson(eta), an open or view 5% of p / p, a miss
 * (1 - 5% of p) / (1 - p). A purchase, or joining, proves the member alive. One per simulator; the
 * order of the calls below is the order of the day and must not change (floating point).
 */
final class AliveFilter {
  /** Odds above this are capped, far beyond {@link ChurnOracle}'s "certainly dead". */
  private static final double MAX_ODDS = 1e250;

  private double appLikelihoodDead;
  private double noOpenRatio;
  private double deadOdds;
  private double surviveYesterday;
  private double likelihoodRatio;

  /** Starts a member's belief: alive on the first simulated day. */
  void start(LatentTraits t) {
    appLikelihoodDead = Math.exp(t.eta * (1 - MemberSimulator.DEAD_ENGAGEMENT));
    noOpenRatio =
        (1 - MemberSimulator.DEAD_ENGAGEMENT * t.openProbability) / (1 - t.openProbability);
    deadOdds = 0;
    surviveYesterday = 1;
  }

  /** The prior of "dead today": yesterday's posterior moved through yesterday's end-of-day dropout. */
  void startDay() {
    deadOdds = (deadOdds + 1 - surviveYesterday) / surviveYesterday;
    likelihoodRatio = 1;
  }

  /** P(alive) now: before today's observations after {@link #startDay}, after them after {@link #endDay}. */
  double aliveProbability() {
    return 1 / (1 + deadOdds);
  }

  /** P(dead) / P(alive) now. */
  double deadOdds() {
    return deadOdds;
  }

  /** Today's number of app sessions: Poisson(eta * 5%) against Poisson(eta). */
  void observeAppSessions(int sessions) {
    for (int i = 0; i < sessions; i++) {
      likelihoodRatio *= MemberSimulator.DEAD_ENGAGEMENT;
    }
    likelihoodRatio *= appLikelihoodDead;
  }

  /** One email that was or was not opened (a newsletter, or a sent offer viewed or not). */
  void observeOpen(boolean opened) {
    likelihoodRatio *= opened ? MemberSimulator.DEAD_ENGAGEMENT : noOpenRatio;
  }

  /**
   * The day's posterior.
   *
   * @param provenAlive the member bought something today, or joined
   * @param noPurchaseIfAlive P(no purchase today | alive)
   */
  void endDay(boolean provenAlive, double noPurchaseIfAlive) {
    deadOdds = provenAlive ? 0 : Math.min(deadOdds * likelihoodRatio / noPurchaseIfAlive, MAX_ODDS);
  }

  /** The end-of-day dropout the next day's prior moves through: P(survive the end of today | alive). */
  void dropoutAtEndOfDay(double survive) {
    surviveYesterday = survive;
  }
}
