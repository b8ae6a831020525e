package dev.treue.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report states who was scored: group sizes at every cutoff, and at validation in metrics. */
class PopulationReportTest {
  private static final ChurnReportInput BASE = SyntheticValidation.input(1_000, 5);
  private static final PopulationSummary POPULATION =
      new PopulationSummary(
          180,
          true,
          List.of(
              new CutoffPopulation(LocalDate.parse("2023-09-30"), 700, 200, 100),
              new CutoffPopulation(BASE.validationCutoff(), 1_000, 345, 67)));

  @Test
  void metricsCarryTheValidationCutoffsGroupsAndTheActivityWindow() {
    Map<String, Object> metrics = new ChurnReport(withPopulation()).metrics();

    assertEquals(
        Map.of("active", 1_000L, "lapsed", 345L, "never_purchased", 67L),
        metrics.get("population"));
    assertEquals(180, metrics.get("active_days"));
  }

  @Test
  void reportJsonAndHtmlListEveryCutoffsGroups() throws Exception {
    ChurnReport report = new ChurnReport(withPopulation());
    JsonNode doc = new ObjectMapper().valueToTree(report.document());
    assertEquals(2, doc.get("population_by_cutoff").size());
    assertEquals(200, doc.get("population_by_cutoff").get(0).get("lapsed").asLong());

    String html = report.html();
    assertTrue(html.contains("<td>2023-09-30</td><td>700</td><td>200</td><td>100</td>"), html);
    assertTrue(html.contains("active members only (a purchase in the 180 days"), html);
  }

  @Test
  void aReportWithoutPopulationFiguresHasNone() {
    assertFalse(new ChurnReport(BASE).metrics().containsKey("population"));
  }

  private static ChurnReportInput withPopulation() {
    ChurnReportInput b = BASE;
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
        POPULATION,
        b.backtest(),
        b.notes());
  }
}
