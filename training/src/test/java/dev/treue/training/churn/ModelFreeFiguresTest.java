package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.training.report.ScorerEvaluation;
import dev.treue.training.report.WinBackEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model-free figures worked out on their own thread are the figures worked out in line, and
 * what their work prints comes out when they are asked for, not among the lines printed meanwhile.
 */
class ModelFreeFiguresTest {
  private static final int HORIZON = 90;
  private static final CutoffLifetimes LIFETIMES =
      CutoffLifetimes.of(Map.of(WinBackScorersTest.CUTOFF, WinBackScorersTest.FIT));
  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  private final LabelledSnapshots lapsed = WinBackScorersTest.lapsedRows(1, 400);
  private final LabelledSnapshots lapsedTraining = WinBackScorersTest.lapsedRows(2, 2_000);
  private final LabelledSnapshots calibration = WinBackScorersTest.lapsedRows(3, 1_000);
  private final LabelledSnapshots validation = WinBackScorersTest.lapsedRows(4, 1_000);
  private final LabelledSnapshots activeValidation = validation.where(i -> i % 3 == 0);
  private final LabelledSnapshots fit = WinBackScorersTest.lapsedRows(5, 3_000);

  private PrintStream console;
  private ByteArrayOutputStream printed;

  @BeforeEach
  void capture() {
    console = System.out;
    printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void release() {
    System.setOut(console);
  }

  @Test
  void theFiguresAreThoseWorkedOutInLineAndPrintWhenAskedFor() {
    Map<String, Double> oracle = oracle(validation);
    try (ModelFreeFigures figures = figures(() -> oracle)) {
      // The lane works in order, so the statistics come last: everything has run by now.
      Map<String, Map<String, Double>> statistics = figures.featureStatistics();
      assertEquals("", text(), "the work's lines wait until its figures are asked for");
      WinBackEvaluation winBack = figures.winBack();
      assertTrue(text().contains("logistic: L2"), text());
      assertTrue(text().contains("calibration log loss"), text());

      assertSameScorers(
          WinBackScorers.evaluate(lapsed, LIFETIMES, HORIZON, lapsedTraining, NOWHERE).scorers(),
          winBack.scorers());
      List<ScorerEvaluation> baselines = figures.baselines();
      assertSameScorers(
          ChurnBaselines.evaluate(calibration, validation, LIFETIMES, HORIZON, oracle, NOWHERE),
          baselines);
      assertEquals("oracle", baselines.get(baselines.size() - 1).name());
      assertSameScorers(
          ChurnBaselines.evaluate(
              calibration, activeValidation, LIFETIMES, HORIZON, oracle, NOWHERE),
          figures.activeBaselines());
      assertEquals(FeatureStatistics.of(fit), statistics);
      assertArrayEquals(FeatureStatistics.retainedReference(fit), figures.retainedReference());
    }
  }

  @Test
  void anOracleThatCannotBeReadFailsTheBaselinesWithItsOwnError() {
    try (ModelFreeFigures figures =
        figures(
            () -> {
              throw new IllegalStateException("truth.csv: malformed line 7");
            })) {
      IllegalStateException e = assertThrows(IllegalStateException.class, figures::baselines);
      assertEquals(
          "truth.csv: malformed line 7", e.getMessage(), "the read's own error, unwrapped");
      // The other figures do not depend on it.
      assertEquals(lapsed.size(), figures.winBack().n());
      assertEquals(FeatureStatistics.of(fit), figures.featureStatistics());
    }
  }

  @Test
  void anOracleLackingValidationMembersIsLeftOutAndSaysSoWhenTheBaselinesAreAsked() {
    Map<String, Double> partial = oracle(validation);
    partial.remove(validation.customerIds()[0]);
    try (ModelFreeFigures figures = figures(() -> partial)) {
      figures.featureStatistics();
      assertTrue(!text().contains("oracle"), text());
      List<ScorerEvaluation> baselines = figures.baselines();
      assertTrue(baselines.stream().noneMatch(b -> b.name().equals("oracle")));
      assertTrue(text().contains("oracle baseline left out"), text());
    }
  }

  private ModelFreeFigures figures(java.util.concurrent.Callable<Map<String, Double>> oracle) {
    return new ModelFreeFigures(
        out -> WinBackScorers.evaluate(lapsed, LIFETIMES, HORIZON, lapsedTraining, out),
        oracle,
        calibration,
        validation,
        activeValidation,
        LIFETIMES,
        HORIZON,
        fit);
  }

  /** A made-up true probability for every row's member. */
  private static Map<String, Double> oracle(LabelledSnapshots rows) {
    Map<String, Double> truth = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      truth.put(rows.customerIds()[i], rows.churned()[i] ? 0.7 : 0.3);
    }
    return truth;
  }

  private static void assertSameScorers(List<ScorerEvaluation> want, List<ScorerEvaluation> got) {
    assertEquals(want.size(), got.size());
    for (int k = 0; k < want.size(); k++) {
      assertEquals(want.get(k).name(), got.get(k).name());
      assertEquals(want.get(k).metrics(), got.get(k).metrics(), want.get(k).name());
    }
  }

  private String text() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
