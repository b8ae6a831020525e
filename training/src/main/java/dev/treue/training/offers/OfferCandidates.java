package dev.treue.training.offers;

import dev.treue.core.offers.OfferFeatures;
import dev.treue.core.offers.OfferResponseScorer;
import dev.treue.core.trees.BinaryTreesTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * The offer response candidates: logistic regression and gradient-boosted trees in two shapes
 * (shallow and deeper), a little tuning that the out-of-time calibration fold decides.
 */
public final class OfferCandidates {
  private static final LabelFactory LABELS = new LabelFactory();

  /** Tree count and seed of the boosted candidates. */
  public record TreeSettings(int trees, long seed) {}

  private OfferCandidates() {}

  /** Trainers by name, in the order they are reported. */
  static Map<String, Trainer<Label>> candidates(TreeSettings s) {
    Map<String, Trainer<Label>> out = new LinkedHashMap<>();
    out.put(
        "logistic",
        new TransformTrainer<>(
            new LogisticRegressionTrainer(),
            new TransformationMap(List.of(new MeanStdDevTransformation())),
            true));
    out.put("xgboost-d4", xgboost(s.trees(), 0.08, 4, s.seed()));
    out.put("xgboost-d6", xgboost(s.trees(), 0.05, 6, s.seed()));
    return out;
  }

  private static Trainer<Label> xgboost(int trees, double eta, int depth, long seed) {
    return BinaryTreesTrainer.of(trees, eta, depth, 5.0, seed);
  }

  /**
   * A weighted Tribuo dataset of the exposures. Features that never vary are left out (standardising
   * them divides by zero); the scorer ignores features a model has not seen.
   */
  static MutableDataset<Label> dataset(Exposures rows, double[] weights, String description) {
    int width = OfferFeatures.size();
    boolean[] varies = new boolean[width];
    for (int f = 0; f < width; f++) {
      for (int i = 1; i < rows.size() && !varies[f]; i++) {
        varies[f] = rows.features()[i][f] != rows.features()[0][f];
      }
    }
    List<String> kept = new ArrayList<>();
    for (int f = 0; f < width; f++) {
      if (varies[f]) {
        kept.add(OfferFeatures.spec().names().get(f));
      }
    }
    String[] names = kept.toArray(new String[0]);
    Label yes = new Label(OfferResponseScorer.REDEEMED);
    Label no = new Label(OfferResponseScorer.IGNORED);
    List<Example<Label>> examples = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double[] all = rows.features()[i];
      double[] values = new double[names.length];
      for (int f = 0, k = 0; f < width; f++) {
        if (varies[f]) {
          values[k++] = all[f];
        }
      }
      ArrayExample<Label> e = new ArrayExample<>(rows.redeemed()[i] ? yes : no, names, values);
      e.setWeight((float) weights[i]);
      examples.add(e);
    }
    return new MutableDataset<>(
        new ListDataSource<>(
            examples, LABELS, new SimpleDataSourceProvenance(description, LABELS)));
  }
}
