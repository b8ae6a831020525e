/** Trigger kinds, firings and the control group: what makes Treue act on a member. */
package dev.treue.core.trigger;
