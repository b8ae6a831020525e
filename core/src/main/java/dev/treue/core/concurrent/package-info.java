/** Small helpers for Treue's own threads, shared by the jobs and the service. */
package dev.treue.core.concurrent;
