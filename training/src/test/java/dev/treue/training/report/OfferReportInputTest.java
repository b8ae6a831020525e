package dev.treue.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed offer report writes {@code metrics.json} with the keys and order the map-built one had
 * (readers and the registry's gate depend on them), and the report shows what it holds.
 */
class OfferReportInputTest {

  private static OfferMetrics metrics(double auc, Double ndcg) {
    return new OfferMetrics(
        auc,
        0.2,
        new OfferMetrics.Ranking(0.5, ndcg, 0.4, 120),
        new OfferMetrics.Ranking(0.3, 0.35, 0.25, 40));
  }

  private static OfferReportInput input(
      Map<String, OfferMetrics> baselines, OffPolicyResult offPolicy) {
    Map<String, OfferReportInput.Candidate> candidates = new LinkedHashMap<>();
    candidates.put("logistic", new OfferReportInput.Candidate(0.21, 1.5));
    candidates.put("xgboost-d4", new OfferReportInput.Candidate(0.19, 2.5));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("data_end", "2026-06-30");
    facts.put("exposures_fit", 5440);
    return new OfferReportInput(
        "Offer model v1",
        "xgboost-d4",
        "java",
        candidates,
        new OfferModelEvaluation(metrics(0.7, 0.6), 0.25, 0.08, baselines, offPolicy),
        12.5,
        facts);
  }

  @Test
  void metricsKeepTheirKeysAndOrder() {
    Map<String, OfferMetrics> baselines = new LinkedHashMap<>();
    baselines.put("popular", metrics(0.6, 0.5));
    baselines.put("oracle", metrics(0.8, 0.75));
    OffPolicyResult offPolicy =
        new OffPolicyResult.Estimated("policy", 900, 12, 0.08, 0.1, 0.01, 0.11, 450.0, 3, 1.375);
    Map<String, Object> m = input(baselines, offPolicy).metrics();

    assertEquals(
        List.of(
            "auc",
            "log_loss",
            "hit_at_1",
            "ndcg_at_3",
            "map",
            "queries",
            "members_with_a_choice",
            "log_loss_uncalibrated",
            "model_name",
            "validation_base_rate",
            "predictor_path",
            "candidates",
            "baselines",
            "ndcg_vs_oracle",
            "off_policy",
            "training_seconds"),
        List.copyOf(m.keySet()));
    assertEquals(
        List.of("hit_at_1", "ndcg_at_3", "map", "queries"),
        List.copyOf(((Map<?, ?>) m.get("members_with_a_choice")).keySet()));
    assertEquals(
        List.of("popular", "oracle"), List.copyOf(((Map<?, ?>) m.get("baselines")).keySet()));
    assertEquals(
        List.of(
            "auc", "log_loss", "hit_at_1", "ndcg_at_3", "map", "queries", "members_with_a_choice"),
        List.copyOf(((Map<?, ?>) ((Map<?, ?>) m.get("baselines")).get("oracle")).keySet()));
    assertEquals(
        List.of("calibration_log_loss", "seconds"),
        List.copyOf(((Map<?, ?>) ((Map<?, ?>) m.get("candidates")).get("logistic")).keySet()));
    assertEquals(
        List.of(
            "available",
            "policy",
            "logged_sends",
            "campaigns",
            "logged_redemption_rate",
            "ips_redemption_rate",
            "ips_standard_error",
            "snips_redemption_rate",
            "effective_sample_size",
            "clipped",
            "snips_lift"),
        List.copyOf(((Map<?, ?>) m.get("off_policy")).keySet()));
    assertEquals(0.6 / 0.75, (Double) m.get("ndcg_vs_oracle"), 1e-12);
    assertEquals(
        0.08,
        m.get("validation_base_rate"),
        "validation_base_rate is the evaluation exposures' redemption rate");
  }

  @Test
  void withoutAnOracleOrImpressionsTheRatioIsLeftOutAndTheReasonGiven() {
    Map<String, OfferMetrics> baselines = Map.of("popular", metrics(0.6, 0.5));
    OfferReportInput input =
        input(baselines, new OffPolicyResult.Unavailable("no impressions table"));
    Map<String, Object> m = input.metrics();

    assertFalse(m.containsKey("ndcg_vs_oracle"));
    assertEquals(Map.of("available", false, "reason", "no impressions table"), m.get("off_policy"));
    String html = OfferReport.render(input);
    assertTrue(html.contains("<p>no impressions table</p>"), html);
    assertFalse(html.contains("of the oracle's"), html);
  }

  @Test
  void theReportShowsModelBaselinesCandidatesAndFacts() {
    Map<String, OfferMetrics> baselines = new LinkedHashMap<>();
    baselines.put("oracle", metrics(0.8, 0.75));
    String html =
        OfferReport.render(
            input(
                baselines,
                new OffPolicyResult.Estimated(
                    "top scores first", 900, 12, 0.08, 0.1, 0.01, 0.11, 450.0, 3, 1.375)));

    assertTrue(
        html.contains(
            "<tr><td><strong>model</strong></td><td>0.7000</td><td>0.2000</td><td>0.5000</td>"
                + "<td>0.6000</td><td>0.4000</td><td>120</td></tr>"),
        html);
    // The members-with-a-choice table has no AUC or log loss.
    assertTrue(
        html.contains(
            "<tr><td><strong>oracle</strong></td><td>\u2014</td><td>\u2014</td><td>0.3000</td>"),
        html);
    assertTrue(html.contains("<tr><td>xgboost-d4</td><td>0.1900</td><td>2.5000</td></tr>"), html);
    assertTrue(html.contains("<div><dt>exposures fit</dt><dd>5440</dd></div>"), html);
    assertTrue(html.contains("Model nDCG@3 is 80.0% of the oracle's."), html);
    assertTrue(
        html.contains("top scores first: redemption rate per offer sent 0.1100 (SNIPS; IPS 0.1000"),
        html);
    assertTrue(html.contains("over 900 sends (effective sample size 450.0000)"), html);
  }
}
