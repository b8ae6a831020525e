package dev.treue.core.evaluation;

/**
 * One point of a precision-recall curve.
 *
 * @param threshold rows scored at or above it are flagged
 * @param recall share of churners flagged
 * @param precision share of flagged rows that churned
 */
public record PrecisionRecallPoint(double threshold, double recall, double precision) {}
