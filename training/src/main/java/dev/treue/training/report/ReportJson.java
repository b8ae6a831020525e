package dev.treue.training.report;

import dev.treue.core.evaluation.BinaryMetrics;
import dev.treue.core.evaluation.CalibrationBin;
import dev.treue.core.evaluation.CalibrationTable;
import dev.treue.core.evaluation.GainsPoint;
import dev.treue.core.evaluation.PrecisionRecallPoint;
import dev.treue.core.evaluation.RocPoint;
import dev.treue.core.evaluation.ScoreCurves;
import dev.treue.core.registry.BundleFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON trees of a churn report, as plain maps and lists. NaN and infinite numbers become null:
 * JSON has no NaN, and a missing metric (a baseline without probabilities) should read as absent.
 */
final class ReportJson {
  private ReportJson() {}

  /** The {@code metrics.json} shape: model metrics, row counts, then one entry per baseline. */
  static Map<String, Object> metrics(ChurnReportInput input) {
    Map<String, Object> map = headline(input.model().metrics());
    map.put(BundleFormat.VALIDATION_BASE_RATE, number(input.model().metrics().baseRate()));
    map.put("n_train", input.nTrain());
    map.put("n_valid", input.nValid());
    map.put("horizon_days", input.horizonDays());
    map.put("validation_cutoff", input.validationCutoff().toString());
    map.put("chosen_model", input.chosenModel());
    map.put("ece_before", number(input.calibrationBefore().expectedCalibrationError()));
    map.put("ece_after", number(input.calibrationAfter().expectedCalibrationError()));
    Map<String, Object> baselines = new LinkedHashMap<>();
    for (ScorerEvaluation baseline : input.baselines()) {
      baselines.put(baseline.name(), headline(baseline.metrics()));
    }
    map.put("baselines", baselines);
    PopulationSummary population = input.population();
    if (population != null) {
      CutoffPopulation atValidation = population.at(input.validationCutoff());
      if (atValidation != null) {
        map.put("population", atValidation.toMap());
      }
      map.put("active_days", population.activeDays());
    }
    List<Map<String, Object>> folds = new ArrayList<>();
    for (BacktestFold f : input.backtest()) {
      Map<String, Object> fold = entry("cutoff", f.cutoff().toString(), "auc", number(f.auc()));
      fold.put("log_loss", number(f.logLoss()));
      fold.put("best_baseline_auc", number(f.bestBaselineAuc()));
      folds.add(fold);
    }
    map.put("backtest", folds);
    map.put("notes", input.notes());
    if (input.winBack() != null) {
      map.put("win_back", input.winBack().toMap());
    }
    return map;
  }

  /** The whole {@code report.json} document. */
  static Map<String, Object> document(ChurnReportInput input) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("title", input.title());
    doc.put("model_kind", input.modelKind());
    doc.put("model_version", input.modelVersion());
    doc.put("training_cutoffs", input.trainingCutoffs().stream().map(Object::toString).toList());
    doc.put("validation_cutoff", input.validationCutoff().toString());
    doc.put("horizon_days", input.horizonDays());
    doc.put("chosen_model", input.chosenModel());
    Map<String, Object> candidates = new LinkedHashMap<>();
    input.candidateLogLoss().forEach((name, logLoss) -> candidates.put(name, number(logLoss)));
    doc.put("candidate_log_loss", candidates);
    doc.put("metrics", metrics(input));
    if (input.population() != null) {
      List<Map<String, Object>> perCutoff = new ArrayList<>();
      for (CutoffPopulation c : input.population().cutoffs()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cutoff", c.cutoff().toString());
        row.putAll(c.toMap());
        perCutoff.add(row);
      }
      doc.put("population_by_cutoff", perCutoff);
    }
    Map<String, Object> curves = new LinkedHashMap<>();
    curves.put(input.model().name(), curves(input.model().curves()));
    for (ScorerEvaluation baseline : input.baselines()) {
      curves.put(baseline.name(), curves(baseline.curves()));
    }
    doc.put("model_name", input.model().name());
    doc.put("curves", curves);
    Map<String, Object> calibration = new LinkedHashMap<>();
    calibration.put("before", calibration(input.calibrationBefore()));
    calibration.put("after", calibration(input.calibrationAfter()));
    doc.put("calibration", calibration);
    List<Map<String, Object>> importance = new ArrayList<>();
    for (FeatureImportance f : input.featureImportance()) {
      importance.add(entry("feature", f.feature(), "value", number(f.value())));
    }
    doc.put("feature_importance", importance);
    List<Map<String, Object>> atRisk = new ArrayList<>();
    for (AtRiskMember m : input.atRiskSample()) {
      Map<String, Object> member =
          entry("customer_id", m.customerId(), "churn_probability", number(m.churnProbability()));
      member.put("reasons", m.reasons());
      atRisk.add(member);
    }
    doc.put("at_risk_sample", atRisk);
    return doc;
  }

  private static Map<String, Object> headline(BinaryMetrics m) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("auc", number(m.auc()));
    map.put("pr_auc", number(m.prAuc()));
    map.put("log_loss", number(m.logLoss()));
    map.put("brier", number(m.brier()));
    map.put("lift_top_decile", number(m.liftTopDecile()));
    return map;
  }

  private static Map<String, Object> curves(ScoreCurves curves) {
    List<List<Double>> roc = new ArrayList<>();
    for (RocPoint p : curves.roc().points()) {
      roc.add(List.of(p.falsePositiveRate(), p.truePositiveRate()));
    }
    List<List<Double>> pr = new ArrayList<>();
    for (PrecisionRecallPoint p : curves.precisionRecall().points()) {
      pr.add(List.of(p.recall(), p.precision()));
    }
    List<Map<String, Object>> gains = new ArrayList<>();
    for (GainsPoint p : curves.gains().points()) {
      Map<String, Object> point = entry("depth", p.depth(), "gain", p.gain());
      point.put("lift", p.lift());
      gains.add(point);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("roc_fpr_tpr", roc);
    map.put("pr_recall_precision", pr);
    map.put("gains", gains);
    return map;
  }

  private static Map<String, Object> calibration(CalibrationTable table) {
    List<Map<String, Object>> bins = new ArrayList<>();
    for (CalibrationBin bin : table.bins()) {
      Map<String, Object> map = entry("lower", bin.lower(), "upper", bin.upper());
      map.put("count", bin.count());
      map.put("mean_predicted", bin.meanPredicted());
      map.put("observed_rate", bin.observedRate());
      bins.add(map);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("expected_calibration_error", number(table.expectedCalibrationError()));
    map.put("bins", bins);
    return map;
  }

  private static Map<String, Object> entry(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  /** A JSON-safe number: null for NaN and infinities. */
  static Double number(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
