/** Benchmark commands ({@code ./treue bench ...}) that print figures; the scripts in {@code bench/} run them. */
package dev.treue.training.bench;
