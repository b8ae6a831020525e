/**
 * Triggers: the kinds a programme can act on, their per-tenant settings, the pure evaluation of the
 * event-driven ones, and the control group whose members are held out.
 */
package dev.treue.core.trigger;
