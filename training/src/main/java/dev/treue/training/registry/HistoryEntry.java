package dev.treue.training.registry;

import java.time.Instant;

/**
 * One line of a kind's {@code history.jsonl}.
 *
 * @param time when the change happened (UTC)
 * @param action what happened
 * @param version the version the action is about (the new current for all but gate-refused)
 * @param reason why, e.g. the gate's comparison of both AUCs
 */
public record HistoryEntry(Instant time, HistoryAction action, String version, String reason) {}
