/**
 * Triggers: the kinds a programme can act on, their per-tenant settings, and the pure evaluation of
 * the event-driven ones.
 */
package dev.treue.core.trigger;
