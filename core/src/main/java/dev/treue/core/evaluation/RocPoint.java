package dev.treue.core.evaluation;

/**
 * One point of a ROC curve: flagging every row scored at or above {@code threshold} gives these
 * rates.
 *
 * @param threshold the score cut-off; positive infinity for the origin (flag nobody)
 * @param falsePositiveRate share of non-churners flagged
 * @param truePositiveRate share of churners flagged (recall)
 */
public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {}
