/**
 * Gradient-boosted trees evaluated exactly as XGBoost does, behind one {@link dev.treue.core.trees.ScorePredictor}:
 * the booster's trees read into flat arrays and evaluated in Java, the native booster, or Tribuo's own path,
 * plus predictions of variants that take groups of features from a reference (the churn reasons' inputs).
 * Two-label models are trained here too ({@link dev.treue.core.trees.BinaryTreesTrainer}: one tree a round
 * under {@code binary:logistic}), so training, the benchmarks and the tests fit them one way.
 */
package dev.treue.core.trees;
