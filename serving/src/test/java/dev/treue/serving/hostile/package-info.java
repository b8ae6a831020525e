/**
 * The hostile-client suite: a hostile or careless client against a running service and a real
 * Redis (slow and half-sent requests without a key, Unicode edge ids in every field, reused request
 * ids, erase then keyspace enumeration, budget arithmetic at the smallest unit, extreme bundles,
 * arrival order and state bounds).
 */
package dev.treue.serving.hostile;
