package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.training.files.Location;
import dev.treue.training.spark.SparkSessions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue validate}: reads a data folder the way every job does and prints what validation
 * found, with the rows per second, so bad exports are caught before a long training run. With
 * {@code --out} it keeps what it validated ({@link ValidatedFolder}), so the jobs that follow skip
 * parsing and checking every row again.
 */
public final class ValidateCommand implements Command {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String summary() {
    return "check a data folder against the contract and write rejects files; --out keeps the"
        + " valid rows for the jobs";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required(
            "data",
            "folder with customers and events, and optionally offers and impressions (CSV, CSV.gz"
                + " or Parquet)"),
        Option.of(
            "rejects", "work/rejects", "folder for the rejects files (events.rejects.csv, ...)"),
        IngestArguments.MAX_REJECT_SHARE,
        Option.of(
            "now", "", "ISO instant that later events count as future (empty: the current time)"),
        Option.of(
            "out",
            "",
            "also write every table's valid rows to this new folder as Parquet, which every"
                + " command reads without validating again; other files are copied"));
  }

  @Override
  public int run(Arguments a) throws Exception {
    Instant now = Instant.now();
    if (a.has("now")) {
      try {
        now = Instant.parse(a.string("now"));
      } catch (DateTimeParseException e) {
        throw new UsageException(
            "option --now expects an ISO instant such as 2024-06-01T00:00:00Z, got '"
                + a.get("now")
                + "'");
      }
    }
    IngestOptions options =
        new IngestOptions(now, a.decimal("max-reject-share"), a.path("rejects"));
    SparkSession spark = SparkSessions.forJob("validate");
    try {
      if (a.has("out")) {
        return writeValidated(spark, a, options);
      }
      LoyaltyReader reader = new LoyaltyReader(spark, options);
      Location data = IngestArguments.data(a, spark);
      for (String table : TableSpec.TABLES) {
        if (!TableSpec.REQUIRED.contains(table) && !reader.has(data, table)) {
          continue;
        }
        long start = System.nanoTime();
        ValidatedTable t = reader.table(data, table);
        print(t.summary(), "validated", (System.nanoTime() - start) / 1e9);
        t.release();
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** A table's counts and how fast it went through. */
  private static void print(TableSummary summary, String what, double seconds) {
    System.out.println(summary.describe());
    System.out.printf(
        Locale.ROOT,
        "  %s in %.1f s, %,.0f rows/s%n",
        what,
        seconds,
        summary.rowsRead() / Math.max(seconds, 1e-9));
  }

  private static int writeValidated(SparkSession spark, Arguments a, IngestOptions options) {
    long start = System.nanoTime();
    long[] tableStart = {start};
    ValidatedFolder.Written w =
        ValidatedFolder.write(
            spark,
            IngestArguments.data(a, spark),
            IngestArguments.location(a, "out", spark),
            options,
            summary -> {
              long now = System.nanoTime();
              print(summary, "validated and written", (now - tableStart[0]) / 1e9);
              tableStart[0] = now;
            });
    System.out.printf(
        Locale.ROOT,
        "Validated folder %s written in %.1f s: %d tables, members and events in %d member"
            + " buckets%s. Every command reads it without validating again (--data %s).%n",
        w.folder(),
        (System.nanoTime() - start) / 1e9,
        w.tables().size(),
        w.memberBuckets(),
        w.copied().isEmpty() ? "" : ", copied " + String.join(", ", w.copied()),
        a.get("out"));
    return 0;
  }
}
