/**
 * {@code ./treue triggers sweep}: the time-driven triggers of every member of a data folder on one
 * day, evaluated by the core {@link dev.treue.core.trigger.TimeTriggerEvaluator} on the one member
 * replay ({@link dev.treue.training.replay.MemberReplay}), written to {@code firings.csv} and/or
 * claimed through the store's {@link dev.treue.store.TimeTriggerClaims} and relayed to the tenant's
 * firing stream, so the batch and the service's sweep fire each (kind, member, period) once between
 * them.
 */
package dev.treue.training.triggers;
