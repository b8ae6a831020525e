/** The {@code ./treue} command line of the training JVM: parsing, help, and the command list. */
package dev.treue.training.cli;
