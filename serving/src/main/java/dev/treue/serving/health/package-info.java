/** Liveness and readiness checks. */
package dev.treue.serving.health;
