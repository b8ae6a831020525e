package dev.treue.training.registry;

/**
 * One file inside a model version folder.
 *
 * @param name path relative to the version folder, with {@code /} separators
 * @param bytes file size
 */
public record BundleFile(String name, long bytes) {}
