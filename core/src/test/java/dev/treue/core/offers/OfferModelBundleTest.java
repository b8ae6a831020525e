package dev.treue.core.offers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.core.calibration.PlattCalibrator;
import dev.treue.core.feature.FeatureSpec;
import dev.treue.core.trees.BinaryTreesTrainer;
import dev.treue.core.trees.ScorePredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * An offer bundle reads back to the same probabilities as the Tribuo model it was written from,
 * on the fast tree path for XGBoost and on Tribuo's for logistic regression, and is refused when
 * the code's feature spec differs.
 */
class OfferModelBundleTest {
  private static final FeatureSpec SPEC =
      new FeatureSpec(
          "offers-test-1", List.of("affinity", "value", "points_gap", "sent_before", "kind_rate"));

  @Test
  void anXgboostBundleRoundTripsOnTheJavaTreePath(@TempDir Path dir) throws IOException {
    Model<Label> model = BinaryTreesTrainer.of(40, 0.2, 4, 5.0, 1L).train(dataset(3000, 7));
    OfferResponseScorer scorer = new OfferResponseScorer(model, SPEC, null);
    OfferModelBundle.write(dir, scorer, "xgboost", 0.12);

    OfferModelBundle.Loaded loaded = OfferModelBundle.read(dir, SPEC);

    assertEquals("java-trees", loaded.scorer().predictorPath());
    assertEquals("xgboost", loaded.info().modelName());
    assertEquals(0.12, loaded.info().trainingBaseRate());
    assertEquals(SPEC.hash(), loaded.info().spec().hash());
    assertEquals(model.getProvenance(), loaded.scorer().model().getProvenance());
    assertNull(loaded.scorer().calibrator());
    List<double[]> vectors = vectors(2000, 99);
    assertArrayEquals(tribuo(model, vectors), loaded.scorer().predict(vectors), 1e-7);
  }

  @Test
  void aLogisticBundleKeepsItsCalibrator(@TempDir Path dir) throws IOException {
    Model<Label> model = new LogisticRegressionTrainer().train(dataset(2000, 3));
    PlattCalibrator platt =
        PlattCalibrator.fit(
            new double[] {0.1, 0.2, 0.7, 0.9, 0.3, 0.6},
            new boolean[] {false, false, true, true, false, true});
    OfferResponseScorer scorer = new OfferResponseScorer(model, SPEC, platt);
    OfferModelBundle.write(dir, scorer, "logistic", 0.3);

    OfferModelBundle.Loaded loaded = OfferModelBundle.read(dir, SPEC);

    assertEquals("tribuo", loaded.scorer().predictorPath());
    List<double[]> vectors = vectors(500, 5);
    assertArrayEquals(
        platt.calibrateAll(tribuo(model, vectors)), loaded.scorer().predict(vectors), 1e-12);
    assertArrayEquals(scorer.predict(vectors), loaded.scorer().predict(vectors), 1e-12);
  }

  @Test
  void aBundleFromAnotherFeatureSpecOrKindIsRefused(@TempDir Path dir) throws IOException {
    Model<Label> model = new LogisticRegressionTrainer().train(dataset(300, 1));
    OfferModelBundle.write(dir, new OfferResponseScorer(model, SPEC, null), "logistic", 0.3);
    FeatureSpec other = new FeatureSpec("offers-test-2", SPEC.names());

    IOException spec = assertThrows(IOException.class, () -> OfferModelBundle.read(dir, other));
    assertTrue(
        spec.getMessage().contains("feature spec") && spec.getMessage().contains(other.hash()),
        spec.getMessage());

    Path bundle = dir.resolve(OfferModelBundle.BUNDLE);
    Files.writeString(bundle, Files.readString(bundle).replace("\"offers\"", "\"churn\""));
    IOException kind = assertThrows(IOException.class, () -> OfferModelBundle.read(dir, SPEC));
    assertTrue(kind.getMessage().contains("kind"), kind.getMessage());
  }

  @Test
  void aScorerSurvivesJavaSerialization() throws Exception {
    // Spark broadcasts the scorer to executors.
    Model<Label> model = BinaryTreesTrainer.of(10, 0.3, 3, 1.0, 1L).train(dataset(500, 2));
    OfferResponseScorer scorer = new OfferResponseScorer(model, SPEC, null);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(scorer);
    }
    OfferResponseScorer copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (OfferResponseScorer) in.readObject();
    }
    List<double[]> vectors = vectors(300, 4);
    assertArrayEquals(scorer.predict(vectors), copy.predict(vectors), 0);
    assertEquals(SPEC.hash(), copy.spec().hash());
  }

  @Test
  void aVectorOfTheWrongLengthIsRefused() {
    Model<Label> model = new LogisticRegressionTrainer().train(dataset(300, 1));
    OfferResponseScorer scorer = new OfferResponseScorer(model, SPEC, null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> scorer.predict(List.of(new double[3])));
    assertTrue(e.getMessage().contains("offers-test-1"), e.getMessage());
  }

  private static double[] tribuo(Model<Label> model, List<double[]> vectors) {
    return new ScorePredictor.TribuoPredictor(model, SPEC, OfferResponseScorer.REDEEMED)
        .predict(vectors);
  }

  private static List<double[]> vectors(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new double[] {
            rnd.nextDouble(),
            Math.floor(rnd.nextDouble() * 50),
            rnd.nextDouble() * 400 - 200,
            rnd.nextInt(4),
            rnd.nextDouble()
          });
    }
    return out;
  }

  private static MutableDataset<Label> dataset(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LabelFactory labels = new LabelFactory();
    String[] names = SPEC.names().toArray(new String[0]);
    List<Example<Label>> examples = new ArrayList<>(n);
    for (double[] v : vectors(n, seed)) {
      double logit = 3 * v[0] - 0.03 * v[1] + 0.004 * v[2] - 0.5 * v[3] + 2 * v[4] - 1.5;
      boolean redeemed = rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
      examples.add(
          new ArrayExample<>(
              new Label(redeemed ? OfferResponseScorer.REDEEMED : OfferResponseScorer.IGNORED),
              names,
              v));
    }
    return new MutableDataset<>(
        new ListDataSource<>(
            examples, labels, new SimpleDataSourceProvenance("synthetic offer exposures", labels)));
  }
}
