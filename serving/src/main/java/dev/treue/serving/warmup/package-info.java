/** The start's warm-up: the service's own request code run on made-up members before readiness. */
package dev.treue.serving.warmup;
