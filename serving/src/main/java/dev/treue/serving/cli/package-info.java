/** The service's command line ({@code serve}, {@code hash-key}). */
package dev.treue.serving.cli;
