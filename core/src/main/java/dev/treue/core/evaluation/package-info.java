/** Metrics for probabilistic classifiers, computed the same way for models and baselines. */
package dev.treue.core.evaluation;
