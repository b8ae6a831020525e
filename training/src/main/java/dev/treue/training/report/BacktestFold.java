package dev.treue.training.report;

import java.time.LocalDate;

/**
 * One fold of the rolling-origin backtest that chose the model: the chosen candidate trained on
 * the cutoffs before {@code cutoff} and scored at it.
 *
 * @param cutoff the fold's validation cutoff
 * @param auc the chosen candidate's AUC there
 * @param logLoss its calibrated log loss there
 * @param bestBaselineAuc the best rule baseline's AUC on the same rows
 */
public record BacktestFold(LocalDate cutoff, double auc, double logLoss, double bestBaselineAuc) {}
