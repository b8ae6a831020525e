/**
 * {@code ./treue materialize}: replays every member's history into the core {@code CustomerState}
 * on Spark and loads it into the Redis feature cache from each partition, with the at-risk list when
 * a churn model is given. The service then folds new events into the same state.
 */
package dev.treue.training.materialize;
