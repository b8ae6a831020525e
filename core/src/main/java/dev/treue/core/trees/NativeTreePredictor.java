package dev.treue.core.trees;

import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * Predicts with the XGBoost booster inside a Tribuo model directly: one dense native matrix per
 * batch, columns laid out in Tribuo's feature-id order, single-threaded so Spark tasks and service
 * workers do not oversubscribe the cores. Each thread gets its own booster, loaded from the same
 * bytes, so no native handle is shared between threads. Gives Tribuo's probabilities exactly (a
 * test compares the two paths).
 */
final class NativeTreePredictor implements ScorePredictor {
  private static final long serialVersionUID = 1L;

  private final byte[] boosterBytes;
  private final int[] columnOfFeature;
  private final int width;
  private final int positiveOutput;
  private transient ThreadLocal<Booster> boosters;

  private NativeTreePredictor(
      byte[] boosterBytes, int[] columnOfFeature, int width, int positiveOutput) {
    this.boosterBytes = boosterBytes;
    this.columnOfFeature = columnOfFeature;
    this.width = width;
    this.positiveOutput = positiveOutput;
  }

  /** The native path for a model over features {@code names} predicting the label {@code positive}. */
  static NativeTreePredictor of(XGBoostModel<Label> model, List<String> names, String positive) {
    int[] columns = FeatureColumns.of(model, names);
    int output = FeatureColumns.output(model, positive);
    try {
      return new NativeTreePredictor(
          model.getInnerModels().get(0).toByteArray(),
          columns,
          model.getFeatureIDMap().size(),
          output);
    } catch (XGBoostError e) {
      throw new IllegalStateException("cannot read the XGBoost booster: " + e.getMessage(), e);
    }
  }

  @Override
  public String path() {
    return "xgboost-native";
  }

  @Override
  public double[] predict(List<double[]> vectors) {
    int n = vectors.size();
    double[] p = new double[n];
    if (n == 0) {
      return p;
    }
    float[] data = new float[n * width];
    Arrays.fill(data, Float.NaN);
    for (int i = 0; i < n; i++) {
      double[] v = vectors.get(i);
      for (int f = 0; f < v.length; f++) {
        if (columnOfFeature[f] >= 0) {
          data[i * width + columnOfFeature[f]] = (float) v[f];
        }
      }
    }
    DMatrix matrix = null;
    try {
      matrix = new DMatrix(data, n, width, Float.NaN);
      float[][] out = booster().predict(matrix);
      for (int i = 0; i < n; i++) {
        // multi:softprob gives one column per label; binary:logistic one column for id 1.
        p[i] =
            out[i].length > 1
                ? out[i][positiveOutput]
                : (positiveOutput == 1 ? out[i][0] : 1 - out[i][0]);
      }
      return p;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
    } finally {
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  private Booster booster() throws XGBoostError {
    if (boosters == null) {
      synchronized (this) {
        if (boosters == null) {
          boosters = new ThreadLocal<>();
        }
      }
    }
    Booster b = boosters.get();
    if (b == null) {
      try {
        b = XGBoost.loadModel(boosterBytes);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot load the XGBoost booster: " + e.getMessage(), e);
      }
      b.setParam("nthread", 1);
      boosters.set(b);
    }
    return b;
  }
}
