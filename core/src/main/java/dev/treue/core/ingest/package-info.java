/**
 * Validation of input rows against the data contract ({@code events}, {@code customers}): one row of
 * text fields becomes either a typed value or a rejection reason that names the column and what was
 * expected. Pure Java and allocation-light, because Spark imports run it on millions of rows and the
 * HTTP service on every posted event; bad rows are ordinary results here, never exceptions.
 */
package dev.treue.core.ingest;
