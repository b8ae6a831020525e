package dev.treue.core.calibration;

import java.io.Serializable;
import java.util.Map;

/**
 * Maps a model's raw churn probability to a calibrated one, monotonically, so ranking metrics stay
 * the same and probabilities can be read as churn rates.
 *
 * <p>Implementations are immutable and {@link Serializable}; {@link #toMap()} and {@link
 * #fromMap(Map)} give a form made only of strings, numbers and lists that any JSON writer can store.
 */
public interface ProbabilityCalibrator extends Serializable {

  /** Calibrated churn probability of a raw one, inside (0, 1) so log loss stays finite. */
  double calibrate(double raw);

  /** Short name of the method, the {@code "kind"} entry of {@link #toMap()}. */
  String kind();

  /** Parameters as a map with a {@code "kind"} entry, numbers and lists of numbers. */
  Map<String, Object> toMap();

  /** Calibrates every value of {@code raw} into a new array. */
  default double[] calibrateAll(double[] raw) {
    double[] calibrated = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      calibrated[i] = calibrate(raw[i]);
    }
    return calibrated;
  }

  /**
   * Reads back the output of {@link #toMap()}, dispatching on its {@code "kind"}.
   *
   * @throws IllegalArgumentException when the kind is unknown or a parameter is missing or invalid
   */
  static ProbabilityCalibrator fromMap(Map<String, ?> map) {
    Object kind = map.get("kind");
    if (IsotonicCalibrator.KIND.equals(kind)) {
      return IsotonicCalibrator.fromMap(map);
    }
    if (PlattCalibrator.KIND.equals(kind)) {
      return PlattCalibrator.fromMap(map);
    }
    throw new IllegalArgumentException(
        "calibrator kind is "
            + kind
            + ", expected \""
            + IsotonicCalibrator.KIND
            + "\" or \""
            + PlattCalibrator.KIND
            + "\"");
  }
}
