package dev.treue.training.churn;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.training.report.ScorerEvaluation;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The baselines every churn report shows next to the model, on the same validation rows: the
 * recency rule, an RFM score, the BG/NBD lifetime model's P(no purchase in the horizon), and the oracle (the generator's true probability) when known. Rule
 * scores become probabilities through an isotonic fit on the calibration rows, exactly as the model
 * does, so log loss and Brier compare like with like; their ranking metrics come from the raw scores,
 * which the fit's ties would otherwise blunt.
 */
final class ChurnBaselines {
  private ChurnBaselines() {}

  /**
   * The baselines on the validation rows, the rules fitted on the calibration rows.
   *
   * @param oracle the true probabilities by member, or null when unknown
   * @param printTo where a note that the oracle was left out is printed
   */
  static List<ScorerEvaluation> evaluate(
      LabelledSnapshots calibration,
      LabelledSnapshots validation,
      CutoffLifetimes lifetimes,
      int horizonDays,
      Map<String, Double> oracle,
      PrintStream printTo) {
    List<ScorerEvaluation> out = new ArrayList<>();
    int recency = ChurnFeature.RECENCY_DAYS.ordinal();
    out.add(
        asProbabilities(
            "recency",
            calibration.column(recency),
            calibration,
            validation.column(recency),
            validation));
    RfmBaseline rfm = RfmBaseline.fit(calibration);
    out.add(
        asProbabilities(
            "rfm",
            rfm.churnScores(calibration),
            calibration,
            rfm.churnScores(validation),
            validation));
    out.add(
        asProbabilities(
            "bgnbd",
            lifetimes.noPurchaseScores(calibration, horizonDays),
            calibration,
            lifetimes.noPurchaseScores(validation, horizonDays),
            validation));
    if (oracle != null) {
      double[] truth = new double[validation.size()];
      boolean complete = true;
      for (int i = 0; i < truth.length; i++) {
        Double p = oracle.get(validation.customerIds()[i]);
        complete &= p != null;
        truth[i] = p == null ? Double.NaN : p;
      }
      if (complete) {
        out.add(ScorerEvaluation.ofProbabilities("oracle", truth, validation.churned()));
      } else {
        printTo.println(
            "  oracle: truth.csv lacks some validation members at "
                + LocalDate.ofEpochDay(validation.cutoffDays()[0])
                + "; oracle baseline left out");
      }
    }
    return out;
  }

  /** The highest AUC of the rule baselines (recency, RFM, BG/NBD) on the validation rows. */
  static double bestRuleAuc(
      LabelledSnapshots calibration,
      LabelledSnapshots validation,
      CutoffLifetimes lifetimes,
      int horizonDays) {
    double best = Double.NaN;
    for (ScorerEvaluation b :
        evaluate(calibration, validation, lifetimes, horizonDays, null, System.out)) {
      double auc = b.metrics().auc();
      best = Double.isNaN(best) ? auc : Math.max(best, auc);
    }
    return best;
  }

  private static ScorerEvaluation asProbabilities(
      String name,
      double[] calibrationScores,
      LabelledSnapshots calibration,
      double[] validationScores,
      LabelledSnapshots validation) {
    IsotonicCalibrator toProbability =
        IsotonicCalibrator.fit(calibrationScores, calibration.churned());
    return ScorerEvaluation.ofCalibratedScores(
        name, validationScores, toProbability.calibrateAll(validationScores), validation.churned());
  }
}
