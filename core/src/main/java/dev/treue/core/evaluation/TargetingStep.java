package dev.treue.core.evaluation;

/**
 * One row of a {@link TargetingTable}: contacting the top {@code percent} of members.
 *
 * @param percent share of members contacted, 1 to 100
 * @param contacted members contacted
 * @param churnersReached churners among them (pro rata through a tie, so possibly fractional)
 * @param falseAlarms contacted members who did not churn
 * @param valueAtRiskCovered the summed value at risk of the contacted members
 */
public record TargetingStep(
    int percent,
    long contacted,
    double churnersReached,
    double falseAlarms,
    double valueAtRiskCovered) {}
