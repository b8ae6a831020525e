/**
 * The Redis feature cache, shared by the Spark jobs that fill it and the service that reads it and
 * folds events into it: the versioned, tenant-prefixed key schema ({@link dev.treue.store.RedisKeys}),
 * the stored member state ({@link dev.treue.store.StoredState}), at-risk list entries, connections to
 * a single Redis or a Redis Cluster, and an embedded real Redis for zero-setup runs. The service's side: member reads
 * ({@link dev.treue.store.MemberReader}, one command per member, pipelined for many), the atomic and
 * idempotent event update ({@link dev.treue.store.MemberEventWriter}, a Lua compare-and-set on the
 * revision), at-risk list slices ({@link dev.treue.store.AtRiskStore}) and export/erase
 * ({@link dev.treue.store.MemberRecords}); all tested on a single Redis and on a real cluster.
 */
package dev.treue.store;
