/**
 * The model registry: versioned model bundles under {@code <root>/<kind>/<version>/} on any
 * Hadoop-compatible file system (a local folder by default, or {@code file:}, {@code hdfs:},
 * {@code s3a:} URIs), a {@code CURRENT} pointer and an append-only {@code history.jsonl} per kind,
 * the {@link dev.treue.training.registry.QualityGate} that decides whether a newly published model
 * becomes current, and the {@code ./treue models ...} commands.
 */
package dev.treue.training.registry;
