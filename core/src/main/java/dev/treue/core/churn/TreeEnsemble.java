package dev.treue.core.churn;

import java.io.Serializable;

/**
 * Gradient-boosted trees in flat arrays, evaluated the way XGBoost's CPU predictor does: every
 * tree padded to one depth (a leaf above the bottom is copied into all the slots below it), so a
 * walk is a fixed number of steps with no object per node and no branch on the split outcome.
 * Arithmetic is float32 like XGBoost's: {@code value < threshold} goes left, a missing value (NaN)
 * follows the node's default direction, leaves add up in tree order onto the base margin.
 * Immutable, so threads share one instance.
 */
final class TreeEnsemble implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How margins become probabilities; the objectives Tribuo classifiers are trained with. */
  enum Objective {
    /** One margin; the logistic function gives the probability of output id 1. */
    BINARY_LOGISTIC,
    /** One margin per output id; softmax gives the probabilities. */
    MULTI_SOFTPROB
  }

  private final Objective objective;
  private final int outputs;
  private final float baseMargin;
  private final int depth;
  private final int[] treeOutput;
  private final int[] splitColumn;
  private final float[] threshold;
  private final byte[] missingGoesRight;
  private final int[] splitGroups;
  private final float[] leafValue;

  /**
   * @param splitColumn per tree, {@code 2^depth - 1} internal slots in breadth-first order
   * @param splitGroups per internal slot, a bit mask the caller attaches to its column (0 on padding)
   * @param leafValue per tree, {@code 2^depth} leaves left to right
   */
  TreeEnsemble(Objective objective, int outputs, float baseMargin, int depth, int[] treeOutput,
      int[] splitColumn, float[] threshold, byte[] missingGoesRight, int[] splitGroups, float[] leafValue) {
    this.objective = objective;
    this.outputs = outputs;
    this.baseMargin = baseMargin;
    this.depth = depth;
    this.treeOutput = treeOutput;
    this.splitColumn = splitColumn;
    this.threshold = threshold;
    this.missingGoesRight = missingGoesRight;
    this.splitGroups = splitGroups;
    this.leafValue = leafValue;
  }

  /** Margins per output id for XGBoost's objective (one for logistic, one per label for softprob). */
  int margins() {
    return objective == Objective.BINARY_LOGISTIC ? 1 : outputs;
  }

  int trees() {
    return treeOutput.length;
  }

  /** Which margin tree {@code t} adds to. */
  int treeOutput(int t) {
    return treeOutput[t];
  }

  /** XGBoost's initial margin: every sum starts here, then adds trees in order. */
  float baseMargin() {
    return baseMargin;
  }

  /**
   * The leaf value tree {@code t} gives {@code x} (booster columns, -0 already folded into +0).
   * The split test is the sign bit of {@code x - threshold}: exactly {@code x < threshold} for
   * every non-NaN float once -0 is gone (a difference of floats is zero only when they are equal,
   * and its sign is right even when it overflows), and it costs no unpredictable branch.
   */
  float leaf(int t, float[] x) {
    int internal = (1 << depth) - 1;
    int base = t * internal;
    int n = 0;
    for (int d = 0; d < depth; d++) {
      int slot = base + n;
      float v = x[splitColumn[slot]];
      int right = (Float.floatToRawIntBits(v - threshold[slot]) >>> 31) ^ 1;
      if (v != v) {
        right = missingGoesRight[slot];
      }
      n = 2 * n + 1 + right;
    }
    return leafValue[t * (internal + 1) + n - internal];
  }

  /**
   * Like {@link #leaf} and also ORs the group masks of the splits on the path into
   * {@code groupsOut[0]}: a vector that differs from {@code x} only outside those groups takes the
   * same path, so it lands on the same leaf.
   */
  float leafWithPathGroups(int t, float[] x, int[] groupsOut) {
    int internal = (1 << depth) - 1;
    int base = t * internal;
    int n = 0;
    int groups = 0;
    for (int d = 0; d < depth; d++) {
      int slot = base + n;
      float v = x[splitColumn[slot]];
      groups |= splitGroups[slot];
      int right = (Float.floatToRawIntBits(v - threshold[slot]) >>> 31) ^ 1;
      if (v != v) {
        right = missingGoesRight[slot];
      }
      n = 2 * n + 1 + right;
    }
    groupsOut[0] = groups;
    return leafValue[t * (internal + 1) + n - internal];
  }

  /**
   * The probability of output id {@code output} from the margins at {@code from}, with XGBoost's
   * float transforms: {@code 1 / (1 + expf(-m))}, or its softmax (max subtracted, the sum of the
   * exponentials kept in double, then one float division).
   */
  double probability(float[] margins, int from, int output) {
    if (objective == Objective.BINARY_LOGISTIC) {
      float p = 1.0f / (1.0f + expf(-margins[from]));
      // The native path reads the one column as output 1 and takes 1 - p in float for output 0.
      return output == 1 ? p : 1.0f - p;
    }
    float max = margins[from];
    for (int k = 1; k < outputs; k++) {
      max = Math.max(max, margins[from + k]);
    }
    double sum = 0;
    float mine = 0;
    for (int k = 0; k < outputs; k++) {
      float e = expf(margins[from + k] - max);
      sum += e;
      if (k == output) {
        mine = e;
      }
    }
    return mine / (float) sum;
  }

  private static float expf(float x) {
    return (float) Math.exp(x);
  }
}
