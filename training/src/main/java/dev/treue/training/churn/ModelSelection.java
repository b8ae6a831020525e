package dev.treue.training.churn;

import dev.treue.core.calibration.ProbabilityCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.evaluation.LogLoss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * Trains every candidate on the fit rows, calibrates each on the calibration rows (raw, Platt or
 * isotonic, by {@link CalibrationChoice}), and keeps the one with the lowest calibrated log loss on
 * the out-of-time validation rows.
 */
final class ModelSelection {

  /** One trained and calibrated candidate with its validation log loss. */
  record Candidate(
      String name,
      Model<Label> model,
      ProbabilityCalibrator calibrator,
      CalibrationChoice calibration,
      double validationLogLoss,
      double[] rawValidation,
      double[] calibratedValidation,
      double seconds) {}

  /** All candidates and the winner. */
  record Result(Map<String, Candidate> candidates, Candidate chosen) {}

  private ModelSelection() {}

  static Result select(
      Map<String, CandidateTrainers.Fitter> trainers,
      LabelledSnapshots fit,
      LabelledSnapshots calibration,
      LabelledSnapshots validation) {
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    Candidate best = null;
    for (Map.Entry<String, CandidateTrainers.Fitter> t : trainers.entrySet()) {
      long start = System.nanoTime();
      Model<Label> model = t.getValue().fit(fit, calibration);
      double[] rawCalibration =
          ChurnScorer.rawProbabilities(model, List.of(calibration.features()));
      CalibrationChoice choice = CalibrationChoice.choose(rawCalibration, calibration);
      ProbabilityCalibrator calibrator = choice.calibrator();
      double[] rawValidation = ChurnScorer.rawProbabilities(model, List.of(validation.features()));
      double[] calibrated = calibrator.calibrateAll(rawValidation);
      double logLoss = LogLoss.of(calibrated, validation.churned());
      double seconds = (System.nanoTime() - start) / 1e9;
      Candidate c =
          new Candidate(
              t.getKey(), model, calibrator, choice, logLoss, rawValidation, calibrated, seconds);
      candidates.put(t.getKey(), c);
      System.out.printf(
          "  %-9s trained on %,d rows in %.1f s, validation log loss %.4f; %s%n",
          t.getKey(), fit.size(), seconds, logLoss, choice.describe());
      if (best == null || logLoss < best.validationLogLoss()) {
        best = c;
      }
    }
    return new Result(candidates, best);
  }
}
