/**
 * Lifetime value jobs: the per-member purchase summaries the BG/NBD and Gamma-Gamma fit on, computed
 * by Spark for any number of members ({@link dev.treue.training.clv.PurchaseSummaries}), and
 * {@code ./treue train clv} ({@link dev.treue.training.clv.TrainClvCommand}), which fits both at a
 * calibration end, evaluates them on the days after it and registers them as kind {@code clv}.
 */
package dev.treue.training.clv;
