package dev.treue.training.churn;

import dev.treue.core.churn.ChurnScorer;
import dev.treue.core.evaluation.LogLoss;
import dev.treue.core.feature.ChurnFeatures;
import dev.treue.core.trees.BinaryTreesTrainer;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;
import org.tribuo.transform.transformations.SimpleTransform;

/**
 * The churn model candidates Treue trains and compares: an L2-regularised logistic regression on
 * standardised inputs and XGBoost trees, with a grid of tree settings sized to the data.
 */
public final class CandidateTrainers {
  /**
   * Tree count and learning settings for the gradient-boosted candidate.
   *
   * @param minChildWeight smallest hessian sum a leaf may hold (larger = more conservative trees)
   */
  public record TreeSettings(
      int trees, double eta, int maxDepth, double minChildWeight, long seed) {
    /** Settings with the minimum child weight Treue used before the grid (5). */
    public TreeSettings(int trees, double eta, int maxDepth, long seed) {
      this(trees, eta, maxDepth, 5.0, seed);
    }

    /** A short name for the console and the report, e.g. {@code xgboost-400x3-eta0.04-mcw5}. */
    public String label() {
      return String.format(
          java.util.Locale.ROOT,
          TREE_FAMILY + "-%dx%d-eta%s-mcw%s",
          trees,
          maxDepth,
          eta,
          minChildWeight);
    }
  }

  /** Trains a candidate on fit rows; it may use the calibration rows to choose its own settings. */
  @FunctionalInterface
  public interface Fitter {
    Model<Label> fit(LabelledSnapshots fit, LabelledSnapshots calibration);
  }

  /** The name every tree candidate starts with (its settings follow), and the bundle's family. */
  static final String TREE_FAMILY = "xgboost";

  /** The L2 strengths the logistic regression chooses from on the calibration fold. */
  static final double[] L2_GRID = {1e-5, 1e-4, 1e-3, 1e-2, 1e-1};

  /** Fit rows below which the tree grid uses fewer, shallower trees. */
  static final int SMALL_DATA_ROWS = 50_000;

  private static final LabelFactory LABELS = new LabelFactory();

  private CandidateTrainers() {}

  /** The two final candidates (logistic, xgboost with the given settings), in report order. */
  public static Map<String, Fitter> candidates(TreeSettings trees) {
    Map<String, Fitter> out = new LinkedHashMap<>();
    out.put("logistic", CandidateTrainers::logistic);
    out.put(TREE_FAMILY, (fit, calibration) -> train(xgboost(trees), fit, DESCRIPTION));
    return out;
  }

  /**
   * The two candidates as plain trainers with fixed settings (logistic with L2 1e-3), for callers
   * that train without a calibration fold to choose on.
   */
  public static Map<String, Trainer<Label>> trainers(TreeSettings trees) {
    Map<String, Trainer<Label>> out = new LinkedHashMap<>();
    out.put("logistic", standardised(new L2Logistic(1e-3)));
    out.put(TREE_FAMILY, xgboost(trees));
    return out;
  }

  /**
   * The settings the backtest compares, sized to the rows: on small data (under {@value
   * #SMALL_DATA_ROWS} fit rows) fewer, shallower trees with a faster rate and heavier leaves, on
   * larger data more and deeper trees; the user's own settings are always among them.
   */
  public static List<TreeSettings> treeGrid(int fitRows, TreeSettings given) {
    List<TreeSettings> grid = new ArrayList<>();
    grid.add(given);
    long seed = given.seed();
    if (fitRows < SMALL_DATA_ROWS) {
      grid.add(new TreeSettings(60, 0.1, 2, 10, seed));
      grid.add(new TreeSettings(150, 0.05, 3, 10, seed));
    } else {
      grid.add(new TreeSettings(200, 0.08, 4, 5, seed));
      grid.add(new TreeSettings(400, 0.05, 5, 20, seed));
    }
    return grid.stream().distinct().toList();
  }

  /**
   * The logistic regression: standardised inputs (mean and deviation of the fit rows, carried in
   * the model), the L2 strength with the lowest log loss on the calibration rows.
   */
  public static Model<Label> logistic(LabelledSnapshots fit, LabelledSnapshots calibration) {
    return logistic(fit, calibration, System.out);
  }

