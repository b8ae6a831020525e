package dev.treue.training.generate;

import java.util.Arrays;

/**
 * The known truth of an offer: P(the member redeems it within its validity window), computed on
 * its send day from the member's latent traits and what the programme knows, but not the hidden
 * alive/dead state nor any future random draw. It is what an ideal response model would predict,
 * written to {@code offer_truth.csv} so the offer model can be compared with the oracle ranking.
 *
 * <p>The process it follows is {@link MemberSimulator}'s: on each alive day purchases arrive as
 * Poisson(base rate x month activity), and each purchase tries the held offer with the highest
 * redeem probability r, redeeming it with probability r when the points balance covers its points
 * cost. Over a replayed copy of the programme state (offers held and sent on schedule, points
 * expiring, no purchases) the redemptions of this offer are a thinned Poisson process, so
 *
 * <pre>P(redeem) = P(alive at send) x (1 - E[exp(-sum over window days of r x rate(d) x free(d))])</pre>
 *
 * with the dropout day summed over exactly and each month's unknown activity factor integrated out
 * ({@code E[exp(-G a)] = (1 + a/k)^-k}), as in {@link ChurnOracle}. P(alive at send) is the
 * simulator's filter before the send day's observations. Approximations, all small for windows of
 * two to six weeks:
 *
 * <ul>
 *   <li>Competition: {@code free(d)} is the probability that no stronger held offer blocks this one,
 *       each stronger offer held until it expires or is redeemed, its redemption taken as a Poisson
 *       process of its own at the expected purchase rate (independently of its own competitors and
 *       points cost).
 *   <li>The purchase rate uses the offer boost of the offers on schedule, as if none were redeemed
 *       early, and the tier and hazard multiplier of the no-purchase replay.
 *   <li>Points: the offer is redeemable from the day the balance at send plus the expected points of
 *       the expected purchases since covers its points cost (cash-ins ignored).
 * </ul>
 *
 * Not thread safe: one per simulator.
 */
final class OfferTruth {
  private final ProgrammeState replay;
  private final ProgrammeCalendar calendar;
  private final CampaignSchedule offers;
  private final int lastDay;

  /** Expected purchases while held, per competing offer index, for the current computation. */
  private final double[] competitorPurchases;

  OfferTruth(
      ProgrammeState replay, ProgrammeCalendar calendar, CampaignSchedule offers, int lastDay) {
    this.replay = replay;
    this.calendar = calendar;
    this.offers = offers;
    this.lastDay = lastDay;
    this.competitorPurchases = new double[offers.size()];
  }

  /**
   * P(redeem within the validity window) of offer {@code o}, sent on {@code day}.
   *
   * @param state the member's programme state after the send day's scheduled part
   * @param aliveProbability P(alive on the send day) before its observations
   * @param pointsPerPurchase expected points a purchase earns
   * @param sim the member's simulator, for its rates
   */
  double redeemProbability(
      int o,
      int day,
      ProgrammeState state,
      double aliveProbability,
      double pointsPerPurchase,
      MemberSimulator sim) {
    Campaign offer = offers.get(o);
    double r = state.redeemProbability[o];
    if (aliveProbability <= 0 || r <= 0) {
      return 0;
    }
    replay.copyFrom(state);
    Arrays.fill(competitorPurchases, 0);
    int end = Math.min(offer.validTo(), lastDay);
    double aliveSoFar = 1;
    double finishedMonths = 1;
    double monthHazard = 0;
    boolean monthKnown = true;
    double noRedeem = 1;
    double notRedeemedIfDead = 0;
    double expectedPurchases = 0;
    for (int d = day; d <= end; d++) {
      if (d > day) {
        replay.startOfDay(d, null);
        if (calendar.isMonthStart(d)) {
          finishedMonths *= term(monthHazard, monthKnown, sim);
          monthHazard = 0;
          monthKnown = false;
        }
      }
      double rate = sim.baseRate(replay, d);
      double free = 1;
      for (int i = 0; i < replay.activeCount; i++) {
        int c = replay.active[i];
        double rc = replay.redeemProbability[c];
        if (c != o && rc > r) {
          free *= 1 - Math.exp(-rc * competitorPurchases[c]);
        }
        competitorPurchases[c] += rate;
      }
      boolean pointsCovered =
          replay.balance + expectedPurchases * pointsPerPurchase >= offer.pointsCost();
      if (pointsCovered) {
        monthHazard += r * rate * free;
      }
      expectedPurchases += rate;
      noRedeem = finishedMonths * term(monthHazard, monthKnown, sim);
      // Dropout at the end of day d: the member lived day d and redeemed nothing more after it.
      double survive = sim.survival(replay.hazardIndex(d));
      notRedeemedIfDead += aliveSoFar * (1 - survive) * noRedeem;
      aliveSoFar *= survive;
    }
    double notRedeemed = notRedeemedIfDead + aliveSoFar * noRedeem;
    // Rounding can leave 1 - notRedeemed a hair below zero.
    return Math.max(0, aliveProbability * (1 - notRedeemed));
  }

  private static double term(double hazardSum, boolean known, MemberSimulator sim) {
    return known
        ? Math.exp(-sim.activity() * hazardSum)
        : MemberSimulator.unknownMonthNoPurchase(hazardSum);
  }
}
