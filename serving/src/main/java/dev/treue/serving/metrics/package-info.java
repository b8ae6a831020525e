/** Micrometer meters of the service; Vert.x's HTTP server metrics come from vertx-micrometer-metrics. */
package dev.treue.serving.metrics;
