/** Triggers: the kinds a programme can act on, their per-tenant settings, and the pure evaluation of event-driven ones. */
package dev.treue.core.trigger;
