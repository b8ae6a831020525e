package dev.treue.core.trees;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * XGBoost trees for a two-label outcome, one tree a boosting round under {@code binary:logistic}.
 * Tribuo 4.3's classification trainer always boosts {@code multi:softprob}, a tree per label per
 * round: for two labels the second tree of a round mirrors the first (their gradients are opposite,
 * their hessians equal), so half of every fit, every stored model and every prediction was spent
 * on it. The rows go to XGBoost as a dense matrix of Tribuo's feature ids (a feature an example
 * lacks is missing, as in Tribuo's sparse rows), with the examples' weights. The model is a Tribuo
 * {@link XGBoostModel} whose {@link BinaryLogisticConverter} reads the single column as the
 * probability of label id 1.
 */
public final class BinaryTreesTrainer extends XGBoostTrainer<Label> {
  /** How the model names itself in its provenance. */
  static final String MODEL_NAME = "xgboost-binary-classification-model";

  /**
   * Gradient-boosted trees with Treue's fixed settings (histogram splits, rows and columns sampled
   * at 0.8 a tree, every core), the given shape and seed.
   *
   * <p>The settings keep the meaning they had when Tribuo's trainer fitted a tree per label: its
   * softmax counts each row's hessian twice ({@code 2p(1-p)}), so a label's tree there is the tree
   * this one fits with half the leaf weights' L2 (0.5 for the 1.0 then used) and half the minimum
   * child weight, and the pair of mirrored trees adds up to it. Trained on the same rows, the models
   * differ only by their row and column samples (measured on the churn and offer datasets, see
   * docs/performance.md).
   *
   * @param minChildWeight smallest hessian sum a leaf may hold, as counted under softmax (twice
   *     XGBoost's {@code binary:logistic} sum, which gets half of it)
   */
  public static BinaryTreesTrainer of(
      int trees, double eta, int maxDepth, double minChildWeight, long seed) {
    return new BinaryTreesTrainer(trees, eta, maxDepth, minChildWeight, seed);
  }

  /** L2 on the leaf weights: Tribuo's softmax default of 1, halved (see {@link #of}). */
  static final double LEAF_L2 = 0.5;

  private BinaryTreesTrainer(
      int trees, double eta, int maxDepth, double minChildWeight, long seed) {
    super(
        BoosterType.GBTREE,
        TreeMethod.HIST,
        trees,
        eta,
        0.0,
        maxDepth,
        minChildWeight / 2,
        0.8,
        0.8,
        LEAF_L2,
        0.0,
        Runtime.getRuntime().availableProcessors(),
        LoggingVerbosity.SILENT,
        seed);
    postConfig();
  }

  @Override
  public void postConfig() {
    super.postConfig();
    parameters.put("objective", "binary:logistic");
  }

  @Override
  public XGBoostModel<Label> train(Dataset<Label> examples) {
    return train(examples, Map.of(), INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public XGBoostModel<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
    return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
  }

  @Override
  public synchronized XGBoostModel<Label> train(
      Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocationCount) {
    ImmutableOutputInfo<Label> labels = examples.getOutputIDInfo();
    if (labels.size() != 2 || examples.getOutputInfo().getUnknownCount() > 0) {
      throw new IllegalArgumentException(
          "binary trees train on rows of two known labels, got "
              + labels.size()
              + " label(s)"
              + (examples.getOutputInfo().getUnknownCount() > 0 ? " and unknown ones" : ""));
    }
    if (invocationCount != INCREMENT_INVOCATION_COUNT) {
      setInvocationCount(invocationCount);
    }
    TrainerProvenance trainerProvenance = getProvenance();
    trainInvocationCounter++;
    ImmutableFeatureMap features = examples.getFeatureIDMap();
    Booster booster;
    DMatrix matrix = null;
    try {
      matrix = matrix(examples, features, labels);
      booster = XGBoost.train(matrix, copyParams(parameters), numTrees, Map.of(), null, null);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
    ModelProvenance provenance =
        new ModelProvenance(
            XGBoostModel.class.getName(),
            OffsetDateTime.now(),
            (DatasetProvenance) examples.getProvenance(),
            trainerProvenance,
            runProvenance);
    return createModel(
        MODEL_NAME, provenance, features, labels, List.of(booster), new BinaryLogisticConverter());
  }

  /**
   * The examples as XGBoost's dense rows: column = Tribuo's feature id, NaN (missing) where an
   * example has no such feature; label 1 for output id 1; each example's weight.
   */
  static DMatrix matrix(
      Dataset<Label> examples, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels)
      throws XGBoostError {
    int width = features.size();
    int rows = examples.size();
    float[] data = new float[Math.multiplyExact(rows, width)];
    Arrays.fill(data, Float.NaN);
    float[] y = new float[rows];
    float[] weights = new float[rows];
    // A dataset's examples share their feature names, so each position's id is looked up once.
    FeatureIdsByPosition ids = new FeatureIdsByPosition(features);
    int i = 0;
    for (Example<Label> e : examples) {
      int k = 0;
      for (Feature f : e) {
        int id = ids.id(k++, f.getName());
        if (id >= 0) {
          data[i * width + id] = (float) f.getValue();
        }
      }
      y[i] = labels.getID(e.getOutput()) == 1 ? 1f : 0f;
      weights[i] = e.getWeight();
      i++;
    }
    DMatrix matrix = new DMatrix(data, rows, width, Float.NaN);
    matrix.setLabel(y);
    matrix.setWeight(weights);
    return matrix;
  }

  @Override
  public TrainerProvenance getProvenance() {
    return new TrainerProvenanceImpl(this);
  }
}
