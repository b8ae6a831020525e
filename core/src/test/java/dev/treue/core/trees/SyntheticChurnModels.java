package dev.treue.core.trees;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Churn-shaped random vectors and XGBoost models trained on them, for the tree-path tests. */
public final class SyntheticChurnModels {
  /** A feature every training row leaves out, so the model has no column for it. */
  static final ChurnFeature UNSEEN = ChurnFeature.APP_SESSIONS_365;

  private SyntheticChurnModels() {}

  /** Vectors on realistic scales, with zeros and integer-valued counts that put values on thresholds. */
  static double[] vector(SplittableRandom rnd) {
    double[] v = new double[ChurnFeatures.SPEC.size()];
    for (int j = 0; j < v.length; j++) {
      double scale =
          switch (j % 4) {
            case 0 -> 1;
            case 1 -> 10;
            case 2 -> 365;
            default -> 2000;
          };
      v[j] =
          rnd.nextInt(5) == 0
              ? 0
              : (j % 3 == 0 ? Math.floor(rnd.nextDouble() * scale) : rnd.nextDouble() * scale);
    }
    return v;
  }

  private static boolean churned(double[] v, SplittableRandom rnd) {
    double logit =
        0.01 * v[ChurnFeature.RECENCY_DAYS.ordinal()]
            - 0.4 * v[ChurnFeature.FREQUENCY_90.ordinal()]
            + 0.002 * v[ChurnFeature.DAYS_SINCE_ENGAGEMENT.ordinal()]
            - 0.001 * v[ChurnFeature.MONETARY_365.ordinal()]
            + 0.3 * v[ChurnFeature.TIER_RANK.ordinal()]
            - 1;
    return rnd.nextDouble() < 1 / (1 + Math.exp(-logit));
  }

  /**
   * A Tribuo dataset of {@code n} rows. A tenth of the rows leave a few features out, so XGBoost
   * learns default directions for missing values both ways; {@link #UNSEEN} is always left out.
   */
  static MutableDataset<Label> dataset(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> vectors = new ArrayList<>(n);
    boolean[] churned = new boolean[n];
    for (int i = 0; i < n; i++) {
      vectors.add(vector(rnd));
      churned[i] = churned(vectors.get(i), rnd);
    }
    return dataset(vectors, churned);
  }

  /** A Tribuo dataset of given vectors and labels, with missing values as {@link #dataset(int, long)}. */
  public static MutableDataset<Label> dataset(List<double[]> vectors, boolean[] churned) {
    int n = vectors.size();
    LabelFactory labels = new LabelFactory();
    List<Example<Label>> examples = new ArrayList<>(n);
    List<String> names = ChurnFeatures.SPEC.names();
    for (int i = 0; i < n; i++) {
      double[] v = vectors.get(i);
      Label label = new Label(churned[i] ? ChurnScorer.CHURN : ChurnScorer.STAY);
      List<String> kept = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int f = 0; f < v.length; f++) {
        boolean missing = f == UNSEEN.ordinal() || (i % 10 == 0 && f % 7 == i % 7);
        if (!missing) {
          kept.add(names.get(f));
          values.add(v[f]);
        }
      }
      examples.add(
          new ArrayExample<>(
              label,
              kept.toArray(new String[0]),
              values.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return new MutableDataset<>(
        new ListDataSource<>(
            examples, labels, new SimpleDataSourceProvenance("synthetic churn", labels)));
  }

  /** The product's gradient-boosted candidate (training's CandidateTrainers): one tree a round. */
  public static XGBoostModel<Label> candidateConfiguration(
      int trees, double eta, int depth, MutableDataset<Label> data) {
    return BinaryTreesTrainer.of(trees, eta, depth, 5.0, 1L).train(data);
  }

  /**
   * The candidate as Tribuo's classification trainer fitted it until 2026-12-07 ({@code
   * multi:softprob}, a tree per label per round, one thread): registries keep bundles of that kind.
   */
  public static XGBoostModel<Label> softprobConfiguration(
      int trees, double eta, int depth, MutableDataset<Label> data) {
    return new XGBoostClassificationTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            trees,
            eta,
            0.0,
            depth,
            5.0,
            0.8,
            0.8,
            1.0,
            0.0,
            1,
            XGBoostTrainer.LoggingVerbosity.SILENT,
            1L)
        .train(data);
  }
}
