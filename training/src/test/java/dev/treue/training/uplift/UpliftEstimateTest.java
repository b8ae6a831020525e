package dev.treue.training.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.trigger.Holdout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimator on synthetic members whose true contact effect is known: purchases ~ Poisson(0.5), plus 0.3
 * for a contacted member; each purchase spends 10 to 50 (mean 30). Members outside a 10% control group are
 * contacted with probability 0.7, held-out ones never.
 */
class UpliftEstimateTest {
  private static final double BASE = 0.5;
  private static final double LIFT = 0.3;
  private static final double TRUE_RETENTION = Math.exp(-BASE) - Math.exp(-(BASE + LIFT));
  private static final double TRUE_PURCHASES = LIFT;
  private static final double TRUE_SPEND = LIFT * 30;
  private static final Holdout GROUP = Holdout.of(0.1, "uplift-test");

  /** Treated and held-out arms of {@code n} simulated members. */
  private static UpliftEstimate simulate(long seed, int n, double lift, String prefix) {
    SplittableRandom rng = new SplittableRandom(seed);
    Arm treated = Arm.EMPTY;
    Arm held = Arm.EMPTY;
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      boolean out = GROUP.heldOut(id);
      boolean contacted = !out && rng.nextDouble() < 0.7;
      long purchases = poisson(rng, BASE + (contacted ? lift : 0));
      double spend = 0;
      for (long p = 0; p < purchases; p++) {
        spend += 10 + 40 * rng.nextDouble();
      }
      if (out) {
        held = held.plus(contacted, purchases, spend);
      } else {
        treated = treated.plus(contacted, purchases, spend);
      }
    }
    return UpliftEstimate.of(treated, held);
  }

  private static long poisson(SplittableRandom rng, double lambda) {
    double limit = Math.exp(-lambda);
    double product = rng.nextDouble();
    long k = 0;
    while (product > limit) {
      product *= rng.nextDouble();
      k++;
    }
    return k;
  }

  private static void covers(UpliftEstimate.Comparison c, double truth) {
    assertTrue(
        c.perContactLow() <= truth && truth <= c.perContactHigh(),
        c.name() + ": [" + c.perContactLow() + ", " + c.perContactHigh() + "] misses " + truth);
  }

  @Test
  void theIntervalsCoverTheTrueEffectOfAContactWithTwoSeeds() {
    for (long seed : new long[] {7, 2026}) {
      UpliftEstimate e = simulate(seed, 60_000, LIFT, "s" + seed + "-");
      covers(e.retention(), TRUE_RETENTION);
      covers(e.purchases(), TRUE_PURCHASES);
      covers(e.spend(), TRUE_SPEND);
      for (UpliftEstimate.Comparison c : e.comparisons()) {
        assertEquals(UpliftEstimate.Verdict.HIGHER, c.verdict(), c.toString());
      }
      assertTrue(e.warnings().isEmpty(), e.warnings().toString());
    }
  }

  @Test
  void aboutNinetyFivePercentOfIntervalsCoverTheTruth() {
    int runs = 400;
    int covered = 0;
    for (int r = 0; r < runs; r++) {
      UpliftEstimate.Comparison c = simulate(1_000 + r, 4_000, LIFT, "r" + r + "-").retention();
      if (c.perContactLow() <= TRUE_RETENTION && TRUE_RETENTION <= c.perContactHigh()) {
        covered++;
      }
    }
    System.out.println("uplift coverage: " + covered + " of " + runs);
    // Binomial(400, 0.95) lies in [366, 393] with probability > 99.9%.
    assertTrue(
        covered >= 366 && covered <= 393, covered + " of " + runs + " intervals cover the truth");
  }

  @Test
  void withoutAnEffectTheIntervalHoldsZero() {
    int holdsZero = 0;
    for (long seed = 0; seed < 20; seed++) {
      UpliftEstimate.Comparison c = simulate(seed, 20_000, 0, "z" + seed + "-").retention();
      if (c.low() <= 0 && 0 <= c.high()) {
        holdsZero++;
        assertEquals(UpliftEstimate.Verdict.NO_DIFFERENCE, c.verdict());
      }
    }
    assertTrue(holdsZero >= 16, holdsZero + " of 20");
  }

  @Test
  void smallGroupsAreSaidToBeTooSmall() {
    UpliftEstimate e = simulate(3, 150, LIFT, "small-");
    assertTrue(e.heldOut().members() < UpliftEstimate.MIN_MEMBERS, e.heldOut().toString());
    for (UpliftEstimate.Comparison c : e.comparisons()) {
      assertEquals(UpliftEstimate.Verdict.TOO_SMALL, c.verdict(), c.toString());
      assertTrue(Double.isNaN(c.perContact()));
    }
    assertTrue(
        e.warnings().get(0).startsWith("the groups are too small to tell"),
        e.warnings().toString());
  }

  @Test
  void noControlGroupAndAContactedControlGroupAreSaidPlainly() {
    Arm some = Arm.EMPTY.plus(true, 1, 10).plus(false, 0, 0);
    UpliftEstimate none = UpliftEstimate.of(some, Arm.EMPTY);
    assertTrue(
        none.warnings().get(0).startsWith("there is no control group"), none.warnings().toString());
    assertEquals(UpliftEstimate.Verdict.TOO_SMALL, none.retention().verdict());

    Arm treated = Arm.EMPTY;
    Arm held = Arm.EMPTY;
    for (int i = 0; i < 100; i++) {
      treated = treated.plus(i % 2 == 0, i % 3, i % 3 * 20.0);
      held = held.plus(i % 2 == 0, i % 4 == 0 ? 1 : 0, 5);
    }
    UpliftEstimate leaked = UpliftEstimate.of(treated, held);
    assertTrue(
        leaked.warnings().stream()
            .anyMatch(w -> w.startsWith("50 held-out members (50.0%) were contacted")),
        leaked.warnings().toString());
    assertTrue(
        leaked.warnings().stream().anyMatch(w -> w.contains("cannot be estimated")),
        leaked.warnings().toString());
    assertTrue(Double.isNaN(leaked.spend().perContact()));
  }

  @Test
  void theArithmeticOfOneSmallCase() {
    // Treated: spends 10, 20, 30 (3 members, all contacted); held out: 0, 10 (2 members).
    Arm t = Arm.EMPTY.plus(true, 1, 10).plus(true, 1, 20).plus(true, 1, 30);
    Arm c = Arm.EMPTY.plus(false, 0, 0).plus(false, 1, 10);
    UpliftEstimate.Comparison spend = new UpliftEstimate(t, c, 2).spend();
    assertEquals(20, spend.treated(), 1e-12);
    assertEquals(5, spend.heldOut(), 1e-12);
    assertEquals(15, spend.difference(), 1e-12);
    // var_t = 100, var_c = 50: se = sqrt(100 / 3 + 50 / 2).
    double se = Math.sqrt(100.0 / 3 + 25);
    assertEquals(15 - 2 * se, spend.low(), 1e-9);
    assertEquals(15 + 2 * se, spend.high(), 1e-9);
  }
}
