package dev.treue.training.materialize;

import dev.treue.training.score.AtRiskLists;

/**
 * What a load wrote and how long each stage took.
 *
 * @param states member states written
 * @param listed at-risk rows written
 * @param optedOut members marked as withholding profiling consent
 * @param replaySeconds wall time to group, fold, encode and score every member (after reading the data)
 * @param writeSeconds wall time of the Redis write stage
 * @param lists the list files written from the load's rows ({@code --lists}), or null
 * @param listSeconds wall time of writing them (0 without)
 */
public record MaterializeResult(
    long states,
    long listed,
    long optedOut,
    double replaySeconds,
    double writeSeconds,
    AtRiskLists.Written lists,
    double listSeconds) {

  /** Members (states and opt-outs) written per second of the write stage. */
  public double writeRate() {
    return (states + optedOut) / Math.max(1e-9, writeSeconds);
  }
}
