package dev.treue.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Rows sorted by score, highest first, with tied scores merged into one group.
 *
 * <p>Every ranking metric (ROC, precision-recall, average precision, gains, lift) reads the same
 * cumulative counts, so ties are treated identically everywhere: a group of equal scores is one
 * threshold, never split in an order that depends on the input order.
 */
final class ScoreRanking {
  /** Distinct scores, descending. */
  final double[] thresholds;

  /** Rows with a score >= thresholds[g]. */
  final long[] cumulativeRows;

  /** Churned rows with a score >= thresholds[g]. */
  final long[] cumulativePositives;

  final long positives;
  final long negatives;

  private ScoreRanking(
      double[] thresholds, long[] rows, long[] positivesAbove, long positives, long n) {
    this.thresholds = thresholds;
    this.cumulativeRows = rows;
    this.cumulativePositives = positivesAbove;
    this.positives = positives;
    this.negatives = n - positives;
  }

  static ScoreRanking of(double[] scores, boolean[] churned) {
    LabelledScores.check(scores, churned);
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    double[] thresholds = new double[n];
    long[] rows = new long[n];
    long[] positivesAbove = new long[n];
    int groups = 0;
    long seen = 0;
    long hits = 0;
    for (int i = 0; i < n; i++) {
      seen++;
      if (churned[order[i]]) {
        hits++;
      }
      boolean lastOfGroup = i + 1 == n || scores[order[i + 1]] != scores[order[i]];
      if (lastOfGroup) {
        thresholds[groups] = scores[order[i]];
        rows[groups] = seen;
        positivesAbove[groups] = hits;
        groups++;
      }
    }
    return new ScoreRanking(
        Arrays.copyOf(thresholds, groups),
        Arrays.copyOf(rows, groups),
        Arrays.copyOf(positivesAbove, groups),
        hits,
        n);
  }

  int groups() {
    return thresholds.length;
  }

  long n() {
    return positives + negatives;
  }

  /**
   * Churned rows expected among the {@code rows} highest-scored rows, for a real-valued row count.
   *
   * <p>Inside a tie group the count is interpolated linearly, which is the expectation over every
   * way of breaking the tie: the answer does not depend on the input order.
   */
  double positivesInTop(double rows) {
    if (rows <= 0) {
      return 0;
    }
    long previousRows = 0;
    long previousPositives = 0;
    for (int g = 0; g < groups(); g++) {
      if (rows <= cumulativeRows[g]) {
        double share = (rows - previousRows) / (cumulativeRows[g] - previousRows);
        return previousPositives + share * (cumulativePositives[g] - previousPositives);
      }
      previousRows = cumulativeRows[g];
      previousPositives = cumulativePositives[g];
    }
    return positives;
  }
}
