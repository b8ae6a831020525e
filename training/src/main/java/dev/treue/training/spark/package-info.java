/** Spark session set-up shared by every job: local mode on loopback, or whatever spark-submit gives. */
package dev.treue.training.spark;
