package dev.treue.training.ingest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What validating one table found.
 *
 * @param table {@code events} or {@code customers}
 * @param source the file or folder read
 * @param rowsRead data rows (header and blank lines not counted)
 * @param rejected rows that broke a rule, each listed in {@code rejectsFile}
 * @param duplicates valid rows whose id had already been seen on an earlier line; counted once
 * @param rejectsFile the rejects file (header only when nothing was rejected)
 */
public record TableSummary(
    String table, String source, long rowsRead, long rejected, long duplicates, Path rejectsFile) {

  /** Rows in the returned dataset: read, minus rejected, minus repeated ids. */
  public long valid() {
    return rowsRead - rejected - duplicates;
  }

  /** Rejected share of the rows read; 0 for an empty table. */
  public double rejectShare() {
    return rowsRead == 0 ? 0 : (double) rejected / rowsRead;
  }

  /** One line for logs and the command output. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s: %,d rows read from %s, %,d rejected (%.2f%%, see %s), %,d duplicate ids counted once, %,d valid",
        table,
        rowsRead,
        source,
        rejected,
        100 * rejectShare(),
        rejectsFile,
        duplicates,
        valid());
  }
}
