/**
 * Training the churn model: the cutoff plan, snapshots brought to the driver, candidate models
 * (logistic regression, XGBoost), isotonic calibration, baselines, the report, and publishing the
 * bundle behind the registry's quality gate.
 */
package dev.treue.training.churn;
