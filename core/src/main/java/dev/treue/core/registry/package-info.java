/**
 * The model registry both JVMs read: the {@link dev.treue.core.registry.ModelKind}s, the one
 * {@link dev.treue.core.registry.VersionName} rule, the {@code CURRENT} pointer and layout
 * ({@link dev.treue.core.registry.RegistryReader}) over a file-system port
 * ({@link dev.treue.core.registry.RegistryFiles}), and the shared bundle folder form with its kind,
 * feature-spec and base-rate rules ({@link dev.treue.core.registry.BundleFormat}). Writing stays in
 * training.
 */
package dev.treue.core.registry;
