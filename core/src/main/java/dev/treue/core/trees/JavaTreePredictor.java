package dev.treue.core.trees;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Evaluates the XGBoost booster inside a Tribuo model in plain Java ({@link TreeEnsemble}): the
 * same probabilities as the native booster (a test compares them on thousands of vectors) without
 * a native matrix per call, which is most of the native path's cost for the 11 vectors of one
 * member with reasons. Variants of the feature groups it was built with are not walked at all:
 * every split's turn is decided once for the vector and once for the reference, and each variant
 * mixes the two by group (see {@link TreeEnsemble#marginsWithVariants}). Immutable but for a cache
 * of the reference's turns, and serializable, so Spark broadcasts it and threads share it.
 */
final class JavaTreePredictor implements ScorePredictor {
  private static final long serialVersionUID = 1L;

  private final TreeEnsemble trees;
  private final int[] columnOfFeature;
  private final int width;
  private final int positiveOutput;
  private final FeatureGroups groups;
  private final int[][] groupColumns;
  private transient volatile ReferenceTurns lastReference;
  // Booster columns of the catalogue features (withCatalogFeatures), empty for none; their turns
  // are kept per combination, made on first use (not serialized).
  private final int[] catalogColumns;
  private transient volatile CatalogTurns catalogTurns;

  private JavaTreePredictor(
      TreeEnsemble trees,
      int[] columnOfFeature,
      int width,
      int positiveOutput,
      FeatureGroups groups) {
    this(trees, columnOfFeature, width, positiveOutput, groups, new int[0]);
  }

  private JavaTreePredictor(
      TreeEnsemble trees,
      int[] columnOfFeature,
      int width,
      int positiveOutput,
      FeatureGroups groups,
      int[] catalogColumns) {
    this.catalogColumns = catalogColumns;
    this.trees = trees;
    this.columnOfFeature = columnOfFeature;
    this.width = width;
    this.positiveOutput = positiveOutput;
    this.groups = groups;
    this.groupColumns = new int[groups.size()][];
    for (int g = 0; g < groups.size(); g++) {
      groupColumns[g] =
          Arrays.stream(groups.features(g))
              .map(f -> columnOfFeature[f])
              .filter(c -> c >= 0)
              .toArray();
    }
  }

  /**
   * The Java evaluator for a Tribuo XGBoost model over features {@code names} (in vector order)
   * predicting the label {@code positive}, with fast variants of {@code groups}, or empty (with the
   * reason) when its trees are not understood.
   */
  static Optional<JavaTreePredictor> of(
      XGBoostModel<Label> model,
      List<String> names,
      String positive,
      FeatureGroups groups,
      StringBuilder whyNot) {
    int[] columns = FeatureColumns.of(model, names);
    int output = FeatureColumns.output(model, positive);
    try {
      return Optional.of(
          of(
              model.getInnerModels().get(0),
              columns,
              model.getFeatureIDMap().size(),
              output,
              model.getOutputIDInfo().size(),
              groups));
    } catch (XGBoostJsonTrees.UnsupportedTrees | XGBoostError e) {
      whyNot.append(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The Java evaluator for a booster read through {@code columnOfFeature} (-1 for a feature it does
   * not read), whose label {@code positiveOutput} of {@code outputs} is the one predicted, with fast
   * variants of {@code groups}.
   */
  static JavaTreePredictor of(
      Booster booster,
      int[] columnOfFeature,
      int width,
      int positiveOutput,
      int outputs,
      FeatureGroups groups)
      throws XGBoostError, XGBoostJsonTrees.UnsupportedTrees {
    int[] groupOfColumn = new int[width];
    Arrays.fill(groupOfColumn, groups.size());
    for (int g = 0; g < groups.size(); g++) {
      for (int f : groups.features(g)) {
        int c = columnOfFeature[f];
        if (c >= 0) {
          groupOfColumn[c] = g;
        }
      }
    }
    TreeEnsemble trees =
        XGBoostJsonTrees.read(
            booster.toByteArray("json"), width, groupOfColumn, groups.size(), outputs);
    return new JavaTreePredictor(trees, columnOfFeature.clone(), width, positiveOutput, groups);
  }

  @Override
  public String path() {
    return "java-trees";
  }

  @Override
  public double[] predict(List<double[]> vectors) {
    double[] p = new double[vectors.size()];
    int margins = trees.margins();
    Scratch scratch = Scratch.get();
    if (p.length == 1) {
      float[] x = scratch.x(width);
      float[] sums = scratch.sums(margins);
      columns(vectors.get(0), x, 0);
      trees.margins(x, sums);
      p[0] = trees.probability(sums, 0, positiveOutput);
      return p;
    }
    float[][] xs = scratch.rows(p.length, width);
    for (int i = 0; i < p.length; i++) {
      columns(vectors.get(i), xs[i], 0);
    }
    float[] sums = scratch.sums(p.length * margins);
    if (trees.evaluatesVariants() && catalogColumns.length > 0) {
      CatalogTurns catalog = catalogTurns();
      trees.marginsOfBatchSharingColumns(
          xs, p.length, sums, catalog.catalogColumns(), catalog.of(xs, p.length));
    } else if (trees.evaluatesVariants()) {
      trees.marginsOfBatchSharingColumns(xs, p.length, sums);
    } else {
      trees.marginsOfBatch(xs, p.length, sums);
    }
    for (int i = 0; i < p.length; i++) {
      p[i] = trees.probability(sums, i * margins, positiveOutput);
    }
    return p;
  }

  /**
   * This predictor with {@code features} as catalogue features: the same trees, the turns of those
   * features' columns kept per combination of their values ({@link CatalogTurns}). Predictions are
   * the same to the bit.
   */
  @Override
  public JavaTreePredictor withCatalogFeatures(int[] features) {
    int[] columns =
        Arrays.stream(features)
            .map(f -> columnOfFeature[f])
            .filter(c -> c >= 0)
            .distinct()
            .toArray();
    return new JavaTreePredictor(trees, columnOfFeature, width, positiveOutput, groups, columns);
  }

  private CatalogTurns catalogTurns() {
    CatalogTurns catalog = catalogTurns;
    if (catalog == null) {
      catalog = new CatalogTurns(trees, catalogColumns, width);
      catalogTurns = catalog;
    }
    return catalog;
  }

  /** How many combinations of catalogue values have their turns kept (0 without catalogue features). */
  int catalogCombinations() {
    CatalogTurns catalog = catalogTurns;
    return catalog == null ? 0 : catalog.size();
  }

  @Override
  public double[][] predictWithVariants(
      List<double[]> vectors, double[] reference, FeatureGroups groups) {
    // The trees know only the groups they were built with; others, or trees too deep, get the plain
    // way.
    if (!evaluatesVariantsOf(groups)) {
      return ScorePredictor.super.predictWithVariants(vectors, reference, groups);
    }
    return variants(vectors, reference, null);
  }

  /**
   * As the default, with each vector's splits decided once: its probability from its turns, and
   * only for a probability {@code wantsVariants} accepts the variants from the same turns.
   */
  @Override
  public double[][] predictWithVariantsWhere(
      List<double[]> vectors,
      double[] reference,
      FeatureGroups groups,
      java.util.function.DoublePredicate wantsVariants) {
    if (!evaluatesVariantsOf(groups)) {
      return ScorePredictor.super.predictWithVariantsWhere(
          vectors, reference, groups, wantsVariants);
    }
    return variants(vectors, reference, wantsVariants);
  }

  private boolean evaluatesVariantsOf(FeatureGroups groups) {
    return trees.evaluatesVariants() && groups.equals(this.groups);
  }

  /**
   * Rows of {@link #predictWithVariants} from each vector's turns: every vector's when {@code
   * wantsVariants} is null, else only those whose probability it accepts (the others' rows hold
   * the probability alone).
   */
  private double[][] variants(
      List<double[]> vectors,
      double[] reference,
      java.util.function.DoublePredicate wantsVariants) {
    int variants = groups.size();
    int margins = trees.margins();
    Scratch scratch = Scratch.get();
    float[] x = scratch.x(width);
    int[] ranks = scratch.ranks(width);
    int[] turns = scratch.turns(trees.trees());
    float[] sums = scratch.sums((1 + variants) * margins);
    double[][] out = new double[vectors.size()][];
    ReferenceTurns ref = null;
    for (int i = 0; i < out.length; i++) {
      columns(vectors.get(i), x, 0);
      trees.turns(x, ranks, turns);
      if (wantsVariants != null) {
        trees.marginsOfTurns(turns, sums, 0);
        double p = trees.probability(sums, 0, positiveOutput);
        if (!wantsVariants.test(p)) {
          out[i] = new double[] {p};
          continue;
        }
      }
      ref = ref != null ? ref : referenceTurns(reference);
      trees.marginsWithVariants(turns, ref.patches(), unchangedGroups(ranks, ref.ranks()), sums);
      double[] row = new double[1 + variants];
      for (int r = 0; r <= variants; r++) {
        row[r] = trees.probability(sums, r * margins, positiveOutput);
      }
      out[i] = row;
    }
    return out;
  }

  /** Groups on whose columns the member reaches the same thresholds as the reference. */
  private int unchangedGroups(int[] ranks, int[] referenceRanks) {
    int unchanged = 0;
    for (int g = 0; g < groupColumns.length; g++) {
      boolean same = true;
      for (int c : groupColumns[g]) {
        same &= ranks[c] == referenceRanks[c];
      }
      unchanged |= same ? 1 << g : 0;
    }
    return unchanged;
  }

  /** The reference's turns, kept for the next call: a scorer passes the same reference every time. */
  private ReferenceTurns referenceTurns(double[] reference) {
    ReferenceTurns last = lastReference;
    if (last == null || !Arrays.equals(last.reference(), reference)) {
      float[] ref = new float[width];
      columns(reference, ref, 0);
      int[] ranks = new int[width];
      trees.turns(ref, ranks);
      last = new ReferenceTurns(reference.clone(), trees.referencePatches(ref), ranks);
      lastReference = last;
    }
    return last;
  }

  /**
   * A reference vector, its turns at the splits variants take from it, and its ranks per column.
   * Immutable, so a racing thread at worst computes it again.
   */
  private record ReferenceTurns(double[] reference, int[] patches, int[] ranks) {}

  /** Booster columns of a feature vector as floats, NaN where the booster has no such feature. */
  private void columns(double[] v, float[] x, int off) {
    if (v.length != columnOfFeature.length) {
      throw new IllegalArgumentException(
          "feature vector has " + v.length + " values, the feature spec " + columnOfFeature.length);
    }
    Arrays.fill(x, off, off + width, Float.NaN);
    for (int f = 0; f < v.length; f++) {
      int c = columnOfFeature[f];
      if (c >= 0) {
        // + 0f folds -0 into +0, which the sign-bit split test needs (XGBoost treats them alike).
        x[off + c] = (float) v[f] + 0f;
      }
    }
  }
}
