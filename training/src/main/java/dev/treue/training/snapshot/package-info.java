/** Point-in-time feature snapshots and labels, built on Spark from the core feature code. */
package dev.treue.training.snapshot;
