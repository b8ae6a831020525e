package dev.treue.training.registry;

import java.util.Optional;

/**
 * The outcome of {@link ModelRegistry#publish}: the version is always stored; it is current only
 * when the gate passed.
 *
 * @param kind model kind, e.g. {@code churn}
 * @param version the new version name
 * @param promoted the new version is now current
 * @param reason the gate's reason, naming both AUCs
 * @param previousCurrent the version that was current before publishing, if any
 */
public record PublishResult(
    String kind,
    String version,
    boolean promoted,
    String reason,
    Optional<String> previousCurrent) {}
