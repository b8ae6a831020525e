/** Batch scoring on Spark: the at-risk list of every member, sorted by value at risk. */
package dev.treue.training.score;
