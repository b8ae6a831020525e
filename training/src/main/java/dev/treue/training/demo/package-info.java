/** {@code ./treue demo}: the training side end to end on a small generated programme. */
package dev.treue.training.demo;
