package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.evaluation.LogLoss;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A candidate's calibration must not make its probabilities worse than the raw ones: on CDNOW the
 * logistic's isotonic-calibrated log loss (0.619) was worse than its raw one (0.507) and than the
 * base rate, because isotonic blocks without churners clamp at 1e-4.
 */
class CalibrationNeverHurtsTest {
  private static final int RECENCY = ChurnFeature.RECENCY_DAYS.ordinal();
  private static final int SPEND = ChurnFeature.MONETARY_365.ordinal();

  /** Rows whose churn follows a logistic law of recency and spend; other features are noise. */
  private static LabelledSnapshots rows(int n, int cutoffDay, String prefix, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] ids = new String[n];
    int[] days = new int[n];
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double[] v = new double[ChurnFeatures.SPEC.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = rnd.nextDouble();
      }
      v[RECENCY] = rnd.nextDouble() * 300;
      v[SPEND] = rnd.nextDouble() * 20_000;
      double logit = 0.012 * (v[RECENCY] - 150) - 0.0002 * (v[SPEND] - 10_000);
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
      ids[i] = prefix + i;
      days[i] = cutoffDay;
      x[i] = v;
    }
    return new LabelledSnapshots(ids, days, x, y);
  }

  @Test
  void aSmallCalibrationFoldKeepsTheLogisticsRawProbabilities() {
    LabelledSnapshots fit = rows(4000, 20_000, "f", 1);
    // Few calibration rows: isotonic pools them into blocks of all-stay or all-churn members at
    // the ends, which it then maps to 1e-4 and 1 - 1e-4.
    LabelledSnapshots calibration = rows(60, 20_000, "c", 2);
    LabelledSnapshots validation = rows(4000, 20_120, "v", 3);
    ModelSelection.Candidate c =
        ModelSelection.select(
                Map.of("logistic", CandidateTrainers::logistic), fit, calibration, validation)
            .chosen();
    double raw = LogLoss.of(c.rawValidation(), validation.churned());
    double calibrated = LogLoss.of(c.calibratedValidation(), validation.churned());
    assertTrue(
        calibrated <= raw + 0.005,
        "calibrated log loss " + calibrated + " must not be worse than the raw " + raw);
    assertEquals(CalibrationChoice.RAW, c.calibration().kind(), c.calibration().describe());
  }

  @Test
  void underconfidentProbabilitiesAreStillCalibrated() {
    // Raw probabilities squeezed towards one half: calibration must stretch them back out.
    LabelledSnapshots calibration = rows(3000, 20_000, "c", 5);
    LabelledSnapshots validation = rows(3000, 20_120, "v", 6);
    CalibrationChoice choice = CalibrationChoice.choose(squeezed(calibration), calibration);
    assertNotEquals(CalibrationChoice.RAW, choice.kind(), choice.describe());
    double[] raw = squeezed(validation);
    double before = LogLoss.of(raw, validation.churned());
    double after = LogLoss.of(choice.calibrator().calibrateAll(raw), validation.churned());
    assertTrue(after < before - 0.02, "calibrated " + after + " vs raw " + before);
  }

  /** The true churn probability of each row, pulled 80% of the way towards one half. */
  private static double[] squeezed(LabelledSnapshots rows) {
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      double[] v = rows.features()[i];
      double logit = 0.012 * (v[RECENCY] - 150) - 0.0002 * (v[SPEND] - 10_000);
      p[i] = 0.5 + 0.2 * (1 / (1 + Math.exp(-logit)) - 0.5);
    }
    return p;
  }
}