  /** {@link #logistic(LabelledSnapshots, LabelledSnapshots)}, its search printed to {@code out}. */
  static Model<Label> logistic(
      LabelledSnapshots fit, LabelledSnapshots calibration, PrintStream out) {
    MutableDataset<Label> data = shared(fit, DESCRIPTION);
    // Every strength trains on the same scaled rows, so they are scaled once here, exactly as the
    // standardising trainer scales them (its transformers, then dense rows), and each strength is
    // judged on the calibration rows as its standardised model would predict them. Scaling and
    // rebuilding the rows for each of the five strengths was over half of a training's time.
    TransformerMap scaling = data.createTransformers(STANDARDISATION, false);
    MutableDataset<Label> scaled = scaling.transformDataset(data, true);
    L2Logistic.Rows rows = L2Logistic.Rows.of(scaled);
    double[][] scaledCalibration =
        L2Logistic.Rows.matrix(
            scaledExamples(scaling, scaled.getFeatureIDMap().keySet(), calibration),
            scaled.getFeatureIDMap(),
            calibration.size());
    // The strengths are solved along a path, each from its stronger neighbour's solution, and
    // judged by the probabilities their coefficients give the scaled calibration rows: what the
    // standardised model predicts for them, without building one per strength.
    L2Logistic.Path path = L2Logistic.path(rows, L2_GRID);
    double bestLoss = Double.POSITIVE_INFINITY;
    int best = -1;
    for (int k = 0; k < L2_GRID.length; k++) {
      double loss =
          LogLoss.of(
              L2Logistic.probabilities(scaledCalibration, path.betas()[k]), calibration.churned());
      out.printf(
          java.util.Locale.ROOT,
          "    logistic %s; calibration log loss %.4f%n",
          path.fits()[k],
          loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = k;
      }
    }
    out.printf(java.util.Locale.ROOT, "    logistic: L2 %.0e chosen%n", L2_GRID[best]);
    // The chosen strength once more through the standardising trainer, so the model carries its
    // scaling as the bundle and the service expect; it scales the same rows the same way, so its
    // solver starts at the search's solution and confirms it in a step at most.
    return standardised(
            L2Logistic.startingAt(L2_GRID[best], scaled.getFeatureIDMap(), path.betas()[best]))
        .train(data);
  }

  /**
   * The calibration rows as a standardised model's prediction sees them: every feature by name
   * (as {@link ChurnScorer#rawProbabilities} builds them), densified to the model's features in
   * name order and scaled.
   */
  private static List<Example<Label>> scaledExamples(
      TransformerMap scaling, Set<String> features, LabelledSnapshots rows) {
    List<String> modelFeatures = new ArrayList<>(features);
    Collections.sort(modelFeatures);
    String[] names = ChurnFeatures.SPEC.names().toArray(new String[0]);
    List<Example<Label>> out = new ArrayList<>(rows.size());
    for (double[] v : rows.features()) {
      out.add(
          scaling.transformExample(
              new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v), modelFeatures));
    }
    return out;
  }

  /** Standardised inputs are clipped to this many deviations from the mean. */
  static final double CLIP_DEVIATIONS = 5;

  /**
   * A trainer whose inputs are standardised on its training rows and then clipped to {@value
   * #CLIP_DEVIATIONS} deviations, the scaling kept in the model. Spend and counts have long tails
   * (a CDNOW customer spent over a hundred times the mean): unclipped, one such member gets a
   * probability of 0 or 1 that no calibration can rescue, and the log loss pays for it.
   */
  static Trainer<Label> standardised(Trainer<Label> inner) {
    return new TransformTrainer<>(inner, STANDARDISATION, true);
  }

  /** The logistic regression's scaling: mean and deviation, then clipped. */
  private static final TransformationMap STANDARDISATION =
      new TransformationMap(
          List.of(
              new MeanStdDevTransformation(),
              SimpleTransform.threshold(-CLIP_DEVIATIONS, CLIP_DEVIATIONS)));

  static Trainer<Label> xgboost(TreeSettings trees) {
    return BinaryTreesTrainer.of(
        trees.trees(), trees.eta(), trees.maxDepth(), trees.minChildWeight(), trees.seed());
  }

  /** Trains one candidate on labelled snapshots. */
  public static Model<Label> train(
      Trainer<Label> trainer, LabelledSnapshots rows, String description) {
    return trainer.train(shared(rows, description));
  }

  /** How the candidates' datasets are described in their provenance. */
  private static final String DESCRIPTION = "treue churn snapshots";

  /**
   * The candidates of one fold train on the same rows: their dataset is built once (described as
   * its first caller said) and kept while the rows are in use. No trainer changes a dataset;
   * Tribuo's scaling copies it first.
   */
  private static final Map<LabelledSnapshots, MutableDataset<Label>> SHARED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static MutableDataset<Label> shared(LabelledSnapshots rows, String description) {
    return SHARED.computeIfAbsent(rows, r -> dataset(r, description));
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
