package dev.treue.training.generate;

/**
 * The known truth: P(no purchase in (T, T + h]) for one member at the end of day T, given the
 * member's latent parameters and everything observed up to T, but not the hidden alive/dead state
 * nor the future random draws.
 *
 * <p>Two exact parts, both consistent with {@link MemberSimulator} by construction:
 *
 * <ol>
 *   <li><b>P(alive at T)</b> is a two-state hidden Markov filter (alive, dead), {@link AliveFilter},
 *       run by the simulator day by day: the transition alive -> dead at the end of day d has probability
 *       {@code 1 - exp(-mu * m(d))} with the programme's hazard multiplier m; each day's emission is
 *       the likelihood of what was observed: no purchase ({@code exp(-rate)} alive, 1 dead; a purchase
 *       proves alive), app sessions (Poisson(eta) alive vs Poisson(eta * 5%) dead) and email opens
 *       and offer views (open probability p alive vs 5% of p dead). This is the closed-form posterior
 *       over the possible dropout days since the last purchase, computed incrementally as odds.
 *   <li><b>P(no purchase in the window | alive at T)</b> is a day-by-day recursion over a replayed
 *       copy of the programme state: with no purchase, the state evolves deterministically (points
 *       expire on schedule, tiers follow the ageing spend window, offers follow the pre-drawn
 *       schedule), so each day's base purchase rate and hazard multiplier are known. It sums over
 *       the dropout day inside the window; for each, the months' not yet drawn activity factors
 *       G ~ Gamma(k, 1/k) are integrated out exactly: E[exp(-G a)] = (1 + a/k)^-k.
 * </ol>
 *
 * The result is {@code P(dead) + P(alive) * P(no purchase | alive)}. The only approximation: when
 * P(alive) is below 1e-10 the probability is written as 1 (error below 1e-10).
 */
final class ChurnOracle {
  /** Dead-odds above which P(alive) is below 1e-10 and the replay is skipped. */
  private static final double SKIP_ODDS = 1e10;

  private final ProgrammeState replay;
  private final ProgrammeCalendar calendar;

  ChurnOracle(ProgrammeState replay, ProgrammeCalendar calendar) {
    this.replay = replay;
    this.calendar = calendar;
  }

  /**
   * The churn probability at the end of day {@code cutoff}.
   *
   * @param deadOdds P(dead) / P(alive) at the end of the cutoff day, after its observations
   * @param state the member's programme state at the end of the cutoff day
   * @param sim the member's simulator, for its rates
   * @param horizon window length in days
   */
  double churnProbability(
      double deadOdds, ProgrammeState state, int cutoff, MemberSimulator sim, int horizon) {
    if (deadOdds > SKIP_ODDS) {
      return 1;
    }
    replay.copyFrom(state);
    double survive = sim.survival(state.hazardIndex(cutoff));
    // aliveSoFar: P(alive on every window day so far | alive at the cutoff).
    // noPurchase: P(no purchase on those days | alive on them), over the unknown activity factors:
    // the product over finished months times the current month's term.
    double aliveSoFar = 1;
    double finishedMonths = 1;
    double monthRate = 0;
    boolean monthKnown = true; // the cutoff's own month has its factor drawn already
    double noPurchase = 1;
    double churn = 0;
    for (int d = cutoff + 1; d <= cutoff + horizon; d++) {
      // Dropout happens at the end of a day, so day d is lived only if day d-1 was survived.
      churn += aliveSoFar * (1 - survive) * noPurchase;
      aliveSoFar *= survive;
      replay.startOfDay(d, null);
      if (calendar.isMonthStart(d)) {
        finishedMonths *= monthTerm(monthRate, monthKnown, sim);
        monthRate = 0;
        monthKnown = false;
      }
      monthRate += sim.baseRate(replay, d);
      noPurchase = finishedMonths * monthTerm(monthRate, monthKnown, sim);
      survive = sim.survival(replay.hazardIndex(d));
    }
    churn += aliveSoFar * noPurchase;
    return (deadOdds + churn) / (1 + deadOdds);
  }

  private static double monthTerm(double baseRateSum, boolean known, MemberSimulator sim) {
    return known
        ? Math.exp(-sim.activity() * baseRateSum)
        : MemberSimulator.unknownMonthNoPurchase(baseRateSum);
  }
}
