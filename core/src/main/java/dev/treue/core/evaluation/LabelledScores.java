package dev.treue.core.evaluation;

/** Checks shared by every metric: one finite score per label, probabilities where they are needed. */
final class LabelledScores {
  private LabelledScores() {}

  static void check(double[] scores, boolean[] churned) {
    if (scores.length != churned.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: " + scores.length + " vs " + churned.length);
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException(
            "score " + i + " is " + scores[i] + ", expected a finite number");
      }
    }
  }

  static void checkProbabilities(double[] p, boolean[] churned) {
    check(p, churned);
    for (int i = 0; i < p.length; i++) {
      if (p[i] < 0 || p[i] > 1) {
        throw new IllegalArgumentException(
            "probability "
                + i
                + " is "
                + p[i]
                + ", expected a value in [0, 1]"
                + " (use BinaryMetrics.ofScores for ranking scores)");
      }
    }
  }
}
