package dev.treue.core.calibration;

/**
 * The stack of the pool-adjacent-violators algorithm: blocks of consecutive points whose churn
 * rates never decrease. Adding a point below the previous block's rate pools them, repeatedly.
 */
final class PooledBlocks {
  private final double[] weight;
  private final double[] weightedRaw;
  private final double[] weightedChurn;
  private int size;

  PooledBlocks(int capacity) {
    weight = new double[capacity];
    weightedRaw = new double[capacity];
    weightedChurn = new double[capacity];
  }

  /** Adds the next point (in raw-score order) and pools until the rates are non-decreasing. */
  void add(double pointWeight, double pointWeightedRaw, double pointWeightedChurn) {
    weight[size] = pointWeight;
    weightedRaw[size] = pointWeightedRaw;
    weightedChurn[size] = pointWeightedChurn;
    size++;
    // Equal rates are not pooled: they keep their own knots, which only adds flat stretches.
    while (size > 1 && mean(size - 2) > mean(size - 1)) {
      weight[size - 2] += weight[size - 1];
      weightedRaw[size - 2] += weightedRaw[size - 1];
      weightedChurn[size - 2] += weightedChurn[size - 1];
      size--;
    }
  }

  int size() {
    return size;
  }

  private double mean(int block) {
    return weightedChurn[block] / weight[block];
  }

  /** Weighted mean raw score of each block, strictly increasing. */
  double[] centres() {
    double[] centres = new double[size];
    for (int b = 0; b < size; b++) {
      centres[b] = weightedRaw[b] / weight[b];
    }
    return centres;
  }

  /** Weighted churn rate of each block, non-decreasing. */
  double[] means() {
    double[] means = new double[size];
    for (int b = 0; b < size; b++) {
      means[b] = Math.min(1, mean(b));
    }
    return means;
  }
}
