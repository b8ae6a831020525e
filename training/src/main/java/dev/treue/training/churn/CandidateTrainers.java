package dev.treue.training.churn;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.feature.ChurnFeatures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** The churn model candidates Treue trains and compares: logistic regression and XGBoost trees. */
public final class CandidateTrainers {
  /** Tree count and learning settings for the gradient-boosted candidate. */
  public record TreeSettings(int trees, double eta, int maxDepth, long seed) {}

  private static final LabelFactory LABELS = new LabelFactory();

  private CandidateTrainers() {}

  /** Trainers by name, in the order they are reported. */
  public static Map<String, Trainer<Label>> candidates(TreeSettings trees) {
    Map<String, Trainer<Label>> out = new LinkedHashMap<>();
    // SGD needs comparable scales: spend is in hundreds, flags are 0/1.
    out.put(
        "logistic",
        new TransformTrainer<>(
            new LogisticRegressionTrainer(),
            new TransformationMap(List.of(new MeanStdDevTransformation())),
            true));
    out.put(
        "xgboost",
        new XGBoostClassificationTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            trees.trees(),
            trees.eta(),
            0.0,
            trees.maxDepth(),
            5.0,
            0.8,
            0.8,
            1.0,
            0.0,
            Runtime.getRuntime().availableProcessors(),
            XGBoostTrainer.LoggingVerbosity.SILENT,
            trees.seed()));
    return out;
  }

  /** Trains one candidate on labelled snapshots. */
  public static Model<Label> train(
      Trainer<Label> trainer, LabelledSnapshots rows, String description) {
    return trainer.train(dataset(rows, description));
  }

  /**
   * A Tribuo dataset of the snapshots with churn/stay labels. Features that never vary in these
   * rows are left out: they carry no signal, and standardising them divides by a zero deviation
   * (CDNOW has no app sessions at all). At prediction time Tribuo and the native booster path
   * ignore features a model has not seen, so scoring still passes the full vector.
   */
  public static MutableDataset<Label> dataset(LabelledSnapshots rows, String description) {
    boolean[] varies = varyingFeatures(rows);
    List<String> kept = new ArrayList<>();
    for (int f = 0; f < varies.length; f++) {
      if (varies[f]) {
        kept.add(ChurnFeatures.SPEC.names().get(f));
      }
    }
    String[] names = kept.toArray(new String[0]);
    Label churn = new Label(ChurnScorer.CHURN);
    Label stay = new Label(ChurnScorer.STAY);
    List<Example<Label>> examples = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double[] all = rows.features()[i];
      double[] values = new double[names.length];
      for (int f = 0, k = 0; f < all.length; f++) {
        if (varies[f]) {
          values[k++] = all[f];
        }
      }
      examples.add(new ArrayExample<>(rows.churned()[i] ? churn : stay, names, values));
    }
    SimpleDataSourceProvenance provenance =
        new SimpleDataSourceProvenance(description, OffsetDateTime.now(), LABELS);
    return new MutableDataset<>(new ListDataSource<>(examples, LABELS, provenance));
  }

  /** Which features take more than one value in the rows. */
  static boolean[] varyingFeatures(LabelledSnapshots rows) {
    int width = ChurnFeatures.SPEC.size();
    boolean[] varies = new boolean[width];
    if (rows.size() == 0) {
      return varies;
    }
    double[] first = rows.features()[0];
    for (double[] v : rows.features()) {
      for (int f = 0; f < width; f++) {
        varies[f] |= v[f] != first[f];
      }
    }
    return varies;
  }
}
