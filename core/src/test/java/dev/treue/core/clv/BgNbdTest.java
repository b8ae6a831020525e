package dev.treue.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD formulas against the values Fader, Hardie and Lee (2005) publish for CDNOW at their
 * fitted parameters, numerical stability for heavy buyers, and a fit that recovers the parameters
 * of data simulated from the model.
 */
class BgNbdTest {
  private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

  @Test
  void reproducesThePublishedExpectations() {
    assertEquals(1.226, CDNOW.expectedPurchases(new PurchaseSummary(2, 30.43, 38.86), 39), 0.001);
    double[] t = {1, 3, 32, 78};
    double[] published = {0.0532, 0.1506, 1.0437, 1.8576};
    for (int i = 0; i < t.length; i++) {
      // The published parameters are rounded to three decimals, which moves E[X(t)] by up to 0.2%.
      assertEquals(
          published[i], CDNOW.expectedPurchases(t[i]), 0.002 * published[i], "E[X(" + t[i] + ")]");
    }
  }

  @Test
  void theConditionalExpectationEqualsThePapersFormAndStaysFiniteForHeavyBuyers() {
    double[] t = {1, 4.3, 13, 26, 39, 52, 78, 520};
    for (PurchaseSummary s :
        List.of(
            new PurchaseSummary(0, 0, 30),
            new PurchaseSummary(2, 30.43, 38.86),
            new PurchaseSummary(20, 70, 78))) {
      double[] together = CDNOW.expectedPurchases(s, t);
      for (int k = 0; k < t.length; k++) {
        int x = s.frequency();
        double z = t[k] / (CDNOW.alpha() + s.age() + t[k]);
        double paper =
            (CDNOW.a() + CDNOW.b() + x - 1)
                / (CDNOW.a() - 1)
                * (1
                    - Math.pow(
                            (CDNOW.alpha() + s.age()) / (CDNOW.alpha() + s.age() + t[k]),
                            CDNOW.r() + x)
                        * SpecialFunctions.hyp2f1(
                            CDNOW.r() + x, CDNOW.b() + x, CDNOW.a() + CDNOW.b() + x - 1, z))
                * CDNOW.probabilityAlive(s);
        assertEquals(paper, together[k], 1e-9 * Math.max(1, paper), s + " over " + t[k]);
        assertEquals(
            together[k],
            CDNOW.expectedPurchases(s, t[k]),
            1e-15 * Math.max(1, paper),
            "one at a time");
      }
    }
    // 600 purchases in 78 weeks, the last just now: about 7.7 a week for ten more years, discounted
    // by dropout.
    double tenYears = CDNOW.expectedPurchases(new PurchaseSummary(600, 77.9, 78), 520);
    assertTrue(
        Double.isFinite(tenYears) && tenYears > 100, "heavy buyer over ten years: " + tenYears);
  }

