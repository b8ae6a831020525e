package dev.treue.training.materialize;

/**
 * What a load wrote and how long it took.
 *
 * @param states member states written
 * @param listed at-risk rows written
 * @param optedOut members marked as withholding profiling consent
 * @param seconds wall time of the replay and write stage (after reading the data)
 * @param writeSeconds summed task time spent in Redis pipelines
 */
public record MaterializeResult(long states, long listed, long optedOut, double seconds, double writeSeconds) {}
