package dev.treue.training.uplift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.treue.core.cli.Arguments;
import dev.treue.core.cli.Command;
import dev.treue.core.cli.Option;
import dev.treue.core.cli.UsageException;
import dev.treue.core.customer.MemberStatus;
import dev.treue.core.trigger.Holdout;
import dev.treue.core.trigger.TriggerKind;
import dev.treue.store.RedisEndpoint;
import dev.treue.store.RedisKeys;
import dev.treue.store.UpliftDocuments;
import dev.treue.training.ingest.IngestArguments;
import dev.treue.training.ingest.LoyaltyData;
import dev.treue.training.kpis.KpisCommand;
import dev.treue.training.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Option.of(
                "trigger",
                "all",
                "trigger kinds to compare their firers for, repeatable or comma separated; all: every kind"
                    + " the data can show; none: only the whole groups")
            .shownAs("KIND")
            .asRepeatable(),
        Option.of(
            "active-days",
            String.valueOf(MemberStatus.DEFAULT_ACTIVE_DAYS),
            "the activity window of became_lapsed, as the served model bundle's active_days"),
        Option.of("out", "", "folder for uplift.json (empty: DATA/uplift)"),
        Option.of(
            "redis",
            "",
            "also store the result in this Redis (redis://host:port), for GET /v1/uplift"),
        Option.of("tenant", "default", "the programme's key prefix in Redis"),
        Option.of(
            "namespace",
            RedisKeys.DEFAULT_NAMESPACE,
            "first segment of every Redis key (the service's namespace)"),
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
        under 30 members are reported as too small to tell.

        Per trigger (--trigger): the members for whom the kind fired in the period, by the service's own rules
        replayed over each member's history (core TriggerEvaluator on every event, TimeTriggerEvaluator once a
        day, default parameters), treated against held out, with outcomes in the --horizon days after each
        member's first firing of the kind. churn_risk_crossed needs the served model's scores of every state
        and cannot be replayed from the data. With --redis the result is stored for GET /v1/uplift and the
        dashboard.""";
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
    List<TriggerKind> kinds = kinds(a.string("trigger"));
    int activeDays = a.integer("active-days");
    if (activeDays < 1 || activeDays > 3_650) {
      throw new UsageException(
          "--active-days: " + activeDays + " is out of range; expected 1 to 3650 days");
    }
    RedisKeys keys = null;
    if (a.has("redis")) {
      RedisEndpoint.parse(a.string("redis"));
      try {
        keys = new RedisKeys(a.string("namespace"), a.string("tenant"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    Path out = IngestArguments.outputBesideData(a, "out", "uplift");
    SparkSession spark = SparkSessions.forJob("uplift");
    try {
      LoyaltyData data =
          LoyaltyData.read(spark, IngestArguments.data(a, spark), IngestArguments.options(a));
      UpliftJob.Arms arms =
          UpliftJob.arms(data.memberRows(), data.eventRows(), holdout, from, to, horizon);
      Map<TriggerKind, UpliftEstimate> triggers = new LinkedHashMap<>();
      if (!kinds.isEmpty()) {
        UpliftJob.byTrigger(
                data.memberRows(), data.eventRows(), holdout, kinds, from, to, horizon, activeDays)
            .forEach((k, arm) -> triggers.put(k, UpliftEstimate.of(arm.treated(), arm.heldOut())));
      }
      data.release();
      UpliftReport report =
          new UpliftReport(
              from,
              to,
              horizon,
              holdout,
              UpliftEstimate.of(arms.treated(), arms.heldOut()),
              arms.lastEventDay(),
              triggers);
      System.out.print(report.text());
      Files.createDirectories(out);
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      Path file = out.resolve("uplift.json");
      String document = json.writeValueAsString(report.json(json));
      Files.writeString(file, document + "\n");
      System.out.println("uplift: wrote " + file);
      if (keys != null) {
        try (var redis =
            RedisEndpoint.parse(a.string("redis")).connect(Duration.ofSeconds(10), 1)) {
          new UpliftDocuments(redis).put(keys, document);
        }
        System.out.println(
            "uplift: stored in Redis as " + keys.upliftDocument() + " (GET /v1/uplift)");
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * The kinds of {@code --trigger}: wire names, {@code all} (every kind but churn_risk_crossed, which needs
   * the served model's scores) or {@code none}.
   */
  static List<TriggerKind> kinds(String option) {
    Set<TriggerKind> kinds = EnumSet.noneOf(TriggerKind.class);
    for (String part : option.split(",")) {
      String name = part.trim();
      if (name.equals("none")) {
        continue;
      }
      if (name.equals("all")) {
        for (TriggerKind k : TriggerKind.values()) {
          if (k != TriggerKind.CHURN_RISK_CROSSED) {
            kinds.add(k);
          }
        }
        continue;
      }
      TriggerKind kind;
      try {
        kind = TriggerKind.fromWire(name);
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--trigger: '"
                + name
                + "' is no trigger kind; expected all, none or one of "
                + String.join(", ", TriggerKind.wireNames()));
      }
      if (kind == TriggerKind.CHURN_RISK_CROSSED) {
        throw new UsageException(
            "--trigger: churn_risk_crossed cannot be replayed from the data: it fires on the served model's"
                + " score of every state");
      }
      kinds.add(kind);
    }
    return List.copyOf(kinds);
  }
}
