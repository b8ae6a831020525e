/**
 * The {@code ./treue} command line shared by the training and the serving JVM: commands, options, parsing,
 * help, and the command table the launcher routes by. Spark- and Vert.x-free.
 */
package dev.treue.core.cli;
