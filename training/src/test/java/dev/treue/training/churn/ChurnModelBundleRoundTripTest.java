package dev.treue.training.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.churn.ChurnModelBundle;
import dev.treue.core.churn.ChurnScore;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.clv.BgNbd;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.GammaGamma;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.trees.ScorePredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/** Save, load, same predictions, same provenance: for every candidate model kind. */
class ChurnModelBundleRoundTripTest {

  /** The published CDNOW lifetime fit, in days: what the bundle must carry back unchanged. */
  private static final LifetimeModel LIFETIME =
      new LifetimeModel(
          new BgNbd(0.243, 4.414 * 7, 0.793, 2.426),
          new GammaGamma(6.25, 3.74, 15.44),
          1,
          new ClvHorizon(18, 0.08));

  /** Synthetic snapshots where churn rises with recency and falls with frequency. */
  static LabelledSnapshots synthetic(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int width = ChurnFeatures.SPEC.size();
    String[] ids = new String[n];
    int[] days = new int[n];
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double[] v = new double[width];
      for (int j = 0; j < width; j++) {
        v[j] = rnd.nextDouble() * 10;
      }
      v[ChurnFeature.RECENCY_DAYS.ordinal()] = rnd.nextDouble() * 300;
      v[ChurnFeature.FREQUENCY_90.ordinal()] = rnd.nextInt(10);
      double logit =
          0.02 * v[ChurnFeature.RECENCY_DAYS.ordinal()]
              - 0.4 * v[ChurnFeature.FREQUENCY_90.ordinal()];
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
      ids[i] = "m" + i;
      x[i] = v;
    }
    return new LabelledSnapshots(ids, days, x, y);
  }

  @Test
  void everyCandidateSurvivesTheRoundTrip(@TempDir Path tmp) throws Exception {
    LabelledSnapshots rows = synthetic(2000, 7);
    Map<String, Trainer<Label>> candidates =
        CandidateTrainers.trainers(new CandidateTrainers.TreeSettings(30, 0.2, 4, 1));
    for (Map.Entry<String, Trainer<Label>> c : candidates.entrySet()) {
      Model<Label> model = CandidateTrainers.train(c.getValue(), rows, "synthetic");
      double[] reference = rows.features()[0];
      ChurnScorer scorer =
          new ChurnScorer(
              model,
              IsotonicCalibrator.fit(
                  ChurnScorer.rawProbabilities(model, List.of(rows.features())), rows.churned()),
              reference,
              LIFETIME);
      Path dir = tmp.resolve(c.getKey());
      ChurnModelBundle.write(dir, scorer, c.getKey(), 90, rows.churnRate());
      ChurnModelBundle.Loaded loaded = ChurnModelBundle.read(dir);

      assertEquals(model.getProvenance(), loaded.scorer().model().getProvenance(), c.getKey());
      assertEquals(c.getKey(), loaded.info().modelName());
      assertEquals(LIFETIME, loaded.scorer().lifetime());
      assertEquals(ChurnFeatures.SPEC.hash(), loaded.info().spec().hash());
      assertEquals(rows.churnRate(), loaded.info().trainingBaseRate(), c.getKey());
      List<double[]> sample = new ArrayList<>(List.of(rows.features()).subList(0, 200));
      assertArrayEquals(
          scorer.rawProbabilities(sample),
          loaded.scorer().rawProbabilities(sample),
          1e-12,
          c.getKey());
      List<ChurnScore> before = scorer.scoreAll(sample);
      List<ChurnScore> after = loaded.scorer().scoreAll(sample);
      assertEquals(before, after, c.getKey());
      assertTrue(before.stream().anyMatch(s -> !s.reasons().isEmpty()), "some member has reasons");
      List<ChurnScore> riskyOnly = scorer.scoreAll(sample, 0.5);
      for (int i = 0; i < sample.size(); i++) {
        ChurnScore all = before.get(i);
        boolean risky = all.probability() >= 0.5;
        ChurnScore expected =
            new ChurnScore(
                all.probability(),
                all.band(),
                risky ? all.reasons() : List.of(),
                risky ? all.why() : List.of());
        assertEquals(expected, riskyOnly.get(i), c.getKey());
      }
    }
  }

  @Test
  void theJavaTreePathGivesTribuosProbabilities() {
    LabelledSnapshots rows = synthetic(3000, 11);
    // Zeros matter: a sparse path would treat them as missing, the dense one must not differ.
    for (int i = 0; i < rows.size(); i += 3) {
      rows.features()[i][ChurnFeature.FREQUENCY_90.ordinal()] = 0;
    }
    Model<Label> model =
        CandidateTrainers.train(
            CandidateTrainers.trainers(new CandidateTrainers.TreeSettings(60, 0.2, 5, 1))
                .get("xgboost"),
            rows,
            "s");
    List<double[]> vectors = List.of(rows.features());
    double[] tribuo =
        new ScorePredictor.TribuoPredictor(model, ChurnFeatures.SPEC, ChurnScorer.CHURN)
            .predict(vectors);
    double[] fast = ChurnScorer.predictor(model).predict(vectors);
    assertEquals("java-trees", ChurnScorer.predictor(model).path());
    assertArrayEquals(tribuo, fast, 1e-7);
  }

  @Test
  void aFeatureThatNeverVariesIsLeftOutNotTurnedIntoNaN() {
    // CDNOW has no app sessions: a constant column must not break standardisation.
    LabelledSnapshots rows = synthetic(1000, 5);
    for (double[] v : rows.features()) {
      v[ChurnFeature.APP_SESSIONS_30.ordinal()] = 0;
    }
    for (Trainer<Label> trainer :
        CandidateTrainers.trainers(new CandidateTrainers.TreeSettings(20, 0.3, 3, 1)).values()) {
      Model<Label> model = CandidateTrainers.train(trainer, rows, "constant column");
      assertTrue(model.getFeatureIDMap().get(ChurnFeature.APP_SESSIONS_30.featureName()) == null);
      for (double p : ChurnScorer.rawProbabilities(model, List.of(rows.features()))) {
        assertTrue(p >= 0 && p <= 1, "a probability, got " + p);
      }
    }
  }

  @Test
  void aBundleFromAnotherFeatureSpecIsRefused(@TempDir Path tmp) throws Exception {
    LabelledSnapshots rows = synthetic(500, 3);
    Model<Label> model =
        CandidateTrainers.train(
            CandidateTrainers.trainers(new CandidateTrainers.TreeSettings(5, 0.3, 3, 1))
                .get("logistic"),
            rows,
            "s");
    ChurnScorer scorer =
        new ChurnScorer(
            model,
            IsotonicCalibrator.fit(new double[] {0.1, 0.9}, new boolean[] {false, true}),
            rows.features()[0],
            LIFETIME);
    ChurnModelBundle.write(tmp, scorer, "logistic", 90, 0.3);
    Path bundle = tmp.resolve(ChurnModelBundle.BUNDLE);
    Files.writeString(
        bundle, Files.readString(bundle).replace("churn-features/v4", "churn-features/v0"));
    Exception e = assertThrows(java.io.IOException.class, () -> ChurnModelBundle.read(tmp));
    assertTrue(e.getMessage().contains("feature spec"), e.getMessage());
  }
}
