package dev.treue.training.uplift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.trigger.Holdout;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.kpis.KpisCommand;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./treue uplift --data DIR --from DATE --to DATE [--holdout-share S --salt X]}: retention, purchases
 * and spend of the members outside the control group against those in it ({@link UpliftEstimate}), printed
 * and written to {@code uplift.json}. Share and salt must be the service's {@code holdouts} setting for the
 * tenant, so the job draws the same group.
 */
public final class UpliftCommand implements Command {
  @Override
  public String name() {
    return "uplift";
  }

  @Override
  public String summary() {
    return "compare retention, purchases and spend of contacted members against the held-out control group";
  }

  @Override
  public List<Option> options() {
    return List.of(
        Option.required("data", "folder with customers and events (CSV or Parquet)"),
        Option.required("from", "first day of the contact period, yyyy-MM-dd"),
        Option.required("to", "last day of the contact period, yyyy-MM-dd"),
        Option.of(
            "holdout-share",
            "0",
            "the tenant's control-group share, as in the service's holdouts config (0 <= share < 1)"),
        Option.of(
            "salt",
            "default",
            "the tenant's holdout salt (the service's default is the tenant id)"),
        Option.of(
            "horizon",
            String.valueOf(KpisCommand.DEFAULT_HORIZON_DAYS),
            "days after the period's last day the outcome window runs on"),
        Option.of("out", "", "folder for uplift.json (empty: DATA/uplift)"),
        IngestArguments.MAX_REJECT_SHARE,
        IngestArguments.WORK);
  }

  @Override
  public String details() {
    return """
        Every member who signed up by --to is assigned as the service assigns them (SHA-256 of salt and member
        id): held out or treated. A member counts as contacted with an offer_sent event in the period; the
        outcome window runs from --from to --horizon days after --to for both groups. The groups are compared
        as assigned (so how contacts were chosen cannot bias it); the effect per contacted member divides
        that difference by the difference in contact shares. Intervals are 95%, normal approximation; groups
        under 30 members are reported as too small to tell.""";
  }

  @Override
  public int run(Arguments a) throws Exception {
    LocalDate from = a.date("from");
    LocalDate to = a.date("to");
    if (to.isBefore(from)) {
      throw new UsageException("--to: " + to + " is before --from " + from);
    }
    int horizon = a.integer("horizon");
    if (horizon < 0 || horizon > 3_650) {
      throw new UsageException(
          "--horizon: " + horizon + " is out of range; expected 0 to 3650 days");
    }
    Holdout holdout;
    try {
      holdout = Holdout.of(a.decimal("holdout-share"), a.string("salt"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--holdout-share: " + e.getMessage());
    }
    Path out = a.has("out") ? a.path("out") : a.path("data").resolve("uplift");
    SparkSession spark = SparkSessions.forJob("uplift");
    try {
      LoyaltyData data = LoyaltyData.read(spark, a.path("data"), IngestArguments.options(a));
      UpliftJob.Arms arms =
          UpliftJob.arms(data.memberRows(), data.eventRows(), holdout, from, to, horizon);
      data.release();
      UpliftReport report =
          new UpliftReport(
              from,
              to,
              horizon,
              holdout,
              UpliftEstimate.of(arms.treated(), arms.heldOut()),
              arms.lastEventDay());
      System.out.print(report.text());
      Files.createDirectories(out);
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Path file = out.resolve("uplift.json");
      Files.writeString(file, json.writeValueAsString(report.json(json)) + "\n");
      System.out.println("uplift: wrote " + file);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
