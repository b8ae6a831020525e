package dev.treue.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/NBD at the parameters Fader, Hardie and Lee (2005) publish for CDNOW: its 2F1 against
 * closed forms, its likelihood against direct numerical integration, stability for heavy buyers and
 * far-apart alpha and beta, the limits of P(alive), the expectations, P(no purchase) against
 * simulated members, and a fit that recovers simulated parameters.
 */
class ParetoNbdTest {
  private static final ParetoNbd CDNOW = new ParetoNbd(0.553, 10.578, 0.606, 11.669);

  @Test
  void theHypergeometricMatchesClosedFormsUpToZNearOne() {
    for (double z : new double[] {0, 0.1, 0.5, 0.9, 0.999, 1 - 1e-6, 1 - 1e-9}) {
      // Near z = 1 the continued fraction takes tens of thousands of steps, and rounding
      // accumulates.
      double tolerance = z <= 0.999 ? 1e-12 : 1e-8;
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z
      double expected = z == 0 ? 1 : -Math.log1p(-z) / z;
      assertEquals(
          Math.log(expected), SpecialFunctions.logHyp2f1AbovePlusOne(1, 1, z), tolerance, "z=" + z);
      // 2F1(1, 1/2; 2; z) = 2 (1 - sqrt(1 - z)) / z
      expected = z == 0 ? 1 : 2 * (1 - Math.sqrt(1 - z)) / z;
      assertEquals(
          Math.log(expected),
          SpecialFunctions.logHyp2f1AbovePlusOne(1, 0.5, z),
          tolerance,
          "z=" + z);
      // 2F1(2, 2; 3; z) = 2 (z / (1 - z) + ln(1 - z)) / z^2, which grows like 1 / (1 - z)
      expected = z == 0 ? 1 : 2 * (z / (1 - z) + Math.log1p(-z)) / (z * z);
      assertEquals(
          Math.log(expected),
          SpecialFunctions.logHyp2f1AbovePlusOne(2, 2, z),
          tolerance * Math.log(expected),
          "z=" + z);
    }
    for (double z : new double[] {0.05, 0.3, 0.7, 0.95}) {
      double a = 600.553 + 0.606;
      assertEquals(
          Math.log(SpecialFunctions.hyp2f1(a, 1.606, a + 1, z)),
          SpecialFunctions.logHyp2f1AbovePlusOne(a, 1.606, z),
          1e-11,
          "against the power series at z=" + z);
      assertEquals(
          Math.log(SpecialFunctions.hyp2f1(a, 600.553, a + 1, z)),
          SpecialFunctions.logHyp2f1AbovePlusOne(a, 600.553, z),
          1e-9 * Math.abs(Math.log(SpecialFunctions.hyp2f1(a, 600.553, a + 1, z))),
          "large b against the power series at z=" + z);
    }
  }

  @Test
  void theLikelihoodMatchesDirectIntegration() {
    PurchaseSummary[] members = {
      new PurchaseSummary(0, 0, 38),
      new PurchaseSummary(2, 30.43, 38.86),
      new PurchaseSummary(5, 1, 70),
      new PurchaseSummary(9, 36.9, 37),
      new PurchaseSummary(0, 0, 0)
    };
    ParetoNbd[] models = {
      CDNOW,
      new ParetoNbd(0.553, 11.669, 0.606, 10.578),
      new ParetoNbd(1.2, 7, 2.5, 7),
      new ParetoNbd(0.8, 0.01, 0.4, 5_000),
      new ParetoNbd(0.8, 5_000, 0.4, 0.01)
    };
    for (ParetoNbd m : models) {
      for (PurchaseSummary s : members) {
        assertEquals(
            bruteForceLikelihood(m, s),
            Math.exp(m.logLikelihood(s)),
            1e-7 * Math.exp(m.logLikelihood(s)),
            m + " " + s);
      }
    }
  }

