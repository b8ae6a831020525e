package dev.treue.training.ingest;

import java.util.Locale;

/** A table had more bad rows than allowed; the rejects file says which and why. */
public final class RejectThresholdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TableSummary summary;
  private final double threshold;

  public RejectThresholdException(TableSummary summary, double threshold) {
    super(
        String.format(
            Locale.ROOT,
            "%s: %,d of %,d rows (%.2f%%) in %s were rejected, more than the allowed %.2f%%"
                + " (max reject share %s); each bad line and its reason is in %s",
            summary.table(),
            summary.rejected(),
            summary.rowsRead(),
            100 * summary.rejectShare(),
            summary.source(),
            100 * threshold,
            threshold,
            summary.rejectsFile()));
    this.summary = summary;
    this.threshold = threshold;
  }

  /** The counts that broke the threshold. */
  public TableSummary summary() {
    return summary;
  }

  /** The allowed reject share. */
  public double threshold() {
    return threshold;
  }
}
