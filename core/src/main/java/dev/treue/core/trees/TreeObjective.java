package dev.treue.core.trees;

/**
 * How XGBoost turns margins into probabilities for the objectives Tribuo classifiers train with,
 * in float like XGBoost: {@code 1 / (1 + expf(-m))}, or softmax with the maximum subtracted, the
 * exponentials summed in double and one float division.
 */
enum TreeObjective {
  /** One margin; the logistic function gives the probability of label id 1. */
  BINARY_LOGISTIC {
    @Override
    double probability(float[] sums, int from, int labels, int label) {
      float p = 1.0f / (1.0f + expf(-sums[from]));
      // The native path reads the one column as label 1 and takes 1 - p in float for label 0.
      return label == 1 ? p : 1.0f - p;
    }
  },
  /** One margin per label id. */
  MULTI_SOFTPROB {
    @Override
    double probability(float[] sums, int from, int labels, int label) {
      float max = sums[from];
      for (int k = 1; k < labels; k++) {
        max = Math.max(max, sums[from + k]);
      }
      double total = 0;
      float mine = 0;
      for (int k = 0; k < labels; k++) {
        float e = expf(sums[from + k] - max);
        total += e;
        if (k == label) {
          mine = e;
        }
      }
      return mine / (float) total;
    }
  };

  /** Probability of {@code label} from the margins at {@code sums[from...]}. */
  abstract double probability(float[] sums, int from, int labels, int label);

  private static float expf(float x) {
    return (float) Math.exp(x);
  }
}