  @Test
  void heavyBuyersAndExtremeParametersStayFinite() {
    PurchaseSummary heavy = new PurchaseSummary(600, 77.9, 78);
    assertTrue(Double.isFinite(CDNOW.logLikelihood(heavy)));
    assertTrue(Double.isFinite(CDNOW.logLikelihood(new PurchaseSummary(600, 1, 78))));
    assertTrue(CDNOW.probabilityAlive(heavy) > 0.99);
    assertTrue(CDNOW.probabilityAlive(new PurchaseSummary(600, 1, 78)) < 1e-6);
    // alpha and beta at the fit's bounds, so z is within 1e-10 of 1.
    double far = Math.exp(12);
    double near = Math.exp(-12);
    for (ParetoNbd m :
        new ParetoNbd[] {
          new ParetoNbd(0.5, far, 0.6, near),
          new ParetoNbd(0.5, near, 0.6, far),
          new ParetoNbd(far, near, near, far),
          new ParetoNbd(near, far, far, near)
        }) {
      for (PurchaseSummary s :
          new PurchaseSummary[] {
            new PurchaseSummary(0, 0, 1), heavy, new PurchaseSummary(3, 1, 500)
          }) {
        assertTrue(Double.isFinite(m.logLikelihood(s)), m + " " + s);
        double alive = m.probabilityAlive(s);
        assertTrue(alive >= 0 && alive <= 1, m + " " + s + " P(alive) " + alive);
        double silent = m.probabilityNoPurchase(s, 39);
        assertTrue(silent >= 0 && silent <= 1, m + " " + s + " P(silent) " + silent);
      }
    }
    // alpha == beta takes no special path.
    ParetoNbd equal = new ParetoNbd(0.5, 10, 0.6, 10);
    assertEquals(
        equal.logLikelihood(heavy),
        new ParetoNbd(0.5, 10 * (1 + 1e-12), 0.6, 10).logLikelihood(heavy),
        1e-9);
  }

  @Test
  void probabilityAliveHasTheRightLimits() {
    assertEquals(1, CDNOW.probabilityAlive(new PurchaseSummary(3, 38, 38)), "just bought");
    assertEquals(1, CDNOW.probabilityAlive(new PurchaseSummary(0, 0, 0)), "just joined");
    double silentJoiner = CDNOW.probabilityAlive(new PurchaseSummary(0, 0, 38));
    assertTrue(
        silentJoiner > 0 && silentJoiner < 1, "no repeat purchase in 38 weeks: " + silentJoiner);
    // The longer the silence, the likelier the member has gone; the more they bought, the faster.
    assertTrue(
        CDNOW.probabilityAlive(new PurchaseSummary(3, 10, 38))
            < CDNOW.probabilityAlive(new PurchaseSummary(3, 30, 38)));
    assertTrue(
        CDNOW.probabilityAlive(new PurchaseSummary(10, 10, 38))
            < CDNOW.probabilityAlive(new PurchaseSummary(1, 10, 38)));
  }

  @Test
  void expectationsArePositiveIncreasingAndAgreeWithEachOther() {
    PurchaseSummary m = new PurchaseSummary(2, 30.43, 38.86);
    double previous = 0;
    for (double t = 1; t <= 200; t += 1) {
      double e = CDNOW.expectedPurchases(m, t);
      assertTrue(e > previous, "E[X(T, T + " + t + ")] = " + e);
      previous = e;
    }
    assertEquals(0, CDNOW.expectedPurchases(m, 0));
    // A member observed for no time is a new member.
    assertEquals(
        CDNOW.expectedPurchases(39),
        CDNOW.expectedPurchases(new PurchaseSummary(0, 0, 0), 39),
        1e-12);
    // Near s = 1 the closed form goes through its limit smoothly.
    double below = new ParetoNbd(0.5, 10, 1 - 1e-10, 12).expectedPurchases(39);
    double at = new ParetoNbd(0.5, 10, 1, 12).expectedPurchases(39);
    assertEquals(0.5 / 10 * 12 * Math.log1p(39 / 12.0), at, 1e-12);
    assertEquals(at, below, 1e-8);
  }

  @Test
  void probabilityOfNoPurchaseMatchesSimulatedMembers() {
    ParetoNbd truth = new ParetoNbd(0.6, 8, 0.8, 12);
    SplittableRandom rnd = new SplittableRandom(13);
    // The unconditional case (a new member) and a conditional one, by rejection on the history.
    int n = 200_000;
    int silent = 0;
    for (int i = 0; i < n; i++) {
      if (simulateTimes(truth, 39, rnd).length == 0) {
        silent++;
      }
    }
    assertEquals(
        truth.probabilityNoPurchase(new PurchaseSummary(0, 0, 0), 39), silent / (double) n, 0.005);
    int kept = 0;
    int silentAfter = 0;
    double purchasesAfter = 0;
    while (kept < 20_000) {
      double[] times = simulateTimes(truth, 40, rnd);
      long early = java.util.Arrays.stream(times).filter(t -> t <= 20).count();
      if (early != 1) {
        continue;
      }
      kept++;
      long late = times.length - early;
      silentAfter += late == 0 ? 1 : 0;
      purchasesAfter += late;
    }
    // Histories with exactly one purchase in 20 time units, any time: P(no purchase in the next 20)
    // averages over t_x.
    double expectedSilent = 0;
    double expectedPurchases = 0;
    int grid = 2_000;
    double weight = 0;
    for (int k = 0; k < grid; k++) {
      PurchaseSummary h = new PurchaseSummary(1, 20 * (k + 0.5) / grid, 20);
      double w = Math.exp(truth.logLikelihood(h));
      weight += w;
      expectedSilent += w * truth.probabilityNoPurchase(h, 20);
      expectedPurchases += w * truth.expectedPurchases(h, 20);
    }
    assertEquals(
        expectedSilent / weight,
        silentAfter / (double) kept,
        0.01,
        "P(no purchase | one purchase)");
    assertEquals(
        expectedPurchases / weight, purchasesAfter / kept, 0.03, "E[purchases | one purchase]");
  }

