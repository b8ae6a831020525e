package dev.treue.core.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.feature.ChurnFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The two-label trainer fits one tree a round, and every path reads its model the same way: Tribuo's
 * own prediction (through {@link BinaryLogisticConverter}), the native booster and the Java trees,
 * before and after the model's protobuf round trip (how bundles store it).
 */
class BinaryTreesTrainerTest {
  private static MutableDataset<Label> data;
  private static XGBoostModel<Label> model;

  @BeforeAll
  static void trainOnce() {
    data = SyntheticChurnModels.dataset(3000, 11);
    model = BinaryTreesTrainer.of(60, 0.1, 3, 5.0, 1L).train(data);
  }

  @Test
  void fitsOneTreeARoundUnderBinaryLogistic() throws Exception {
    // Tribuo's classification trainer fitted a tree per label per round (120 here).
    JsonNode learner =
        new ObjectMapper()
            .readTree(model.getInnerModels().get(0).toByteArray("json"))
            .path("learner");
    assertEquals("binary:logistic", learner.path("objective").path("name").asText());
    assertEquals(60, learner.path("gradient_booster").path("model").path("trees").size());
  }

  @Test
  void tribuoNativeAndJavaTreesGiveTheSameProbabilities(@TempDir Path dir) throws Exception {
    List<double[]> vectors = vectors(500, 3);
    assertSameEverywhere(model, vectors);
    Path file = dir.resolve("model.tribuo");
    model.serializeToFile(file);
    assertTrue(Files.size(file) > 0);
    Model<?> read = Model.deserializeFromFile(file);
    assertInstanceOf(XGBoostModel.class, read);
    @SuppressWarnings("unchecked")
    XGBoostModel<Label> back = (XGBoostModel<Label>) read;
    assertSameEverywhere(back, vectors);
    double[] before = ChurnScorer.rawProbabilities(model, vectors);
    double[] after = ChurnScorer.rawProbabilities(back, vectors);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 0.0, "vector " + i + " after the round trip");
    }
  }

  @Test
  void heavierWeightsOnOneLabelRaiseItsShare() {
    List<Example<Label>> weighted = new ArrayList<>();
    for (Example<Label> e : data) {
      Example<Label> copy = e.copy();
      copy.setWeight(e.getOutput().getLabel().equals(ChurnScorer.STAY) ? 4f : 1f);
      weighted.add(copy);
    }
    MutableDataset<Label> heavy = dataset(weighted, "weighted");
    XGBoostModel<Label> heavier = BinaryTreesTrainer.of(60, 0.1, 3, 5.0, 1L).train(heavy);
    // Fitted to its rows, a boosted model's P(churn) averages (with the rows' weights) to their
    // churn share: r, or r / (r + 4 (1 - r)) with every member who stayed counted four times.
    double r = 0;
    for (Example<Label> e : data) {
      r += e.getOutput().getLabel().equals(ChurnScorer.CHURN) ? 1 : 0;
    }
    r /= data.size();
    double weightedShare = r / (r + 4 * (1 - r));
    double plain = meanChurn(model.predict(data));
    double heavierMean = meanChurn(heavier.predict(heavy));
    assertEquals(r, plain, 0.03, "unweighted: mean P(churn) against the churn share");
    assertEquals(weightedShare, heavierMean, 0.05, "stays weighted 4x: mean P(churn)");
    assertTrue(
        r - weightedShare > 0.15, "the weights move the share: " + r + " -> " + weightedShare);
  }

  @Test
  void refusesRowsOfOneLabel() {
    List<Example<Label>> stays = new ArrayList<>();
    for (Example<Label> e : data) {
      if (e.getOutput().getLabel().equals(ChurnScorer.STAY)) {
        stays.add(e);
      }
    }
    MutableDataset<Label> one = dataset(stays, "one label");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BinaryTreesTrainer.of(10, 0.1, 3, 5.0, 1L).train(one));
    assertTrue(e.getMessage().contains("two known labels"), e.getMessage());
  }

  /** Tribuo's prediction, the native booster and the Java trees agree on every vector. */
  private static void assertSameEverywhere(XGBoostModel<Label> m, List<double[]> vectors) {
    String[] names = ChurnFeatures.SPEC.names().toArray(new String[0]);
    List<Example<Label>> examples = new ArrayList<>();
    for (double[] v : vectors) {
      examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
    }
    List<Prediction<Label>> tribuo = m.predict(examples);
    double[] nativeP =
        ScorePredictor.of(
                m, "xgboost-native", ChurnFeatures.SPEC, ChurnScorer.CHURN, FeatureGroups.NONE)
            .predict(vectors);
    double[] javaP =
        ScorePredictor.of(
                m, "java-trees", ChurnFeatures.SPEC, ChurnScorer.CHURN, FeatureGroups.NONE)
            .predict(vectors);
    boolean someAbove = false;
    boolean someBelow = false;
    for (int i = 0; i < vectors.size(); i++) {
      double churn = tribuo.get(i).getOutputScores().get(ChurnScorer.CHURN).getScore();
      double stay = tribuo.get(i).getOutputScores().get(ChurnScorer.STAY).getScore();
      assertEquals(1.0, churn + stay, 1e-12, "both labels' scores add up, vector " + i);
      assertEquals(
          churn > 0.5 ? ChurnScorer.CHURN : ChurnScorer.STAY,
          tribuo.get(i).getOutput().getLabel(),
          "the predicted label is the likelier one, vector " + i);
      assertEquals(churn, nativeP[i], 1e-7, "Tribuo against the native booster, vector " + i);
      assertEquals(
          nativeP[i], javaP[i], 1e-7, "native booster against the Java trees, vector " + i);
      someAbove |= churn > 0.5;
      someBelow |= churn < 0.5;
    }
    assertTrue(someAbove && someBelow, "the vectors reach both labels");
  }

  private static List<double[]> vectors(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(SyntheticChurnModels.vector(rnd));
    }
    return out;
  }

  private static MutableDataset<Label> dataset(List<Example<Label>> examples, String description) {
    LabelFactory labels = new LabelFactory();
    return new MutableDataset<>(
        new ListDataSource<>(
            examples, labels, new SimpleDataSourceProvenance(description, labels)));
  }

  /** The mean P(churn), each prediction weighted as its example. */
  private static double meanChurn(List<Prediction<Label>> predictions) {
    double s = 0;
    double w = 0;
    for (Prediction<Label> p : predictions) {
      double weight = p.getExample().getWeight();
      s += weight * p.getOutputScores().get(ChurnScorer.CHURN).getScore();
      w += weight;
    }
    return s / w;
  }
}
