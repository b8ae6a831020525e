package dev.treue.training.report;

import dev.treue.core.registry.BundleFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an offer report and {@code metrics.json} show about one trained offer model.
 *
 * @param title page title
 * @param modelName the chosen candidate, e.g. "xgboost-d4"
 * @param predictorPath how the bundle's trees are evaluated
 * @param candidates every candidate's fit, in display order
 * @param evaluation the model beside its baselines on the evaluation exposures
 * @param trainingSeconds wall time of the run up to publication
 * @param facts the run's facts as written to {@code training.json}, in display order
 */
public record OfferReportInput(
    String title,
    String modelName,
    String predictorPath,
    Map<String, Candidate> candidates,
    OfferModelEvaluation evaluation,
    double trainingSeconds,
    Map<String, Object> facts) {

  /**
   * One candidate's fit.
   *
   * @param calibrationLogLoss calibrated log loss on the calibration fold (lowest wins)
   * @param seconds time to train and calibrate it
   */
  public record Candidate(double calibrationLogLoss, double seconds) {

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("calibration_log_loss", calibrationLogLoss);
      m.put("seconds", seconds);
      return m;
    }
  }

  /** Requires every part; keeps the order of the candidates and facts. */
  public OfferReportInput {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(evaluation, "evaluation");
    candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** The contents of {@code metrics.json}, keys in their order. */
  public Map<String, Object> metrics() {
    OfferModelEvaluation e = evaluation;
    Map<String, Object> metrics = new LinkedHashMap<>(e.model().toJson());
    metrics.put("log_loss_uncalibrated", e.uncalibratedLogLoss());
    metrics.put("model_name", modelName);
    metrics.put(BundleFormat.VALIDATION_BASE_RATE, e.redemptionRate());
    metrics.put("predictor_path", predictorPath);
    Map<String, Object> candidateJson = new LinkedHashMap<>();
    candidates.forEach((name, c) -> candidateJson.put(name, c.toJson()));
    metrics.put("candidates", candidateJson);
    Map<String, Object> baselineJson = new LinkedHashMap<>();
    e.baselines().forEach((name, b) -> baselineJson.put(name, b.toJson()));
    metrics.put("baselines", baselineJson);
    e.ndcgVsOracle().ifPresent(r -> metrics.put("ndcg_vs_oracle", r));
    metrics.put("off_policy", e.offPolicy().toJson());
    metrics.put("training_seconds", trainingSeconds);
    return metrics;
  }
}
