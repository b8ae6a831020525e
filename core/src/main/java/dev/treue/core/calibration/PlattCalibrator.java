package dev.treue.core.calibration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Platt scaling: {@code p = sigmoid(a * logit(raw) + b)}, a logistic regression on the raw
 * log-odds fitted by Newton's method.
 *
 * <p>Two parameters cannot overfit a validation set the way isotonic regression can, but they can
 * only stretch and shift the raw log-odds. The fit uses Platt's smoothed targets ({@code (N+ + 1) /
 * (N+ + 2)} for churners, {@code 1 / (N- + 2)} for the rest) so that perfectly separated rows do
 * not drive {@code a} to infinity.
 */
public final class PlattCalibrator implements ProbabilityCalibrator {
  private static final long serialVersionUID = 1L;

  /** The {@link #kind()} of this calibrator. */
  public static final String KIND = "platt";

  /** Distance kept from 0 and 1, as for {@link IsotonicCalibrator}. */
  public static final double EPSILON = IsotonicCalibrator.EPSILON;

  /** Raw probabilities of exactly 0 or 1 are clipped to this distance before taking log-odds. */
  private static final double RAW_CLIP = 1e-15;

  private static final int MAX_ITERATIONS = 100;

  private final double a;
  private final double b;

  /**
   * A calibrator from its parameters.
   *
   * @param a slope on the raw log-odds (1 leaves them unchanged)
   * @param b intercept
   */
  public PlattCalibrator(double a, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException(
          "Platt parameters are a=" + a + ", b=" + b + ", expected finite numbers");
    }
    this.a = a;
    this.b = b;
  }

  /** Fits on raw churn probabilities and realised labels, every row weighing the same. */
  public static PlattCalibrator fit(double[] raw, boolean[] churned) {
    return fit(raw, churned, CalibrationParameters.unitWeights(raw.length));
  }

  /**
   * Fits by Newton's method with step halving on the weighted cross-entropy.
   *
   * @param raw the model's raw churn probabilities in [0, 1]
   * @param churned realised labels
   * @param weights non-negative row weights
   */
  public static PlattCalibrator fit(double[] raw, boolean[] churned, double[] weights) {
    CalibrationParameters.checkLabelledRows(raw, churned, weights);
    double[] x = new double[raw.length];
    double churners = 0;
    double stayers = 0;
    for (int i = 0; i < raw.length; i++) {
      x[i] = logOdds(raw[i]);
      if (churned[i]) {
        churners += weights[i];
      } else {
        stayers += weights[i];
      }
    }
    double[] target = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      target[i] = churned[i] ? (churners + 1) / (churners + 2) : 1 / (stayers + 2);
    }
    return new PlattNewton(x, target, weights).solve(MAX_ITERATIONS);
  }

  /** Reads the map written by {@link #toMap()}. */
  public static PlattCalibrator fromMap(Map<String, ?> map) {
    CalibrationParameters.requireKind(map, KIND);
    return new PlattCalibrator(
        CalibrationParameters.number(map, "a"), CalibrationParameters.number(map, "b"));
  }

  static double logOdds(double raw) {
    if (!(raw >= 0 && raw <= 1)) {
      throw new IllegalArgumentException(
          "raw churn probability is " + raw + ", expected a value in [0, 1]");
    }
    double clipped = Math.min(Math.max(raw, RAW_CLIP), 1 - RAW_CLIP);
    return Math.log(clipped / (1 - clipped));
  }

  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public double calibrate(double raw) {
    double p = sigmoid(a * logOdds(raw) + b);
    return Math.min(Math.max(p, EPSILON), 1 - EPSILON);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Slope on the raw log-odds. */
  public double a() {
    return a;
  }

  /** Intercept. */
  public double b() {
    return b;
  }

  /** {@code {"kind": "platt", "a": ..., "b": ...}}. */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", KIND);
    map.put("a", a);
    map.put("b", b);
    return map;
  }

  @Override
  public String toString() {
    return "PlattCalibrator[a=" + a + ", b=" + b + "]";
  }
}
