package dev.treue.core.calibration;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Isotonic regression of churn on the raw score: the best non-decreasing step function in squared
 * error, found by pool-adjacent-violators, then read as a piecewise-linear curve.
 *
 * <p>Each pooled block becomes one knot at its weighted mean raw score (its centre) with its churn
 * rate as value. Between knots the calibrated probability is interpolated linearly, so that members
 * with slightly different raw scores do not get identical probabilities; outside the knots it is
 * held at the end values. Values are kept in [{@link #EPSILON}, 1 - {@link #EPSILON}] because a
 * block with no churners would otherwise predict exactly 0 and make log loss infinite.
 */
public final class IsotonicCalibrator implements ProbabilityCalibrator {
  private static final long serialVersionUID = 1L;

  /** The {@link #kind()} of this calibrator. */
  public static final String KIND = "isotonic";

  /** Distance kept from 0 and 1. */
  public static final double EPSILON = 1e-4;

  private final double[] thresholds;
  private final double[] values;

  /**
   * A calibrator from its knots, as returned by {@link #thresholds()} and {@link #values()}.
   *
   * @param thresholds raw scores of the knots, strictly increasing, at least one
   * @param values calibrated probabilities at the knots, non-decreasing, within [0, 1]; clamped to
   *     [EPSILON, 1 - EPSILON]
   */
  public IsotonicCalibrator(double[] thresholds, double[] values) {
    if (thresholds.length != values.length || thresholds.length == 0) {
      throw new IllegalArgumentException(
          "thresholds and values must be non-empty and of equal length, got "
              + thresholds.length
              + " and "
              + values.length);
    }
    this.thresholds = thresholds.clone();
    this.values = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(thresholds[i]) || (i > 0 && !(thresholds[i] > thresholds[i - 1]))) {
        throw new IllegalArgumentException(
            "threshold "
                + i
                + " is "
                + thresholds[i]
                + ", expected finite and above the previous one");
      }
      if (!(values[i] >= 0 && values[i] <= 1) || (i > 0 && values[i] < values[i - 1])) {
        throw new IllegalArgumentException(
            "value "
                + i
                + " is "
                + values[i]
                + ", expected in [0, 1] and not below the previous one");
      }
      this.values[i] = Math.min(Math.max(values[i], EPSILON), 1 - EPSILON);
    }
  }

  /** Fits on raw scores and realised churn labels, every row weighing the same. */
  public static IsotonicCalibrator fit(double[] raw, boolean[] churned) {
    return fit(raw, churned, CalibrationParameters.unitWeights(raw.length));
  }

  /**
   * Fits by pool-adjacent-violators on weighted rows.
   *
   * @param raw the model's raw scores (any finite numbers)
   * @param churned realised labels
   * @param weights non-negative row weights, not all zero
   */
  public static IsotonicCalibrator fit(double[] raw, boolean[] churned, double[] weights) {
    CalibrationParameters.checkLabelledRows(raw, churned, weights);
    Integer[] order = new Integer[raw.length];
    for (int i = 0; i < raw.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
    PooledBlocks blocks = new PooledBlocks(raw.length);
    int i = 0;
    while (i < raw.length) {
      // Equal raw scores must calibrate to one value, so they enter as a single point.
      double x = raw[order[i]];
      double weight = 0;
      double churnWeight = 0;
      for (; i < raw.length && raw[order[i]] == x; i++) {
        weight += weights[order[i]];
        churnWeight += churned[order[i]] ? weights[order[i]] : 0;
      }
      if (weight > 0) {
        blocks.add(weight, weight * x, churnWeight);
      }
    }
    if (blocks.size() == 0) {
      throw new IllegalArgumentException("every weight is zero; nothing to fit a calibrator on");
    }
    return knots(blocks.centres(), blocks.means());
  }

  /** Drops a knot whose centre rounding put on or before the previous one; the later value wins. */
  private static IsotonicCalibrator knots(double[] centres, double[] means) {
    int kept = 0;
    for (int b = 0; b < centres.length; b++) {
      if (kept > 0 && centres[b] <= centres[kept - 1]) {
        kept--;
      }
      centres[kept] = centres[b];
      means[kept] = means[b];
      kept++;
    }
    return new IsotonicCalibrator(Arrays.copyOf(centres, kept), Arrays.copyOf(means, kept));
  }

  /** Reads the map written by {@link #toMap()}. */
  public static IsotonicCalibrator fromMap(Map<String, ?> map) {
    CalibrationParameters.requireKind(map, KIND);
    return new IsotonicCalibrator(
        CalibrationParameters.numbers(map, "thresholds"),
        CalibrationParameters.numbers(map, "values"));
  }

  @Override
  public double calibrate(double raw) {
    if (Double.isNaN(raw)) {
      throw new IllegalArgumentException("raw score is NaN, expected a number");
    }
    int last = thresholds.length - 1;
    if (raw <= thresholds[0]) {
      return values[0];
    }
    if (raw >= thresholds[last]) {
      return values[last];
    }
    int found = Arrays.binarySearch(thresholds, raw);
    if (found >= 0) {
      return values[found];
    }
    int upper = -found - 1;
    int lower = upper - 1;
    double share = (raw - thresholds[lower]) / (thresholds[upper] - thresholds[lower]);
    return values[lower] + share * (values[upper] - values[lower]);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Raw scores of the knots, strictly increasing (a copy). */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** Calibrated probabilities at the knots, non-decreasing (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** {@code {"kind": "isotonic", "thresholds": [...], "values": [...]}}. */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("kind", KIND);
    map.put("thresholds", CalibrationParameters.list(thresholds));
    map.put("values", CalibrationParameters.list(values));
    return map;
  }

  @Override
  public String toString() {
    return "IsotonicCalibrator[" + thresholds.length + " knots]";
  }
}
