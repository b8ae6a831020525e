/**
 * JMH benchmarks of Treue's hot paths, run from the uber jar by {@code bench/} scripts: the
 * service's per-member scoring ({@link dev.treue.benchmarks.ScoringPathBenchmark}) on synthetic
 * members and a model trained like the product's.
 */
package dev.treue.benchmarks;
