/** The training JVM's {@code ./treue} entry point and its command list (parsing and help: core.cli). */
package dev.treue.training.cli;
