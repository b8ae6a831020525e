package dev.treue.core.trees;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Groups of feature positions (in vector order) whose variants a {@link ScorePredictor} predicts:
 * variant {@code g} of a vector takes group {@code g}'s features from a reference vector. Churn
 * reasons are one such grouping; the trees know nothing of what the groups mean. Immutable.
 */
public final class FeatureGroups implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No groups: predictions without variants. */
  public static final FeatureGroups NONE = new FeatureGroups(new int[0][]);

  /** The most groups a grouping has. */
  public static final int MAX_GROUPS = 31;

  private final int[][] features;

  /**
   * @param features per group, the positions of its features in the vectors; a position in at most
   *     one group, at most {@value #MAX_GROUPS} groups (the Java trees keep one bit per group)
   */
  public FeatureGroups(int[][] features) {
    if (features.length > MAX_GROUPS) {
      throw new IllegalArgumentException(
          features.length + " feature groups, at most " + MAX_GROUPS);
    }
    this.features = new int[features.length][];
    for (int g = 0; g < features.length; g++) {
      this.features[g] = features[g].clone();
    }
  }

  /** How many groups, so how many variants each vector has. */
  public int size() {
    return features.length;
  }

  /** The positions of group {@code g}'s features. */
  int[] features(int g) {
    return features[g];
  }

  /** Copies {@code v} with group {@code g}'s features replaced by {@code reference}'s. */
  public double[] withReference(double[] v, double[] reference, int g) {
    double[] copy = v.clone();
    for (int f : features[g]) {
      copy[f] = reference[f];
    }
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof FeatureGroups other && Arrays.deepEquals(features, other.features);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(features);
  }
}