  @Test
  void theFitRecoversSimulatedParametersWithinAFewStandardErrors() {
    ParetoNbd truth = new ParetoNbd(0.55, 10.5, 0.6, 11.5);
    SplittableRandom rnd = new SplittableRandom(5);
    List<PurchaseSummary> members = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      double age = 26 + 13 * rnd.nextDouble();
      double[] times = simulateTimes(truth, age, rnd);
      members.add(
          new PurchaseSummary(times.length, times.length == 0 ? 0 : times[times.length - 1], age));
    }
    ParetoNbdFit fit = ParetoNbdFit.fit(members);
    System.out.println(
        "simulated Pareto/NBD fit: "
            + fit.model()
            + " LL "
            + fit.logLikelihood()
            + " se "
            + java.util.Arrays.toString(fit.standardErrors())
            + " in "
            + fit.iterations()
            + " iterations");
    assertTrue(fit.converged(), "converged in " + fit.iterations());
    assertTrue(fit.hasStandardErrors());
    double atTruth = members.stream().mapToDouble(truth::logLikelihood).sum();
    assertTrue(fit.logLikelihood() >= atTruth, "the optimum is at least as likely as the truth");
    double[] se = fit.standardErrors();
    ParetoNbd m = fit.model();
    double[] estimate = {m.r(), m.alpha(), m.s(), m.beta()};
    double[] real = {truth.r(), truth.alpha(), truth.s(), truth.beta()};
    String[] names = {"r", "alpha", "s", "beta"};
    for (int i = 0; i < 4; i++) {
      assertTrue(se[i] > 0 && se[i] < estimate[i], names[i] + " se " + se[i]);
      assertEquals(real[i], estimate[i], 4 * se[i], names[i] + " within 4 standard errors: " + m);
    }
  }

  /**
   * Purchase times in (0, age]: a Poisson rate from Gamma(r, alpha), an exponential lifetime with a
   * rate from Gamma(s, beta).
   */
  private static double[] simulateTimes(ParetoNbd model, double age, SplittableRandom rnd) {
    double rate = BgNbdSimulation.gamma(model.r(), rnd) / model.alpha();
    double deathRate = BgNbdSimulation.gamma(model.s(), rnd) / model.beta();
    double end = Math.min(age, -Math.log(1 - rnd.nextDouble()) / deathRate);
    double[] times = new double[8];
    int x = 0;
    double t = -Math.log(1 - rnd.nextDouble()) / rate;
    while (t <= end) {
      if (x == times.length) {
        times = java.util.Arrays.copyOf(times, 2 * x);
      }
      times[x++] = t;
      t += -Math.log(1 - rnd.nextDouble()) / rate;
    }
    return java.util.Arrays.copyOf(times, x);
  }

  /**
   * The likelihood straight from its definition, Gamma(r + x) alpha^r beta^s / Gamma(r) times
   * [(alpha + T)^-(r + x) (beta + T)^-s + s * integral over [t_x, T] of (alpha + u)^-(r + x) (beta + u)^-(s + 1) du],
   * the integral by composite Simpson on a log-spaced grid.
   */
  private static double bruteForceLikelihood(ParetoNbd m, PurchaseSummary h) {
    int x = h.frequency();
    double constant =
        Math.exp(
            SpecialFunctions.logGamma(m.r() + x)
                - SpecialFunctions.logGamma(m.r())
                + m.r() * Math.log(m.alpha())
                + m.s() * Math.log(m.beta()));
    double alive =
        Math.pow(m.alpha() + h.age(), -(m.r() + x)) * Math.pow(m.beta() + h.age(), -m.s());
    // Substitute u = exp(v) - c so the power-law integrand is smooth in v.
    double c = Math.min(m.alpha(), m.beta());
    double lo = Math.log(c + h.recency());
    double hi = Math.log(c + h.age());
    int n = 20_000;
    double step = (hi - lo) / n;
    double integral = 0;
    for (int k = 0; k <= n; k++) {
      double v = lo + k * step;
      double u = Math.exp(v) - c;
      double f =
          Math.exp(v)
              * Math.pow(m.alpha() + u, -(m.r() + x))
              * Math.pow(m.beta() + u, -(m.s() + 1));
      integral += f * (k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2);
    }
    integral *= step / 3;
    return constant * (alive + m.s() * integral);
  }
}
