package dev.treue.training.registry;

/**
 * What the {@link QualityGate} decided about a candidate model.
 *
 * @param passed the candidate may become current
 * @param reason one line naming both AUCs and the tolerance, for the history and the console
 */
public record GateDecision(boolean passed, String reason) {}
