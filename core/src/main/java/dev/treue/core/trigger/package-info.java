/** Triggers: what fires when a member crosses a line, and the control group whose members are held out. */
package dev.treue.core.trigger;
