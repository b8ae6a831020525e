package dev.treue.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes the numbers of a calibrator's map form, naming the entry that is wrong. */
final class CalibrationParameters {
  private CalibrationParameters() {}

  static void requireKind(Map<String, ?> map, String expected) {
    if (!expected.equals(map.get("kind"))) {
      throw new IllegalArgumentException(
          "calibrator kind is " + map.get("kind") + ", expected \"" + expected + "\"");
    }
  }

  static double number(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(
          "calibrator entry \"" + key + "\" is " + value + ", expected a number");
    }
    return number.doubleValue();
  }

  /** Accepts a {@code double[]} or a list of numbers (JSON readers give Integer for 0 and 1). */
  static double[] numbers(Map<String, ?> map, String key) {
    Object value = map.get(key);
    if (value instanceof double[] array) {
      return array.clone();
    }
    if (value instanceof List<?> list) {
      double[] array = new double[list.size()];
      for (int i = 0; i < array.length; i++) {
        if (!(list.get(i) instanceof Number number)) {
          throw new IllegalArgumentException(
              "calibrator entry \""
                  + key
                  + "\"["
                  + i
                  + "] is "
                  + list.get(i)
                  + ", expected a number");
        }
        array[i] = number.doubleValue();
      }
      return array;
    }
    throw new IllegalArgumentException(
        "calibrator entry \"" + key + "\" is " + value + ", expected a list of numbers");
  }

  static List<Double> list(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return List.copyOf(list);
  }

  static void checkLabelledRows(double[] raw, boolean[] churned, double[] weights) {
    if (raw.length != churned.length || raw.length != weights.length) {
      throw new IllegalArgumentException(
          "raw scores, labels and weights differ in length: "
              + raw.length
              + ", "
              + churned.length
              + ", "
              + weights.length);
    }
    if (raw.length == 0) {
      throw new IllegalArgumentException("no rows to fit a calibrator on");
    }
    for (int i = 0; i < raw.length; i++) {
      if (!Double.isFinite(raw[i])) {
        throw new IllegalArgumentException(
            "raw score " + i + " is " + raw[i] + ", expected a finite number");
      }
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight " + i + " is " + weights[i] + ", expected a finite value >= 0");
      }
    }
  }

  static double[] unitWeights(int n) {
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1.0);
    return weights;
  }
}
