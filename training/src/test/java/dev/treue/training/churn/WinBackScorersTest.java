package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.churn.WinBack;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.BgNbdFit;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.GammaGammaFit;
import dev.treue.core.clv.LifetimeFit;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.clv.PurchaseSummary;
import dev.treue.core.evaluation.BinaryMetrics;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.LifetimeFeatures;
import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.WinBackEvaluation;
import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The win-back list and the rules, measured on the same lapsed rows, higher = comes back. */
class WinBackScorersTest {
  static final int CUTOFF = (int) LocalDate.of(2026, 8, 31).toEpochDay();
  private static final BgNbd PURCHASES = new BgNbd(0.243, 30.9, 0.793, 2.426);
  private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);
  static final LifetimeFit FIT =
      new LifetimeFit(
          new BgNbdFit(PURCHASES, -1000, 100, true, 4, new double[] {1, 1, 1, 1}, 500, 300),
          new GammaGammaFit(SPEND, -500, 300, true, new double[] {1, 1, 1}),
          new LifetimeModel(PURCHASES, SPEND, 1, new ClvHorizon(12, 0.08)));

  /**
   * 400 lapsed members; the ones who come back are those the lifetime model calls most alive (the
   * label follows P(alive) with noise), so P(alive) must rank them well and the scorers must face
   * the same rows with the label turned round (returned = not churned).
   */
  /** Lapsed rows whose return follows P(alive) with noise; features filled from {@link #FIT}. */
  static LabelledSnapshots lapsedRows(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = new double[ChurnFeatures.SPEC.size()];
      int days = 1 + r.nextInt(12);
      double first = 500 + r.nextInt(400);
      v[ChurnFeature.HAS_PURCHASED.ordinal()] = 1;
      v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()] = days;
      v[ChurnFeature.PURCHASES_TOTAL.ordinal()] = days;
      v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = first;
      v[ChurnFeature.RECENCY_DAYS.ordinal()] = days == 1 ? first : 366 + r.nextInt(100);
      v[ChurnFeature.SPEND_TOTAL.ordinal()] = days * (20 + r.nextInt(40));
      x[i] = v;
    }
    int[] cutoffs = new int[n];
    java.util.Arrays.fill(cutoffs, CUTOFF);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "m" + seed + "-" + i;
    }
    LabelledSnapshots filled =
        CutoffLifetimes.of(Map.of(CUTOFF, FIT))
            .fill(new LabelledSnapshots(ids, cutoffs, x, new boolean[n]));
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      churned[i] = r.nextDouble() >= 0.6 * filled.features()[i][ChurnFeature.P_ALIVE.ordinal()];
    }
    return new LabelledSnapshots(ids, cutoffs, filled.features(), churned);
  }

  @Test
  void aChallengerFittedOnTheLapsedTrainingRowsIsMeasuredBesideTheList() {
    CutoffLifetimes lifetimes = CutoffLifetimes.of(Map.of(CUTOFF, FIT));
    LabelledSnapshots validation = lapsedRows(1, 400);
    WinBackEvaluation with =
        WinBackScorers.evaluate(validation, lifetimes, 90, lapsedRows(2, 2_000), System.out);
    ScorerEvaluation challenger = with.scorers().get(with.scorers().size() - 1);
    assertEquals("logistic_on_lapsed", challenger.name());
    assertEquals(validation.size(), challenger.metrics().n());
    assertTrue(challenger.metrics().auc() > 0.6, challenger.metrics().toString());
    // Too few returners to fit on: left out, the rest unchanged.
    LabelledSnapshots fewReturners = lapsedRows(3, 2_000);
    java.util.Arrays.fill(fewReturners.churned(), true);
    WinBackEvaluation without =
        WinBackScorers.evaluate(validation, lifetimes, 90, fewReturners, System.out);
    assertEquals(8, without.scorers().size());
    for (int k = 0; k < 8; k++) {
      assertEquals(with.scorers().get(k).metrics(), without.scorers().get(k).metrics());
    }
  }

  @Test
  void everyScorerRanksTheSameLapsedRowsByTheirChanceOfComingBack() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 400;
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = new double[ChurnFeatures.SPEC.size()];
      int days = 1 + r.nextInt(12);
      double first = 500 + r.nextInt(400);
      v[ChurnFeature.HAS_PURCHASED.ordinal()] = 1;
      v[ChurnFeature.PURCHASE_DAYS_TOTAL.ordinal()] = days;
      v[ChurnFeature.PURCHASES_TOTAL.ordinal()] = days;
      v[ChurnFeature.DAYS_SINCE_FIRST_PURCHASE.ordinal()] = first;
      v[ChurnFeature.RECENCY_DAYS.ordinal()] = days == 1 ? first : 366 + r.nextInt(100);
      v[ChurnFeature.SPEND_TOTAL.ordinal()] = days * (20 + r.nextInt(40));
      x[i] = v;
    }
    int[] cutoffs = new int[n];
    java.util.Arrays.fill(cutoffs, CUTOFF);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "m" + i;
    }
    CutoffLifetimes lifetimes = CutoffLifetimes.of(Map.of(CUTOFF, FIT));
    LabelledSnapshots unlabelled = new LabelledSnapshots(ids, cutoffs, x, new boolean[n]);
    LabelledSnapshots filled = lifetimes.fill(unlabelled);
    boolean[] churned = new boolean[n];
    int returners = 0;
    for (int i = 0; i < n; i++) {
      double alive = filled.features()[i][ChurnFeature.P_ALIVE.ordinal()];
      churned[i] = r.nextDouble() >= 0.6 * alive;
      returners += churned[i] ? 0 : 1;
    }
    LabelledSnapshots lapsed = new LabelledSnapshots(ids, cutoffs, filled.features(), churned);

    WinBackEvaluation w = WinBackScorers.evaluate(lapsed, lifetimes, 90);

    assertEquals(n, w.n());
    assertEquals((double) returners / n, w.returnRate(), 1e-12);
    Map<String, ScorerEvaluation> by =
        w.scorers().stream().collect(Collectors.toMap(ScorerEvaluation::name, Function.identity()));
    assertEquals(
        java.util.List.of(
            "p_alive",
            "expected_purchases",
            "expected_spend",
            "clv",
            "win_back_value",
            "recency",
            "frequency",
            "monetary"),
        w.scorers().stream().map(ScorerEvaluation::name).toList());
    boolean[] returned = new boolean[n];
    double[] value = new double[n];
    double[] minusRecency = new double[n];
    for (int i = 0; i < n; i++) {
      returned[i] = !churned[i];
      value[i] = WinBack.value(lapsed.features()[i]);
      minusRecency[i] = -lapsed.features()[i][ChurnFeature.RECENCY_DAYS.ordinal()];
    }
    // The list's own ranking, and the rules' orientation: fewer days since, more days, more spend.
    assertEquals(
        BinaryMetrics.ofScores(value, returned).auc(), by.get("win_back_value").metrics().auc());
    assertEquals(
        BinaryMetrics.ofScores(minusRecency, returned).auc(), by.get("recency").metrics().auc());
    assertTrue(by.get("p_alive").metrics().auc() > 0.65, "p_alive " + by.get("p_alive").metrics());
    // Expected spend: expected purchases in the horizon times the Gamma-Gamma's spend per purchase.
    double[] spend = new double[n];
    double[] clv = new double[n];
    for (int i = 0; i < n; i++) {
      double[] v = lapsed.features()[i];
      PurchaseSummary d = LifetimeFeatures.summaryInDays(v).orElseThrow();
      LifetimeModel model = FIT.model();
      GammaGammaFit.Spend paid = LifetimeFeatures.spend(v);
      spend[i] =
          model.expectedPurchases(
                  model.summary(d.frequency() + 1L, d.age() - d.recency(), d.age()), 90)
              * model.expectedSpendPerPurchase(paid.transactions(), paid.meanValue());
      clv[i] = Math.max(0, v[ChurnFeature.CLV.ordinal()]);
    }
    assertEquals(
        BinaryMetrics.ofScores(spend, returned).auc(), by.get("expected_spend").metrics().auc());
    assertEquals(BinaryMetrics.ofScores(clv, returned).auc(), by.get("clv").metrics().auc());
    assertEquals(
        w.returnRate() * by.get("p_alive").metrics().liftTopDecile(),
        w.topDecileReturnRate(by.get("p_alive")),
        1e-12);
    Map<String, Object> json = w.toMap();
    assertEquals((long) n, json.get("n"));
    assertEquals(by.get("monetary").metrics().auc(), ((Map<?, ?>) json.get("auc")).get("monetary"));
  }

  @Test
  void noLapsedRowsGiveACountOfZeroAndNoScorers() {
    LabelledSnapshots none =
        new LabelledSnapshots(new String[0], new int[0], new double[0][], new boolean[0]);
    WinBackEvaluation w =
        WinBackScorers.evaluate(none, CutoffLifetimes.of(Map.of(CUTOFF, FIT)), 90);
    assertEquals(0, w.n());
    assertTrue(w.scorers().isEmpty());
    assertEquals(null, w.toMap().get("return_rate"));
  }
}