  @Test
  void specialFunctionsAreAccurate() {
    assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-14);
    assertEquals(Math.log(362_880), SpecialFunctions.logGamma(10), 1e-12);
    assertEquals(Math.log(Math.sqrt(Math.PI) / 2), SpecialFunctions.logGamma(1.5), 1e-14);
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    assertEquals(-Math.log(1 - 0.9) / 0.9, SpecialFunctions.hyp2f1(1, 1, 2, 0.9), 1e-12);
  }

  @Test
  void heavyBuyersStayFiniteAndProbabilitiesStayInRange() {
    PurchaseSummary heavy = new PurchaseSummary(600, 77.9, 78);
    assertTrue(Double.isFinite(CDNOW.logLikelihood(heavy)));
    double alive = CDNOW.probabilityAlive(heavy);
    assertTrue(alive > 0.99 && alive <= 1, "just bought: " + alive);
    double gone = CDNOW.probabilityAlive(new PurchaseSummary(600, 1, 78));
    assertTrue(gone >= 0 && gone < 1e-6, "600 purchases, then silence for 77 weeks: " + gone);
    assertEquals(1, CDNOW.probabilityAlive(new PurchaseSummary(0, 0, 30)));
    assertThrows(IllegalArgumentException.class, () -> new PurchaseSummary(1, 40, 30));
  }

  @Test
  void probabilitiesOfPurchaseCountsAddUpAndMatchTheExpectation() {
    for (double t : new double[] {1, 39, 78}) {
      double total = 0;
      double mean = 0;
      for (int n = 0; n <= 400; n++) {
        double p = CDNOW.probabilityOfPurchases(n, t);
        assertTrue(p >= 0 && p <= 1, "P(X(" + t + ") = " + n + ") = " + p);
        total += p;
        mean += n * p;
      }
      assertEquals(1, total, 1e-9, "probabilities over n at t=" + t);
      assertEquals(CDNOW.expectedPurchases(t), mean, 1e-6, "their mean is E[X(" + t + ")]");
    }
    // A brand-new member's conditional silence is the unconditional P(X(t) = 0).
    assertEquals(
        CDNOW.probabilityOfPurchases(0, 39),
        CDNOW.probabilityNoPurchase(new PurchaseSummary(0, 0, 0), 39),
        1e-12);
  }

  @Test
  void probabilitiesOfPurchaseCountsMatchSimulatedMembers() {
    BgNbd truth = new BgNbd(0.6, 5.0, 0.9, 3.0);
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 40_000;
    int[] counts = new int[4];
    for (int i = 0; i < n; i++) {
      int x = simulate(truth, 39, rnd).frequency();
      if (x < counts.length) {
        counts[x]++;
      }
    }
    for (int x = 0; x < counts.length; x++) {
      assertEquals(
          truth.probabilityOfPurchases(x, 39),
          counts[x] / (double) n,
          0.01,
          "P(X(39) = " + x + ")");
    }
  }

  @Test
  void silenceGetsLikelierWithTimeAndWithAnOldLastPurchase() {
    PurchaseSummary recent = new PurchaseSummary(3, 36, 38);
    PurchaseSummary lapsed = new PurchaseSummary(3, 6, 38);
    assertEquals(1, CDNOW.probabilityNoPurchase(recent, 0), 1e-12);
    assertTrue(CDNOW.probabilityNoPurchase(recent, 10) > CDNOW.probabilityNoPurchase(recent, 30));
    assertTrue(CDNOW.probabilityNoPurchase(lapsed, 30) > CDNOW.probabilityNoPurchase(recent, 30));
    // Never below the chance that the member has already gone.
    assertTrue(
        CDNOW.probabilityNoPurchase(lapsed, 1_000) >= 1 - CDNOW.probabilityAlive(lapsed) - 1e-12);
  }

  @Test
  void groupedLikelihoodEqualsTheSumOverMembers() {
    SplittableRandom rnd = new SplittableRandom(3);
    List<PurchaseSummary> members = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      // Whole weeks, so many members share a summary and the table groups them.
      members.add(simulateWhole(CDNOW, 20 + rnd.nextInt(20), rnd));
    }
    double sum = 0;
    for (PurchaseSummary s : members) {
      sum += CDNOW.logLikelihood(s);
    }
    SummaryTable table = SummaryTable.of(members);
    assertTrue(table.rows() < members.size() / 5, table.rows() + " distinct rows");
    assertEquals(50_000, table.members());
    assertEquals(sum, table.logLikelihood(CDNOW), 1e-9 * Math.abs(sum));
  }

  @Test
  void standardErrorsCoverTheTruthOnALargeSimulation() {
    BgNbd truth = new BgNbd(0.6, 5.0, 0.9, 3.0);
    SplittableRandom rnd = new SplittableRandom(7);
    List<PurchaseSummary> members = new ArrayList<>();
    // More distinct summaries than the fit races its starts on, so the thinned path runs too.
    for (int i = 0; i < 100_000; i++) {
      members.add(simulate(truth, 26 + 13 * rnd.nextDouble(), rnd));
    }
    BgNbdFit fit = BgNbdFit.fit(members);
    assertTrue(fit.converged());
    assertTrue(fit.hasStandardErrors());
    assertEquals(100_000, fit.members());
    double[] se = fit.standardErrors();
    double[] estimate = {fit.model().r(), fit.model().alpha(), fit.model().a(), fit.model().b()};
    double[] real = {truth.r(), truth.alpha(), truth.a(), truth.b()};
    String[] names = {"r", "alpha", "a", "b"};
    for (int i = 0; i < 4; i++) {
      assertTrue(se[i] > 0 && se[i] < 0.5 * estimate[i], names[i] + " se " + se[i]);
      assertEquals(real[i], estimate[i], 4 * se[i], names[i] + " within 4 standard errors");
    }
  }

  @Test
  void theFitRecoversSimulatedParameters() {
    BgNbd truth = new BgNbd(0.6, 5.0, 0.9, 3.0);
    SplittableRandom rnd = new SplittableRandom(5);
    List<PurchaseSummary> members = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) {
      members.add(simulate(truth, 26 + 13 * rnd.nextDouble(), rnd));
    }
    BgNbdFit fit = BgNbdFit.fit(members);
    assertTrue(fit.converged(), "converged in " + fit.iterations());
    double atTruth = 0;
    for (PurchaseSummary s : members) {
      atTruth += truth.logLikelihood(s);
    }
    assertTrue(fit.logLikelihood() >= atTruth, "the optimum is at least as likely as the truth");
    BgNbd m = fit.model();
    assertEquals(truth.r(), m.r(), 0.15 * truth.r(), "r " + m);
    assertEquals(truth.alpha(), m.alpha(), 0.2 * truth.alpha(), "alpha " + m);
    assertEquals(truth.a(), m.a(), 0.35 * truth.a(), "a " + m);
    assertEquals(truth.b(), m.b(), 0.5 * truth.b(), "b " + m);
  }

  private static PurchaseSummary simulate(BgNbd model, double age, SplittableRandom rnd) {
    return BgNbdSimulation.member(model, age, rnd);
  }

  /** A simulated member with whole-unit times, as weekly or daily data has. */
  private static PurchaseSummary simulateWhole(BgNbd model, int age, SplittableRandom rnd) {
    PurchaseSummary s = simulate(model, age, rnd);
    return new PurchaseSummary(s.frequency(), Math.floor(s.recency()), age);
  }
}
