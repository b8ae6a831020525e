/** Small helpers for Treue's own threads and sums on every core, shared by the jobs and the service. */
package dev.treue.core.concurrent;
