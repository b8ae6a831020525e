/**
 * The one replay of a member's history: {@link dev.treue.training.replay.MemberHistories} groups each
 * member's profile and events once (or {@link dev.treue.training.replay.StreamedHistories} streams
 * them, sorted, to one partition, for the feature snapshots), and
 * {@link dev.treue.training.replay.MemberReplay} folds them in time order (ties by event id) from
 * the profile the member had before them. Snapshots, offer exposures,
 * batch scoring and materialize all replay this way, so training, the batch and the service see the
 * same state.
 */
package dev.treue.training.replay;
