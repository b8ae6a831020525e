package dev.treue.training.registry;

import java.time.Instant;

/**
 * One stored version of a model kind, as {@link ModelRegistry#list} reports it.
 *
 * @param version the version name, sortable in creation order
 * @param created creation time, read from the version name (UTC, second precision)
 * @param metrics the version's {@code metrics.json}; empty when missing or unreadable
 * @param current this version is the kind's current model
 */
public record ModelVersion(
    String version, Instant created, ModelMetrics metrics, boolean current) {}
