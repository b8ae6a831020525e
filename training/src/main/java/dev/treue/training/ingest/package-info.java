/**
 * Getting loyalty data into Treue: Spark readers that validate every row of the {@code customers}
 * and {@code events} tables against the data contract (rejects file, counts, a failure threshold,
 * duplicate ids counted once), and importers that turn plain transaction logs (CDNOW, shop exports)
 * into contract tables. Row rules live in {@code dev.treue.core.ingest} so the HTTP service applies
 * the same ones. A folder validated once ({@code validate --out}, {@link
 * dev.treue.training.ingest.ValidatedFolder}) is read by every job without validating again.
 */
package dev.treue.training.ingest;
