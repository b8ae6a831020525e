package dev.treue.training.ingest;

import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.training.spark.SparkSessions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue validate}: reads a data folder the way every job does and prints what validation
 * found, with the rows per second, so bad exports are caught before a long training run.
 */
public final class ValidateCommand implements Command {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String summary() {
    return "check customers and events of a data folder against the contract; write rejects files";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV, CSV.gz or Parquet)"),
        Option.of(
            "rejects", "work/rejects", "folder for customers.rejects.csv and events.rejects.csv"),
        IngestArguments.MAX_REJECT_SHARE,
        Option.of(
            "now", "", "ISO instant that later events count as future (empty: the current time)"));
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
      LoyaltyReader reader = new LoyaltyReader(spark, options);
      for (String table : List.of("customers", "events")) {
        long start = System.nanoTime();
        ValidatedTable t =
            table.equals("customers")
                ? reader.members(a.path("data"))
                : reader.events(a.path("data"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(t.summary().describe());
        System.out.printf(
            Locale.ROOT,
            "  validated in %.1f s, %,.0f rows/s%n",
            seconds,
            t.summary().rowsRead() / Math.max(seconds, 1e-9));
        t.release();
      }
      return 0;
    } finally {
      spark.stop();
    }
  }
}
