package dev.treue.serving.dashboard;

import dev.treue.core.evaluation.TargetingStep;
import dev.treue.core.evaluation.TargetingTable;
import dev.treue.core.kpi.Kpi;
import dev.treue.core.registry.BundleFormat;
import dev.treue.serving.TestService;
import dev.treue.store.KpiDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Random;

/**
 * What the Overview and Model quality pages read, written as the batch jobs write it: a KPI document
 * for tenant {@code acme} (18 months up to {@link TestService#TODAY}, a {@code gold} tier breakdown,
 * cohorts and the risk distribution; no {@code platinum} breakdown, so that tier has no members) and,
 * beside the served churn bundle, its {@code metrics.json} with baselines, {@code report.json}'s
 * calibration, {@code targeting.json} (from {@link TargetingTable} over seeded validation rows whose
 * likeliest leavers hold little value, as on real data) and an older version's metrics.
 */
final class DashboardProgramme {
  static final String PREVIOUS = "20240501-000000-a0a0a0";
  private static final String SERVED = "20240601-000000-aaaaaa";
  private static final LocalDate AS_OF = LocalDate.parse(TestService.TODAY);
  private static final int MONTHS = 18;
  private static final String[] TIERS = {"basic", "silver", "gold", "platinum"};
  private static final String[] SEGMENTS = {"family", "students"};

  private DashboardProgramme() {}

  static void load(TestService service) throws IOException {
    new KpiDocuments(service.jedis).put(TestService.keys("acme"), kpiDocument().encode());
    Path churn = service.registry.resolve("churn");
    Path served = churn.resolve(SERVED);
    Path metricsFile = served.resolve(BundleFormat.METRICS);
    JsonObject metrics =
        Files.exists(metricsFile)
            ? new JsonObject(Files.readString(metricsFile))
            : new JsonObject();
    metrics
        .put("auc", 0.7837)
        .put("pr_auc", 0.7012)
        .put("log_loss", 0.5358)
        .put("brier", 0.1804)
        .put("lift_top_decile", 1.71)
        .put("n_valid", 2000)
        .put("validation_cutoff", "2024-03-31")
        .put("horizon_days", 90)
        .put("chosen_model", "xgboost")
        .put(
            "population",
            new JsonObject().put("active", 2000).put("lapsed", 640).put("never_purchased", 120))
        .put(
            "baselines",
            new JsonObject()
                .put("rfm", headline(0.7101, 0.6015))
                .put("bgnbd", headline(0.7356, 0.5702)));
    Files.writeString(served.resolve(BundleFormat.METRICS), metrics.encode());
    Path previous = churn.resolve(PREVIOUS);
    Files.createDirectories(previous);
    Files.writeString(previous.resolve(BundleFormat.METRICS), headline(0.7790, 0.5401).encode());
    Files.writeString(
        served.resolve(BundleFormat.REPORT_JSON),
        new JsonObject()
            .put(
                "calibration",
                new JsonObject().put("before", calibration(0.08)).put("after", calibration(0.01)))
            .encode());
    Files.writeString(served.resolve(BundleFormat.TARGETING), targeting().encode());
  }

  private static JsonObject headline(double auc, double logLoss) {
    return new JsonObject()
        .put("auc", auc)
        .put("pr_auc", auc - 0.08)
        .put("log_loss", logLoss)
        .put("brier", logLoss / 3)
        .put("lift_top_decile", 1.2 + auc / 2);
  }

  private static JsonObject calibration(double error) {
    JsonArray bins = new JsonArray();
    for (int i = 0; i < 10; i++) {
      double mid = i / 10.0 + 0.05;
      bins.add(
          new JsonObject()
              .put("lower", i / 10.0)
              .put("upper", (i + 1) / 10.0)
              .put("count", 150 + 20 * i)
              .put("mean_predicted", mid)
              .put("observed_rate", Math.min(1, mid + (i % 2 == 0 ? error : -error))));
    }
    return new JsonObject().put("expected_calibration_error", error).put("bins", bins);
  }

