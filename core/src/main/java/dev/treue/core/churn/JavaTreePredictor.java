package dev.treue.core.churn;

import dev.treue.core.feature.ChurnFeature;
import dev.treue.core.feature.ChurnFeatures;
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
 * member with reasons. Reason variants are not walked at all: every split's turn is decided once
 * for the member and once for the reference, and each variant mixes the two by group (see
 * {@link TreeEnsemble#marginsWithVariants}). Immutable but for a cache of the reference's turns,
 * and serializable, so Spark broadcasts it and threads share it.
 */
final class JavaTreePredictor implements RawChurnPredictor {
  private static final long serialVersionUID = 1L;
  private static final ReasonGroup[] GROUPS = ReasonGroup.values();

  private final TreeEnsemble trees;
  private final int[] columnOfFeature;
  private final int width;
  private final int churnOutput;
  private final boolean reasonGroups;
  private final int[][] groupColumns;
  private transient volatile ReferenceTurns lastReference;

  private JavaTreePredictor(TreeEnsemble trees, int[] columnOfFeature, int width, int churnOutput,
      boolean reasonGroups) {
    this.trees = trees;
    this.columnOfFeature = columnOfFeature;
    this.width = width;
    this.churnOutput = churnOutput;
    this.reasonGroups = reasonGroups;
    this.groupColumns = new int[reasonGroups ? GROUPS.length : 0][];
    if (reasonGroups) {
      for (ReasonGroup g : GROUPS) {
        groupColumns[g.ordinal()] = g.features().stream().mapToInt(f -> columnOfFeature[f.ordinal()])
            .filter(c -> c >= 0).toArray();
      }
    }
  }

  /** The Java evaluator for a Tribuo XGBoost churn model, or empty (with the reason) when its trees are not understood. */
  static Optional<JavaTreePredictor> of(XGBoostModel<Label> model, StringBuilder whyNot) {
    return of(model, ChurnFeatures.SPEC.names(), ChurnScorer.CHURN, whyNot);
  }

  /**
   * The Java evaluator for a Tribuo XGBoost model over features {@code names} (in vector order)
   * predicting the label {@code positive}, or empty (with the reason) when its trees are not
   * understood. Reason variants are evaluated only for the churn features and label.
   */
  static Optional<JavaTreePredictor> of(XGBoostModel<Label> model, List<String> names, String positive,
      StringBuilder whyNot) {
    int[] columns = FeatureColumns.of(model, names);
    int output = FeatureColumns.output(model, positive);
    boolean churn = names.equals(ChurnFeatures.SPEC.names()) && positive.equals(ChurnScorer.CHURN);
    try {
      return Optional.of(of(model.getInnerModels().get(0), columns, model.getFeatureIDMap().size(), output,
          model.getOutputIDInfo().size(), churn));
    } catch (XGBoostJsonTrees.UnsupportedTrees | XGBoostError e) {
      whyNot.append(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The Java evaluator for a churn booster read through {@code columnOfFeature} (-1 for a feature it
   * does not read), whose label {@code churnOutput} of {@code outputs} is churn.
   */
  static JavaTreePredictor of(Booster booster, int[] columnOfFeature, int width, int churnOutput, int outputs)
      throws XGBoostError, XGBoostJsonTrees.UnsupportedTrees {
    return of(booster, columnOfFeature, width, churnOutput, outputs, true);
  }

  private static JavaTreePredictor of(Booster booster, int[] columnOfFeature, int width, int positiveOutput,
      int outputs, boolean reasonGroups) throws XGBoostError, XGBoostJsonTrees.UnsupportedTrees {
    int[] groupOfColumn = new int[width];
    Arrays.fill(groupOfColumn, GROUPS.length);
    if (reasonGroups) {
      for (ReasonGroup g : GROUPS) {
        for (ChurnFeature f : g.features()) {
          int c = columnOfFeature[f.ordinal()];
          if (c >= 0) {
            groupOfColumn[c] = g.ordinal();
          }
        }
      }
    }
    TreeEnsemble trees =
        XGBoostJsonTrees.read(booster.toByteArray("json"), width, groupOfColumn, GROUPS.length, outputs);
    return new JavaTreePredictor(trees, columnOfFeature.clone(), width, positiveOutput, reasonGroups);
  }

  @Override
  public String path() {
    return "java-trees";
  }

  @Override
  public double[] predict(List<double[]> vectors) {
    double[] p = new double[vectors.size()];
    if (p.length == 1) {
      float[] x = new float[width];
      float[] sums = new float[trees.margins()];
      columns(vectors.get(0), x, 0);
      trees.margins(x, sums);
      p[0] = trees.probability(sums, 0, churnOutput);
      return p;
    }
    float[][] xs = new float[p.length][width];
    for (int i = 0; i < p.length; i++) {
      columns(vectors.get(i), xs[i], 0);
    }
    int margins = trees.margins();
    float[] sums = new float[p.length * margins];
    trees.marginsOfBatch(xs, sums);
    for (int i = 0; i < p.length; i++) {
      p[i] = trees.probability(sums, i * margins, churnOutput);
    }
    return p;
  }

  @Override
  public double[][] predictWithReasonVariants(List<double[]> vectors, double[] reference) {
    if (!reasonGroups) {
      throw new UnsupportedOperationException("reason variants exist only for the churn features");
    }
    if (!trees.evaluatesVariants()) {
      return RawChurnPredictor.super.predictWithReasonVariants(vectors, reference);
    }
    int groups = GROUPS.length;
    int margins = trees.margins();
    ReferenceTurns ref = referenceTurns(reference);
    float[] x = new float[width];
    int[] ranks = new int[width];
    float[] sums = new float[(1 + groups) * margins];
    double[][] out = new double[vectors.size()][];
    for (int i = 0; i < out.length; i++) {
      columns(vectors.get(i), x, 0);
      int[] turns = trees.turns(x, ranks);
      trees.marginsWithVariants(turns, ref.patches(), unchangedGroups(ranks, ref.ranks()), sums);
      double[] row = new double[1 + groups];
      for (int r = 0; r <= groups; r++) {
        row[r] = trees.probability(sums, r * margins, churnOutput);
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
      throw new IllegalArgumentException("feature vector has " + v.length + " values, the feature spec "
          + columnOfFeature.length);
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
