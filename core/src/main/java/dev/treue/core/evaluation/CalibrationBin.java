package dev.treue.core.evaluation;

/**
 * One bin of a calibration table.
 *
 * @param lower lowest predicted probability in the bin
 * @param upper highest predicted probability in the bin
 * @param count rows in the bin
 * @param meanPredicted mean predicted churn probability
 * @param observedRate share of the rows that churned
 */
public record CalibrationBin(
    double lower, double upper, long count, double meanPredicted, double observedRate) {}