  /** targeting.json of 2,000 seeded validation rows, in the shape the training job writes. */
  static JsonObject targeting() {
    Random random = new Random(14);
    int n = 2000;
    double[] p = new double[n];
    boolean[] churned = new boolean[n];
    double[] var = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = random.nextDouble();
      churned[i] = random.nextDouble() < p[i];
      // the likeliest leavers have spent down their value already
      double clv = 40 + 900 * Math.pow(1 - p[i], 2) * random.nextDouble();
      var[i] = p[i] * clv;
    }
    TargetingTable byValue = TargetingTable.of(var, churned, var);
    TargetingTable byProbability = TargetingTable.of(p, churned, var);
    return new JsonObject()
        .put("validation_cutoff", "2024-03-31")
        .put("horizon_days", 90)
        .put("members", byValue.members())
        .put("churners", byValue.churners())
        .put("value_at_risk", cents(byValue.valueAtRisk()))
        .put(
            "orders",
            new JsonObject()
                .put("value_at_risk", steps(byValue))
                .put("churn_probability", steps(byProbability)));
  }

  private static JsonArray steps(TargetingTable table) {
    JsonArray steps = new JsonArray();
    for (TargetingStep s : table.steps()) {
      steps.add(
          new JsonObject()
              .put("percent", s.percent())
              .put("contacted", s.contacted())
              .put("churners_reached", round(s.churnersReached(), 1))
              .put("false_alarms", round(s.falseAlarms(), 1))
              .put("value_at_risk_covered", cents(s.valueAtRiskCovered())));
    }
    return steps;
  }

  private static BigDecimal cents(double v) {
    return round(v, 2);
  }

  private static BigDecimal round(double v, int scale) {
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN);
  }

  /** The KPI document: all members, a gold tier breakdown (scaled down), cohorts, risk cells. */
  static JsonObject kpiDocument() {
    JsonObject definitions = new JsonObject();
    for (Kpi k : Kpi.values()) {
      definitions.put(
          k.wireName(),
          new JsonObject()
              .put("kind", k.kind().wireName())
              .put("en", k.english())
              .put("de", k.german()));
    }
    JsonArray cohorts = new JsonArray();
    for (int c = 0; c < 8; c++) {
      JsonArray curve = new JsonArray().add(1.0);
      for (int m = 1; m < 12 - c; m++) {
        curve.add(round(0.45 * Math.pow(0.9, m) + 0.02 * c, 4));
      }
      cohorts.add(
          new JsonObject()
              .put("cohort", YearMonth.from(AS_OF).minusMonths(11 - c).toString())
              .put("size", 120 + 10 * c)
              .put("retention", curve));
    }
    JsonArray byTier = new JsonArray();
    JsonArray bySegment = new JsonArray();
    String[] bands = {"high", "medium", "low"};
    for (int b = 0; b < bands.length; b++) {
      for (int t = 0; t < TIERS.length; t++) {
        byTier.add(cell(bands[b], "tier", TIERS[t], 30 + 40 * b + 15 * t, 90.0 - 25 * b + 30 * t));
      }
      for (int s = 0; s < SEGMENTS.length; s++) {
        bySegment.add(
            cell(bands[b], "segment", SEGMENTS[s], 60 + 70 * b + 20 * s, 110.0 - 30 * b + 20 * s));
      }
    }
    return new JsonObject()
        .put("tenant", "acme")
        .put("as_of", AS_OF.toString())
        .put("granularity", "month")
        .put("currency", "EUR")
        .put("computed_at", AS_OF.plusDays(1) + "T02:00:00Z")
        .put("model_version", SERVED)
        .put("active_days", 365)
        .put("horizon_days", 90)
        .put("definitions", definitions)
        .mergeIn(breakdown(1.0))
        .put(
            "breakdowns",
            new JsonObject()
                .put("tier", new JsonObject().put("gold", breakdown(0.25)))
                .put("segment", new JsonObject().put("family", breakdown(0.5)))
                .put("tier_segment", new JsonObject().put("gold|family", breakdown(0.125))))
        .put("cohorts", cohorts)
        .put(
            "risk_distribution",
            new JsonObject()
                .put("as_of", AS_OF.toString())
                .put("by_tier", byTier)
                .put("by_segment", bySegment));
  }

  private static JsonObject cell(
      String band, String dimension, String name, int members, double mean) {
    return new JsonObject()
        .put("risk_band", band)
        .put(dimension, name)
        .put("members", members)
        .put("value_at_risk", cents(members * mean));
  }

  private static JsonObject breakdown(double scale) {
    JsonArray periods = new JsonArray();
    YearMonth last = YearMonth.from(AS_OF);
    for (int i = 0; i < MONTHS; i++) {
      YearMonth month = last.minusMonths(MONTHS - 1 - i);
      boolean complete = i < MONTHS - 3;
      boolean recent = i >= MONTHS - 12;
      periods.add(
          new JsonObject()
              .put("period", month.toString())
              .put("start", month.atDay(1).toString())
              .put("end", month.atEndOfMonth().toString())
              .put("complete", complete)
              .put("kpis", kpis(i, scale, complete, recent)));
    }
    return new JsonObject()
        .put("periods", periods)
        .put(
            "overall",
            new JsonObject()
                .put("start", AS_OF.minusYears(1).plusDays(1).toString())
                .put("end", AS_OF.toString())
                .put("complete", false)
                .put("kpis", kpis(MONTHS, scale, false, true)));
  }

  /** Month {@code i}'s KPIs: smooth seasonal numbers, different per month and per breakdown. */
  private static JsonObject kpis(int i, double scale, boolean complete, boolean recent) {
    double wave = Math.sin(i / 2.0);
    long active = Math.round((1200 + 25 * i + 60 * wave) * scale);
    double churn = 0.22 + 0.03 * wave;
    return new JsonObject()
        .put("active_members", active)
        .put("new_members", Math.round((80 + 10 * wave) * scale))
        .put("retention_rate", round(0.41 + 0.04 * wave, 4))
        .put("realized_churn_rate", complete ? round(churn, 4) : null)
        .put("predicted_churn_rate", recent ? round(churn + 0.015, 4) : null)
        .put("repeat_purchase_rate", round(0.78 + 0.03 * wave, 4))
        .put("purchase_frequency", round(1.4 + 0.1 * wave, 4))
        .put("average_order_value", cents(42.17 + 3 * wave))
        .put("average_clv", cents(312.4 + 10 * i))
        .put("total_clv", cents((312.4 + 10 * i) * active))
        .put("value_at_risk", recent ? cents(61234.12 * scale + 900 * i) : null)
        .put("offer_redemption_rate", round(0.09 + 0.01 * wave, 4))
        .put("points_earned", Math.round((81234 + 2000 * wave) * scale))
        .put("points_redeemed", Math.round((12000 + 900 * wave) * scale))
        .put("points_expired", Math.round((3100 + 300 * wave) * scale))
        .put("points_redemption_rate", round(0.1477 + 0.01 * wave, 4))
        .put("points_liability", Math.round((402113 + 5000 * i) * scale))
        .put("engagement_rate", round(0.55 + 0.05 * wave, 4));
  }
}
