package dev.treue.training.materialize;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.training.churn.CandidateTrainers;
import dev.treue.training.churn.LabelledSnapshots;
import java.util.SplittableRandom;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** A small churn model for batch tests that need some model, not a good one. */
public final class TestChurnScorers {
  private static final LifetimeModel LIFETIME =
      new LifetimeModel(
          new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          1,
          new ClvHorizon(18, 0.08));

  private TestChurnScorers() {}

  /** A logistic model on 600 random rows, calibrated, with a sample lifetime model. */
  public static ChurnScorer small() {
    int n = 600;
    SplittableRandom rnd = new SplittableRandom(3);
    int width = dev.treue.core.feature.ChurnFeatures.SPEC.size();
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[width];
      for (int j = 0; j < width; j++) {
        x[i][j] = rnd.nextDouble() * 10;
      }
      y[i] = rnd.nextBoolean();
      ids[i] = "m" + i;
    }
    LabelledSnapshots rows = new LabelledSnapshots(ids, new int[n], x, y);
    Model<Label> model =
        // The L2 strength is chosen on its second argument; these rows only need some model.
        CandidateTrainers.logistic(rows, rows);
    return new ChurnScorer(
        model,
        IsotonicCalibrator.fit(new double[] {0.1, 0.9}, new boolean[] {false, true}),
        x[0],
        LIFETIME);
  }
}
