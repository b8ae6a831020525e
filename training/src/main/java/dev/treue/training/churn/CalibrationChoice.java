package dev.treue.training.churn;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.evaluation.LogLoss;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * How a candidate's raw probabilities are turned into the ones it reports: kept as they are
 * ({@value #RAW}), Platt scaling or isotonic regression, whichever has the lowest log loss on the
 * calibration rows when each is judged on members it was not fitted on (5-fold cross-validation by
 * member, so a member's rows at several cutoffs stay together).
 *
 * <p>Judged on its own rows isotonic regression always looks best, yet on few rows, or with a model
 * whose probabilities are already good, it makes them worse: its end blocks hold no churner (or
 * only churners) and are clamped to 1e-4, which one such member in new data pays for dearly. On
 * CDNOW the logistic's isotonic log loss on the validation cutoff was 0.619 against 0.507 raw.
 *
 * @param kind {@value #RAW}, {@code platt} or {@code isotonic}
 * @param calibrator fitted on every calibration row; for {@value #RAW} the identity (Platt with
 *     slope 1 and intercept 0, which bundles already store and the service already reads)
 * @param heldOutLogLoss each kind's log loss on the calibration rows, held out by member
 */
record CalibrationChoice(
    String kind, ProbabilityCalibrator calibrator, Map<String, Double> heldOutLogLoss) {
  /** The kind that keeps the model's raw probabilities. */
  static final String RAW = "raw";

  private static final int FOLDS = 5;

  /**
   * Chooses and fits the calibration for one candidate.
   *
   * @param raw the candidate's raw churn probabilities on the calibration rows
   * @param calibration the calibration rows (labels and member ids)
   */
  static CalibrationChoice choose(double[] raw, LabelledSnapshots calibration) {
    boolean[] churned = calibration.churned();
    int[] fold = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      fold[i] = fold(calibration.customerIds()[i]);
    }
    Map<String, Double> loss = new LinkedHashMap<>();
    loss.put(RAW, LogLoss.of(identity().calibrateAll(raw), churned));
    loss.put(PlattCalibrator.KIND, heldOut(raw, churned, fold, PlattCalibrator::fit));
    loss.put(IsotonicCalibrator.KIND, heldOut(raw, churned, fold, IsotonicCalibrator::fit));
    // Ties and folds too small to judge (NaN) keep the raw probabilities.
    String kind = RAW;
    for (Map.Entry<String, Double> e : loss.entrySet()) {
      if (e.getValue() < loss.get(kind)) {
        kind = e.getKey();
      }
    }
    ProbabilityCalibrator calibrator =
        switch (kind) {
          case PlattCalibrator.KIND -> PlattCalibrator.fit(raw, churned);
          case IsotonicCalibrator.KIND -> IsotonicCalibrator.fit(raw, churned);
          default -> identity();
        };
    return new CalibrationChoice(kind, calibrator, loss);
  }

  /** A calibrator that returns the raw probability (kept within the calibrators' 1e-4 margin). */
  static ProbabilityCalibrator identity() {
    return new PlattCalibrator(1, 0);
  }

  /** One line for the console and the report, e.g. {@code raw kept (held-out log loss ...)}. */
  String describe() {
    StringBuilder b = new StringBuilder("calibration: " + kind);
    b.append(RAW.equals(kind) ? " (raw probabilities kept)" : "");
    b.append("; held-out log loss on the calibration rows");
    heldOutLogLoss.forEach(
        (k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s %.4f", k, v)));
    return b.toString();
  }

  private interface Fit {
    ProbabilityCalibrator fit(double[] raw, boolean[] churned);
  }

  /** Log loss over the rows, each calibrated by a fit on the other folds; NaN if a fold is empty. */
  private static double heldOut(double[] raw, boolean[] churned, int[] fold, Fit fit) {
    double[] p = new double[raw.length];
    for (int k = 0; k < FOLDS; k++) {
      int in = 0;
      for (int f : fold) {
        in += f == k ? 1 : 0;
      }
      if (in == 0 || in == raw.length) {
        return Double.NaN;
      }
      double[] trainRaw = new double[raw.length - in];
      boolean[] trainY = new boolean[raw.length - in];
      for (int i = 0, t = 0; i < raw.length; i++) {
        if (fold[i] != k) {
          trainRaw[t] = raw[i];
          trainY[t++] = churned[i];
        }
      }
      ProbabilityCalibrator c = fit.fit(trainRaw, trainY);
      for (int i = 0; i < raw.length; i++) {
        if (fold[i] == k) {
          p[i] = c.calibrate(raw[i]);
        }
      }
    }
    return LogLoss.of(p, churned);
  }

  /** A member's cross-validation fold, by a checksum of the id salted apart from the others. */
  private static int fold(String customerId) {
    CRC32 crc = new CRC32();
    crc.update(("calibration-choice:" + customerId).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % FOLDS);
  }
}
