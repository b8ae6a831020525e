/**
 * The HTTP load check of {@code bench/triggers.sh}: an open-loop driver of {@code POST /v1/events}
 * and churn-risk reads ({@link dev.treue.benchmarks.load.OpenLoopLoad}) and a webhook receiver that
 * answers every delivery after a fixed pause ({@link dev.treue.benchmarks.load.SlowReceiver}).
 */
package dev.treue.benchmarks.load;
