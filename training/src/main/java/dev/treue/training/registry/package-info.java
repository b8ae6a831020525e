/**
 * The model registry: versioned model bundles under {@code <root>/<kind>/<version>/} on any
 * Hadoop-compatible file system (a local folder by default, or {@code file:}, {@code hdfs:},
 * {@code s3a:} URIs), a {@code CURRENT} pointer and an append-only {@code history.jsonl} per kind,
 * the {@link dev.treue.training.registry.QualityGate} that decides whether a newly published model
 * becomes current, and the {@code ./treue models ...} commands ({@code models pull} mirrors a version into a
 * local folder the service reads). Reading goes through core's {@link dev.treue.core.registry.RegistryReader},
 * which the service uses too; {@code RegistryFileSystem} is its Hadoop file-system port.
 */
package dev.treue.training.registry;
