package dev.treue.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnReportTest {
  private static final ChurnReportInput INPUT = SyntheticValidation.input(3_000, 17);

  @Test
  void writesJsonThatReadsBackWithTheSameNumbers(@TempDir Path dir) throws Exception {
    List<Path> written = new ChurnReport(INPUT).writeTo(dir.resolve("report"));
    assertEquals(
        List.of(dir.resolve("report/report.json"), dir.resolve("report/report.html")), written);
    JsonNode json = new ObjectMapper().readTree(written.get(0).toFile());
    assertEquals("2024-03-31", json.get("validation_cutoff").asText());
    assertEquals(2, json.get("training_cutoffs").size());
    JsonNode metrics = json.get("metrics");
    assertEquals(INPUT.model().metrics().auc(), metrics.get("auc").asDouble(), 0);
    assertEquals(INPUT.model().metrics().logLoss(), metrics.get("log_loss").asDouble(), 0);
    assertEquals(3_000, metrics.get("n_valid").asLong());
    assertTrue(metrics.get("baselines").get("recency").get("log_loss").isNull());
    assertTrue(metrics.get("baselines").get("recency").get("auc").isNumber());
    assertTrue(metrics.get("baselines").get("oracle").get("brier").isNumber());
    assertTrue(json.get("curves").get("model").get("roc_fpr_tpr").size() > 10);
    assertEquals(10, json.get("calibration").get("after").get("bins").size());
    assertEquals("C-1042", json.get("at_risk_sample").get(0).get("customer_id").asText());
  }

  @Test
  void htmlIsSelfContainedWithThreeChartsAndTheMetrics(@TempDir Path dir) throws Exception {
    new ChurnReport(INPUT).writeTo(dir);
    String html = Files.readString(dir.resolve(ChurnReport.HTML_FILE));
    previewIfAsked(html);
    assertEquals(3, count(html, "<svg"));
    assertEquals(3, count(html, "</svg>"));
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.trim().endsWith("</html>"));
    assertFalse(
        html.contains("http://") || html.contains("https://"), "external reference in report.html");
    assertFalse(html.contains("<script") || html.contains("<link"));
    for (ScorerEvaluation s : allScorers()) {
      assertTrue(html.contains(format(s.metrics().auc(), 3)), s.name() + " AUC missing");
      assertTrue(html.contains(format(s.metrics().prAuc(), 3)), s.name() + " PR-AUC missing");
      assertTrue(html.contains(format(s.metrics().liftTopDecile(), 2)), s.name() + " lift missing");
    }
    assertTrue(html.contains(format(INPUT.model().metrics().logLoss(), 4)));
    assertTrue(
        html.contains("2024-03-31") && html.contains("2023-09-30") && html.contains("90 days"));
    assertTrue(html.contains("xgboost") && html.contains("0.4987"));
    assertTrue(html.contains("no purchase for 212 days"));
    // Tags that open must close, at least for the elements the page builds.
    for (String tag :
        List.of("section", "table", "tr", "td", "th", "div", "svg", "ul", "li", "text", "title")) {
      assertEquals(
          count(html, "<" + tag + ">") + count(html, "<" + tag + " "),
          count(html, "</" + tag + ">"),
          tag);
    }
  }

  @Test
  void highlightsTheBestValueOfEachColumn() {
    String html = new ChurnReport(INPUT).html();
    // The oracle knows the true probabilities, so it wins AUC on these rows.
    String oracleRow = html.substring(html.indexOf("<tr><td>oracle"));
    oracleRow = oracleRow.substring(0, oracleRow.indexOf("</tr>"));
    assertTrue(
        oracleRow.contains("<td class=\"best\">" + format(metricsOf("oracle").auc(), 3)),
        oracleRow);
  }

  @Test
  void metricsMapHasTheMetricsJsonShape() {
    Map<String, Object> metrics = new ChurnReport(INPUT).metrics();
    List<String> keys = new ArrayList<>(metrics.keySet());
    assertEquals(
        List.of("auc", "pr_auc", "log_loss", "brier", "lift_top_decile"), keys.subList(0, 5));
    assertTrue(keys.containsAll(List.of("n_train", "n_valid", "baselines")));
    assertEquals(9_000L, metrics.get("n_train"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> baselines =
        (Map<String, Map<String, Object>>) metrics.get("baselines");
    assertEquals(List.of("recency", "rfm", "oracle"), new ArrayList<>(baselines.keySet()));
    for (Map<String, Object> baseline : baselines.values()) {
      assertEquals(
          List.of("auc", "pr_auc", "log_loss", "brier", "lift_top_decile"),
          new ArrayList<>(baseline.keySet()));
    }
    assertEquals(null, baselines.get("recency").get("log_loss"));
    assertEquals(null, baselines.get("recency").get("brier"));
    assertEquals(INPUT.model().metrics().auc(), (Double) metrics.get("auc"), 0);
  }

  @Test
  void rejectsABaselineScoredOnOtherRowsAndEscapesNames() {
    ScorerEvaluation shortBaseline =
        ScorerEvaluation.ofScores("recency", new double[] {1, 2}, new boolean[] {true, false});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ChurnReportInput(
                    INPUT.title(),
                    INPUT.modelKind(),
                    INPUT.modelVersion(),
                    INPUT.trainingCutoffs(),
                    INPUT.validationCutoff(),
                    90,
                    1,
                    1,
                    "x",
                    Map.of(),
                    INPUT.model(),
                    List.of(shortBaseline),
                    INPUT.calibrationBefore(),
                    INPUT.calibrationAfter(),
                    null,
                    null,
                    null,
                    null,
                    null));
    assertTrue(e.getMessage().contains("recency"), e.getMessage());

    ChurnReportInput hostile =
        new ChurnReportInput(
            "<script>alert(1)</script>",
            "churn",
            "v1",
            List.of(),
            INPUT.validationCutoff(),
            90,
            1,
            1,
            "x",
            Map.of(),
            INPUT.model(),
            List.of(),
            INPUT.calibrationBefore(),
            INPUT.calibrationAfter(),
            null,
            null,
            null,
            null,
            null);
    String html = new ChurnReport(hostile).html();
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;"));
  }

  private static List<ScorerEvaluation> allScorers() {
    List<ScorerEvaluation> all = new ArrayList<>(INPUT.baselines());
    all.add(0, INPUT.model());
    return all;
  }

  private static dev.treue.core.evaluation.BinaryMetrics metricsOf(String name) {
    return allScorers().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .metrics();
  }

  private static String format(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Lets a developer look at the page in a browser: -Dtreue.report.preview=/tmp/report.html. */
  private static void previewIfAsked(String html) throws Exception {
    String preview = System.getProperty("treue.report.preview");
    if (preview != null) {
      Files.writeString(Path.of(preview), html);
    }
  }
}
