package dev.treue.training.report;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.evaluation.CalibrationTable;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Validation rows for report tests: the true churn probability is {@code sigmoid(-1 + 1.5 x)}, the
 * raw model says {@code sigmoid(-1 + 0.8 x)} (under-confident), and an isotonic calibrator fitted
 * on separate rows fixes it. Baselines: a noisy ranking score, a probability, and the oracle.
 */
final class SyntheticValidation {
  private SyntheticValidation() {}

  static ChurnReportInput input(int n, long seed) {
    Random random = new Random(seed);
    double[] trainRaw = new double[n];
    boolean[] trainChurned = new boolean[n];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      trainRaw[i] = sigmoid(-1 + 0.8 * x);
      trainChurned[i] = random.nextDouble() < sigmoid(-1 + 1.5 * x);
    }
    IsotonicCalibrator calibrator = IsotonicCalibrator.fit(trainRaw, trainChurned);

    double[] raw = new double[n];
    double[] truth = new double[n];
    double[] recency = new double[n];
    double[] rfm = new double[n];
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      truth[i] = sigmoid(-1 + 1.5 * x);
      raw[i] = sigmoid(-1 + 0.8 * x);
      churned[i] = random.nextDouble() < truth[i];
      recency[i] = 120 * x + 100 * random.nextGaussian();
      rfm[i] = sigmoid(-1 + x + random.nextGaussian());
    }
    double[] calibrated = calibrator.calibrateAll(raw);
    return ChurnReportInput.builder()
        .title("Churn model report")
        .model("churn", "2024-06-30.1")
        .cutoffs(
            List.of(LocalDate.parse("2023-09-30"), LocalDate.parse("2023-12-31")),
            LocalDate.parse("2024-03-31"),
            90)
        .rows(3 * n, n)
        .candidate("logistic", 0.5123)
        .candidate("xgboost", 0.4987)
        .chosen("xgboost")
        .evaluation(ScorerEvaluation.ofProbabilities("model", calibrated, churned))
        .baseline(ScorerEvaluation.ofScores("recency", recency, churned))
        .baseline(ScorerEvaluation.ofProbabilities("rfm", rfm, churned))
        .baseline(ScorerEvaluation.ofProbabilities("oracle", truth, churned))
        .calibration(CalibrationTable.of(raw, churned), CalibrationTable.of(calibrated, churned))
        .featureImportance(
            List.of(
                new FeatureImportance("days_since_last_purchase", 0.91),
                new FeatureImportance("purchases_90d", 0.55),
                new FeatureImportance("points_balance", 0.21),
                new FeatureImportance("tier", 0.08)))
        .atRiskSample(
            List.of(
                new AtRiskMember(
                    "C-1042", 0.87, List.of("no purchase for 212 days", "points expiring soon")),
                new AtRiskMember("C-0007", 0.79, List.of("spend down 80% vs previous quarter"))))
        .build();
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
