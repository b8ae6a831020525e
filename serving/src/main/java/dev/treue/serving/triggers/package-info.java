/**
 * Triggers in the service: evaluated in the event fold, recorded in the member's outbox, relayed to
 * the tenant's stream; their settings shown.
 */
package dev.treue.serving.triggers;
