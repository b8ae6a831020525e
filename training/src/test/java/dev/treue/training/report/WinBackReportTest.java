package dev.treue.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** metrics.json and the HTML page carry the win-back list's figures beside the existing ones. */
class WinBackReportTest {
  private static final boolean[] RETURNED = {true, false, false, true, false};
  private static final WinBackEvaluation WIN_BACK =
      new WinBackEvaluation(
          5,
          0.4,
          List.of(
              ScorerEvaluation.ofScores(
                  "p_alive", new double[] {0.9, 0.1, 0.2, 0.8, 0.3}, RETURNED),
              ScorerEvaluation.ofScores(
                  WinBackEvaluation.LIST_SCORER, new double[] {5, 1, 9, 4, 2}, RETURNED)));

  @Test
  void metricsKeepEveryKeyAndAddWinBack() {
    ChurnReportInput base = SyntheticValidation.input(1_000, 5);
    Map<String, Object> before = new ChurnReport(base).metrics();
    Map<String, Object> after = new ChurnReport(withWinBack(base)).metrics();

    for (String key : before.keySet()) {
      assertEquals(before.get(key), after.get(key), key);
    }
    assertFalse(before.containsKey("win_back"));
    @SuppressWarnings("unchecked")
    Map<String, Object> w = (Map<String, Object>) after.get("win_back");
    assertEquals(5L, w.get("n"));
    assertEquals(0.4, w.get("return_rate"));
    assertEquals(Map.of("p_alive", 1.0, "win_back_value", 4.0 / 6), w.get("auc"));
    String html = new ChurnReport(withWinBack(base)).html();
    assertTrue(html.contains("Win-back list: lapsed members who came back"), html);
    assertTrue(html.contains("40.0% of them purchased again within the"), html);
  }

  @Test
  void aScorerOnOtherRowsIsRefused() {
    ScorerEvaluation shorter =
        ScorerEvaluation.ofScores("recency", new double[] {1, 2}, new boolean[] {true, false});
    assertThrows(
        IllegalArgumentException.class, () -> new WinBackEvaluation(5, 0.4, List.of(shorter)));
  }

  private static ChurnReportInput withWinBack(ChurnReportInput b) {
    return new ChurnReportInput(
        b.title(),
        b.modelKind(),
        b.modelVersion(),
        b.trainingCutoffs(),
        b.validationCutoff(),
        b.horizonDays(),
        b.nTrain(),
        b.nValid(),
        b.chosenModel(),
        b.candidateLogLoss(),
        b.model(),
        b.baselines(),
        b.calibrationBefore(),
        b.calibrationAfter(),
        b.featureImportance(),
        b.atRiskSample(),
        b.population(),
        b.backtest(),
        b.notes(),
        WIN_BACK);
  }
}
