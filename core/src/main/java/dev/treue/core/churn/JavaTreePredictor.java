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
 * member with reasons. Reason variants reuse the member's own walk: a tree whose path tests no
 * feature of a group gives that group's variant the same leaf, so only the other trees are walked
 * again. Immutable and serializable, so Spark broadcasts it and threads share it.
 */
final class JavaTreePredictor implements RawChurnPredictor {
  private static final long serialVersionUID = 1L;
  private static final ReasonGroup[] GROUPS = ReasonGroup.values();

  private final TreeEnsemble trees;
  private final int[] columnOfFeature;
  private final int width;
  private final int churnOutput;
  private final int[][] groupColumns;

  private JavaTreePredictor(TreeEnsemble trees, int[] columnOfFeature, int width, int churnOutput) {
    this.trees = trees;
    this.columnOfFeature = columnOfFeature;
    this.width = width;
    this.churnOutput = churnOutput;
    this.groupColumns = new int[GROUPS.length][];
    for (ReasonGroup g : GROUPS) {
      groupColumns[g.ordinal()] = g.features().stream().mapToInt(f -> columnOfFeature[f.ordinal()])
          .filter(c -> c >= 0).toArray();
    }
  }

  /** The Java evaluator for a Tribuo XGBoost model, or empty (with the reason) when its trees are not understood. */
  static Optional<JavaTreePredictor> of(XGBoostModel<Label> model, StringBuilder whyNot) {
    int[] columns = FeatureColumns.of(model);
    int churn = FeatureColumns.churnOutput(model);
    try {
      return Optional.of(of(model.getInnerModels().get(0), columns, model.getFeatureIDMap().size(), churn,
          model.getOutputIDInfo().size()));
    } catch (XGBoostJsonTrees.UnsupportedTrees | XGBoostError e) {
      whyNot.append(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The Java evaluator for a booster read through {@code columnOfFeature} (-1 for a feature it does
   * not read), whose label {@code churnOutput} of {@code outputs} is churn.
   */
  static JavaTreePredictor of(Booster booster, int[] columnOfFeature, int width, int churnOutput, int outputs)
      throws XGBoostError, XGBoostJsonTrees.UnsupportedTrees {
    int[] groupsOfColumn = new int[width];
    for (ReasonGroup g : GROUPS) {
      for (ChurnFeature f : g.features()) {
        int c = columnOfFeature[f.ordinal()];
        if (c >= 0) {
          groupsOfColumn[c] |= 1 << g.ordinal();
        }
      }
    }
    TreeEnsemble trees = XGBoostJsonTrees.read(booster.toByteArray("json"), width, groupsOfColumn, outputs);
    return new JavaTreePredictor(trees, columnOfFeature.clone(), width, churnOutput);
  }

  @Override
  public String path() {
    return "java-trees";
  }

  @Override
  public double[] predict(List<double[]> vectors) {
    double[] p = new double[vectors.size()];
    int margins = trees.margins();
    float[] x = new float[width];
    float[] sums = new float[margins];
    for (int i = 0; i < p.length; i++) {
      columns(vectors.get(i), x);
      Arrays.fill(sums, trees.baseMargin());
      for (int t = 0, n = trees.trees(); t < n; t++) {
        sums[trees.treeOutput(t)] += trees.leaf(t, x);
      }
      p[i] = trees.probability(sums, 0, churnOutput);
    }
    return p;
  }

  @Override
  public double[][] predictWithReasonVariants(List<double[]> vectors, double[] reference) {
    int groups = GROUPS.length;
    int margins = trees.margins();
    float[] ref = new float[width];
    columns(reference, ref);
    float[] x = new float[width];
    float[][] variant = new float[groups][width];
    // Sums for the member (block 0) and for each group's variant (block 1 + g), margins apiece.
    float[] sums = new float[(1 + groups) * margins];
    int[] pathGroups = new int[1];
    double[][] out = new double[vectors.size()][];
    for (int i = 0; i < out.length; i++) {
      columns(vectors.get(i), x);
      for (int g = 0; g < groups; g++) {
        System.arraycopy(x, 0, variant[g], 0, width);
        for (int c : groupColumns[g]) {
          variant[g][c] = ref[c];
        }
      }
      Arrays.fill(sums, trees.baseMargin());
      for (int t = 0, n = trees.trees(); t < n; t++) {
        int m = trees.treeOutput(t);
        float own = trees.leafWithPathGroups(t, x, pathGroups);
        sums[m] += own;
        int touched = pathGroups[0];
        // Every block adds one leaf per tree in tree order, as XGBoost sums each vector.
        for (int g = 0; g < groups; g++) {
          float leaf = (touched >>> g & 1) == 0 ? own : trees.leaf(t, variant[g]);
          sums[(1 + g) * margins + m] += leaf;
        }
      }
      double[] row = new double[1 + groups];
      for (int b = 0; b <= groups; b++) {
        row[b] = trees.probability(sums, b * margins, churnOutput);
      }
      out[i] = row;
    }
    return out;
  }

  /** Booster columns of a feature vector as floats, NaN where the booster has no such feature. */
  private void columns(double[] v, float[] x) {
    if (v.length != columnOfFeature.length) {
      throw new IllegalArgumentException("feature vector has " + v.length + " values, the feature spec "
          + ChurnFeatures.SPEC.size());
    }
    Arrays.fill(x, Float.NaN);
    for (int f = 0; f < v.length; f++) {
      int c = columnOfFeature[f];
      if (c >= 0) {
        // + 0f folds -0 into +0, which the sign-bit split test needs (XGBoost treats them alike).
        x[c] = (float) v[f] + 0f;
      }
    }
  }
}
