package dev.treue.benchmarks;

import dev.treue.core.calibration.IsotonicCalibrator;
import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.clv.ClvHorizon;
import dev.treue.core.clv.LifetimeModel;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.feature.LifetimeFeatures;
import dev.treue.core.trees.BinaryTreesTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A churn model as the product trains one, from synthetic members: the gradient-boosted candidate
 * with training's defaults (CandidateTrainers with {@code --trees 400 --eta 0.04 --max-depth 3};
 * copied here so the benchmark jar does not carry Spark), features that never vary left out as
 * training does, an isotonic calibrator on the model's raw probabilities and the median retained
 * member as reference.
 *
 * @param model the Tribuo XGBoost model
 * @param calibrator fitted on the training members' raw probabilities
 * @param reference per-feature median over members who stayed
 * @param lifetime fitted on the vectors, which it fills first, as training does
 */
record BenchmarkChurnModel(
    Model<Label> model, IsotonicCalibrator calibrator, double[] reference, LifetimeModel lifetime) {
  static final int TREES = 400;
  static final double ETA = 0.04;
  static final int MAX_DEPTH = 3;

  /** Trains on the vectors with their lapse labels. */
  static BenchmarkChurnModel train(List<double[]> vectors, boolean[] churned) {
    LifetimeModel lifetime = LifetimeFeatures.fit(vectors, ClvHorizon.DEFAULT).model();
    vectors.forEach(v -> LifetimeFeatures.fill(v, lifetime));
    int width = ChurnFeatures.SPEC.size();
    boolean[] varies = new boolean[width];
    for (double[] v : vectors) {
      for (int f = 0; f < width; f++) {
        varies[f] |= v[f] != vectors.get(0)[f];
      }
    }
    List<String> kept = new ArrayList<>();
    for (int f = 0; f < width; f++) {
      if (varies[f]) {
        kept.add(ChurnFeatures.SPEC.names().get(f));
      }
    }
    String[] names = kept.toArray(new String[0]);
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      double[] values = new double[names.length];
      for (int f = 0, k = 0; f < width; f++) {
        if (varies[f]) {
          values[k++] = vectors.get(i)[f];
        }
      }
      examples.add(
          new ArrayExample<>(
              new Label(churned[i] ? ChurnScorer.CHURN : ChurnScorer.STAY), names, values));
    }
    MutableDataset<Label> data =
        new MutableDataset<>(
            new ListDataSource<>(
                examples, labels, new SimpleDataSourceProvenance("synthetic programme", labels)));
    Model<Label> model = BinaryTreesTrainer.of(TREES, ETA, MAX_DEPTH, 5.0, 1L).train(data);
    double[] raw = ChurnScorer.rawProbabilities(model, vectors);
    return new BenchmarkChurnModel(
        model, IsotonicCalibrator.fit(raw, churned), retainedMedian(vectors, churned), lifetime);
  }

  private static double[] retainedMedian(List<double[]> vectors, boolean[] churned) {
    int width = ChurnFeatures.SPEC.size();
    double[] reference = new double[width];
    for (int f = 0; f < width; f++) {
      int column = f;
      double[] values =
          java.util.stream.IntStream.range(0, vectors.size())
              .filter(i -> !churned[i])
              .mapToDouble(i -> vectors.get(i)[column])
              .toArray();
      Arrays.sort(values);
      reference[f] = values.length == 0 ? 0 : values[values.length / 2];
    }
    return reference;
  }
}
