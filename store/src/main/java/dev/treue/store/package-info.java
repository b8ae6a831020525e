/**
 * The Redis feature cache, shared by the Spark jobs that fill it and the service that reads it and
 * folds events into it: the versioned, tenant-prefixed key schema ({@link dev.treue.store.RedisKeys}),
 * the stored member state ({@link dev.treue.store.StoredState}), at-risk list entries, connections to
 * a single Redis or a Redis Cluster, and an embedded real Redis for zero-setup runs.
 */
package dev.treue.store;
