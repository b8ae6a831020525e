package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Predicted against observed churn rate in bins of predicted probability, with the expected
 * calibration error {@code sum_b (count_b / n) |meanPredicted_b - observedRate_b|}.
 *
 * <p>Bins hold equal numbers of rows (equal-frequency), not equal widths: churn probabilities pile
 * up in a narrow range, and equal-width bins would leave most bins empty and a few carrying all
 * the weight. Tied probabilities never straddle two bins, so a table can have fewer bins than asked
 * for (a constant prediction gives one bin).
 *
 * @param bins ordered by rising predicted probability
 * @param expectedCalibrationError weighted mean absolute gap; NaN for no rows
 */
public record CalibrationTable(List<CalibrationBin> bins, double expectedCalibrationError) {
  /** The usual number of bins. */
  public static final int DEFAULT_BINS = 10;

  /** Defensive copy; bins are immutable. */
  public CalibrationTable {
    bins = List.copyOf(bins);
  }

  /** Ten equal-frequency bins. */
  public static CalibrationTable of(double[] p, boolean[] churned) {
    return equalFrequency(p, churned, DEFAULT_BINS);
  }

  /**
   * Calibration table with {@code binCount} bins of (as nearly as ties allow) equal size.
   *
   * @param p churn probabilities in [0, 1]
   * @param churned the realised label of each row
   */
  public static CalibrationTable equalFrequency(double[] p, boolean[] churned, int binCount) {
    LabelledScores.checkProbabilities(p, churned);
    if (binCount < 1) {
      throw new IllegalArgumentException("binCount is " + binCount + ", expected at least 1");
    }
    int n = p.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
    List<CalibrationBin> bins = new ArrayList<>();
    double gapSum = 0;
    int start = 0;
    for (int b = 1; b <= binCount && start < n; b++) {
      int end = Math.max((int) Math.round((double) b * n / binCount), start + 1);
      // Extend to the end of a tie group so equal predictions land in the same bin.
      while (end < n && p[order[end]] == p[order[end - 1]]) {
        end++;
      }
      double predictedSum = 0;
      long churners = 0;
      for (int k = start; k < end; k++) {
        predictedSum += p[order[k]];
        churners += churned[order[k]] ? 1 : 0;
      }
      int count = end - start;
      double meanPredicted = predictedSum / count;
      double observedRate = (double) churners / count;
      bins.add(
          new CalibrationBin(
              p[order[start]], p[order[end - 1]], count, meanPredicted, observedRate));
      gapSum += count * Math.abs(meanPredicted - observedRate);
      start = end;
    }
    return new CalibrationTable(bins, n == 0 ? Double.NaN : gapSum / n);
  }
}
