package dev.treue.core.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks at most {@code max} points of a curve, spaced evenly along its length.
 *
 * <p>Spacing by path length rather than by index keeps the bends: a ROC curve of a million rows has
 * most of its points in a few flat stretches, which index spacing would oversample.
 */
final class CurveThinning {
  private CurveThinning() {}

  /** Indices of the points to keep, in order, always including the first and the last. */
  static int[] keep(double[] x, double[] y, int max) {
    int m = x.length;
    if (m <= max) {
      int[] all = new int[m];
      for (int i = 0; i < m; i++) {
        all[i] = i;
      }
      return all;
    }
    double[] length = new double[m];
    for (int i = 1; i < m; i++) {
      length[i] = length[i - 1] + Math.abs(x[i] - x[i - 1]) + Math.abs(y[i] - y[i - 1]);
    }
    double step = length[m - 1] / (max - 1);
    if (step == 0) {
      return new int[] {0, m - 1};
    }
    List<Integer> kept = new ArrayList<>();
    kept.add(0);
    double next = step;
    for (int i = 1; i < m - 1 && kept.size() < max - 1; i++) {
      if (length[i] >= next) {
        kept.add(i);
        next = (Math.floor(length[i] / step) + 1) * step;
      }
    }
    kept.add(m - 1);
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }
}
