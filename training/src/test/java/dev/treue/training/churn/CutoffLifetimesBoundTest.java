package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.LifetimeFeatures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lifetime fit that ran to a parameter bound is flagged and its features are not used. */
class CutoffLifetimesBoundTest {
  private static final ClvHorizon HORIZON = new ClvHorizon(12, 0.08);
  private static final int JAN = (int) LocalDate.of(2026, 1, 31).toEpochDay();
  private static final int FEB = (int) LocalDate.of(2026, 2, 28).toEpochDay();
  private static final int MAR = (int) LocalDate.of(2026, 3, 31).toEpochDay();

  private static LifetimeFit fit(BgNbd purchases) {
    GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44);
    double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    return new LifetimeFit(
        new BgNbdFit(purchases, -1000, 100, true, 4, nan, 500, 300),
        new GammaGammaFit(spend, -500, 300, true, new double[] {1, 1, 1}),
        new LifetimeModel(purchases, spend, 1, HORIZON));
  }

  /** The shop: a = 0.000 and b = 102,264 at the edge of the search box. */
  private static final LifetimeFit AT_BOUND = fit(new BgNbd(0.5, 40, 1e-6, 102_264));

  private static final LifetimeFit GOOD = fit(new BgNbd(0.243, 30.9, 0.793, 2.426));

  private static LabelledSnapshots rows() {
    int[] days = {JAN, FEB, MAR, MAR};
    double[][] x = new double[days.length][];
    for (int i = 0; i < days.length; i++) {
      double[] v = new double[ChurnFeatures.SPEC.size()];
      v[ChurnFeature.HAS_PURCHASED.ordinal()] = 1;
      v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()] = 3 + i;
      v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = 300;
      v[ChurnFeature.RECENCY_DAYS.ordinal()] = 40 + 10 * i;
      v[ChurnFeature.SPEND_TOTAL.ordinal()] = 120;
      x[i] = v;
    }
    return new LabelledSnapshots(
        new String[] {"a", "b", "c", "d"}, days, x, new boolean[] {true, false, true, false});
  }

  @Test
  void aFitAtTheBoundIsFlaggedAndItsRowsUseTheNearestEarlierGoodFit() {
    assertEquals(
        List.of("BG/NBD a = 1.00e-06", "BG/NBD b = 102,264"), AT_BOUND.parametersAtBound());
    assertEquals(List.of(), GOOD.parametersAtBound());

    CutoffLifetimes lifetimes = CutoffLifetimes.of(Map.of(JAN, AT_BOUND, FEB, GOOD, MAR, AT_BOUND));
    LabelledSnapshots rows = rows();
    double[] marchRow = rows.features()[2].clone();
    LabelledSnapshots filled = lifetimes.fill(rows);

    // January has no earlier good fit: its row is left out rather than filled from the future.
    assertEquals(3, filled.size());
    assertTrue(filled.where(i -> filled.cutoffDays()[i] == JAN).size() == 0);
    // March's rows use February's fit, not March's own.
    double[] expected = marchRow.clone();
    LifetimeFeatures.fill(expected, GOOD.model());
    double[] atBound = marchRow.clone();
    LifetimeFeatures.fill(atBound, AT_BOUND.model());
    int pAlive = ChurnFeature.P_ALIVE.ordinal();
    assertEquals(expected[pAlive], filled.features()[1][pAlive], 0);
    assertNotEquals(atBound[pAlive], expected[pAlive], 1e-3);
    // The bundle carries the latest good fit, the one the latest rows' features came from.
    assertSame(GOOD, lifetimes.latest());

    List<String> notes = lifetimes.notes();
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(
        notes.get(0).contains("2026-01-31") && notes.get(0).contains("left out"), notes.get(0));
    assertTrue(
        notes.get(1).contains("2026-03-31")
            && notes.get(1).contains("b = 102,264")
            && notes.get(1).contains("use the fit of 2026-02-28"),
        notes.get(1));
  }

  @Test
  void withoutAnyGoodFitTheLifetimeFeaturesAreNotUsed() {
    CutoffLifetimes lifetimes = CutoffLifetimes.of(Map.of(JAN, AT_BOUND, MAR, AT_BOUND));
    LabelledSnapshots rows = rows();
    LabelledSnapshots filled = lifetimes.fill(rows);
    assertEquals(rows.size(), filled.size());
    for (double[] v : filled.features()) {
      assertEquals(0, v[ChurnFeature.P_ALIVE.ordinal()]);
      assertEquals(0, v[ChurnFeature.EXPECTED_PURCHASES_90.ordinal()]);
    }
    assertTrue(lifetimes.notes().get(0).contains("not used at all"), lifetimes.notes().toString());
  }
}
