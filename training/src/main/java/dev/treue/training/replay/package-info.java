/**
 * The one replay of a member's history: {@link dev.treue.training.replay.StreamedHistories} brings
 * each member's profile and events together (from a validated folder's member buckets without a
 * shuffle, read from Parquet's column batches by {@link
 * dev.treue.training.replay.ColumnarHistories}; otherwise in one shuffle, sorted) and hands every
 * job the member's history one member at a time; {@link dev.treue.training.replay.MemberReplay}
 * folds it in time order
 * (ties by event id) from the profile the member had before it. Feature snapshots, batch scoring,
 * materialize, KPIs, the trigger sweep and its uplift, and offer exposures all replay this way, so
 * training, the batch and the service see the same state. {@link
 * dev.treue.training.replay.MemberHistories} gives the same histories as one row per member with a
 * list of events, to look at in a notebook or check the jobs against in a test.
 */
package dev.treue.training.replay;
